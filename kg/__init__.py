"""kg: Chinese company news in, a queryable RDF knowledge graph out.

Library use:

    import kg
    graph = kg.build_graph(texts=["贵州茅台董事长丁雄军表示……"])   # an rdflib Dataset
    facts = [r for r in kg.records(paths=["articles/"]) if r["kind"] == "fact"]
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["build_graph", "extractions", "records", "__version__"]


def __getattr__(name: str):
    # The API pulls in jieba, rdflib and the models: load it on first use, not on `import kg`.
    if name in ("build_graph", "extractions", "records"):
        from kg import api

        return getattr(api, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")

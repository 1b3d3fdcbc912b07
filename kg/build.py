"""`kg build`: extract the articles, assemble the graph, write graph.trig/.ttl/.html and report.json."""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from kg.ingest import InputError
from kg.io import atomic_write
from kg.model import Extraction
from kg.pipeline import build_dataset, extract_paths


def sample_dir() -> str:
    """The folder of the bundled sample article (the real Eastmoney article on i茅台)."""
    return str(resources.files("kg.data").joinpath("sample"))


@dataclass
class BuildReport:
    """What a build took in, what it found and what it wrote."""

    articles: int = 0
    failed: list[InputError] = field(default_factory=list)
    entities: Counter = field(default_factory=Counter)
    facts: Counter = field(default_factory=Counter)
    files: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        """The report as written to report.json (sorted, no timings, so rebuilds are byte-identical)."""
        return {
            "articles": self.articles,
            "failed": [e.record() for e in self.failed],
            "entities_by_type": dict(sorted(self.entities.items())),
            "facts_by_predicate": dict(sorted(self.facts.items())),
            "files": self.files,
        }


def build(
    paths: list[str],
    out_dir: str | Path,
    *,
    min_confidence: float = 0.0,
    html: bool = True,
    strict: bool = False,
    errors=sys.stderr,
) -> BuildReport:
    """Build the graph of the articles under `paths` into `out_dir`; failures are reported, not fatal."""
    out = Path(out_dir)
    report = BuildReport()
    extractions: list[Extraction] = []
    entity_types: dict[str, str] = {}
    for item in extract_paths(paths, min_confidence=min_confidence):
        if isinstance(item, InputError):
            print(f"kg: {item}", file=errors)
            report.failed.append(item)
            if strict:
                break
            continue
        extractions.append(item)
        entity_types.update((e.id, e.type) for e in item.entities.values())
        report.facts.update(f.predicate for f in item.facts)
    report.articles = len(extractions)
    report.entities = Counter(entity_types.values())
    dataset = build_dataset(extractions)
    from kg.rdf.serialize import serialize

    outputs = {"graph.trig": "trig", "graph.ttl": "turtle"}
    for name, fmt in outputs.items():
        atomic_write(out / name, serialize(dataset, fmt))
        report.files.append(name)
    if html:
        from kg.viz import write_html

        write_html(dataset, out / "graph.html")
        report.files.append("graph.html")
    report.files.append("report.json")
    atomic_write(out / "report.json", json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n")
    return report

"""Graph stores and loading a built graph from an RDF file."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset

from kg.rdf.vocab import bind_prefixes

# file suffix -> rdflib parser name
RDF_SUFFIXES = {
    ".trig": "trig",
    ".ttl": "turtle",
    ".nt": "nt",
    ".nq": "nquads",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".xml": "xml",
    ".owl": "xml",
}


class GraphLoadError(Exception):
    """A graph file or store that cannot be opened; says which and why."""


def load_dataset(source: str | Path) -> Dataset:
    """A built graph (an RDF file, named graphs kept) as an rdflib Dataset."""
    path = Path(source)
    if not path.exists():
        raise GraphLoadError(f"{path}: no such file or directory")
    fmt = RDF_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise GraphLoadError(f"{path}: unknown RDF format (known suffixes: {', '.join(RDF_SUFFIXES)})")
    ds = Dataset(default_union=True)
    bind_prefixes(ds)
    try:
        ds.parse(str(path), format=fmt)
    except Exception as err:  # rdflib raises many kinds of parse errors
        raise GraphLoadError(f"{path}: cannot parse as {fmt}: {err}") from None
    return ds

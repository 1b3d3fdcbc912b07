"""Graph stores (Oxigraph in memory or on disk, rdflib in memory, any SPARQL server) and loading a graph.

A store is chosen by its spec: `memory` (Oxigraph in memory, for one-shot builds), `rdflib` (rdflib's
memory store), a folder (Oxigraph on disk), or `sparql+http://HOST:PORT/PATH`.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from kg.rdf.vocab import bind_prefixes
from kg.store import http, memory, oxigraph  # noqa: F401  (each registers itself)
from kg.store.adapter import OxigraphRdflibStore
from kg.store.base import STORES, ArticleGraph, GraphStore, StoredArticle, StoreError

__all__ = [
    "RDF_SUFFIXES",
    "STORES",
    "ArticleGraph",
    "GraphLoadError",
    "GraphStore",
    "StoreError",
    "StoredArticle",
    "is_store",
    "load_dataset",
    "open_store",
    "oxigraph_backing",
]

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


def open_store(spec: str | Path, *, read_only: bool = False) -> GraphStore:
    """The store named by `spec` (`memory`, `rdflib`, a folder, `sparql+http://...`); StoreError if none."""
    spec = str(spec)
    for _name, kind in STORES:
        if kind.handles(spec):
            return kind.open(spec, read_only=read_only)
    raise StoreError(f"{spec}: no store handles this (known: {', '.join(STORES.names())})")


def is_store(source: str | Path) -> bool:
    """Whether `source` names a store (a kg store folder or a SPARQL server) rather than an RDF file."""
    spec = str(source)
    return http.HttpStore.handles(spec) or oxigraph.is_store_dir(spec)


def oxigraph_backing(dataset: Dataset) -> ox.Store | None:
    """The on-disk Oxigraph store behind a Dataset from `load_dataset(store folder)`, else None.

    Query it directly, with `use_default_graph_as_union=True`, rather than copying the graph.
    """
    store = getattr(dataset, "store", None)
    return store.oxigraph if isinstance(store, OxigraphRdflibStore) else None


def load_dataset(source: str | Path) -> Dataset:
    """A built graph as an rdflib Dataset (union default graph, named graphs kept).

    `source` is an RDF file, a store folder made by `kg build --store` (opened read-only; SPARQL runs
    in Oxigraph) or a `sparql+http://` store (copied into memory).
    """
    if is_store(source):
        try:
            return open_store(source, read_only=True).dataset()
        except StoreError as err:
            raise GraphLoadError(str(err)) from None
    path = Path(source)
    if not path.exists():
        raise GraphLoadError(f"{path}: no such file or directory")
    if path.is_dir():
        raise GraphLoadError(f"{path}: a folder but not a kg store (make one with kg build --store)")
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

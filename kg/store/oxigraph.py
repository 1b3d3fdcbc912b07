"""The default persistent store: Oxigraph (RocksDB) in a folder, transactional, one graph per article.

Layout of a store folder: `kg-store.json` (what the folder is), `oxigraph/` (the database, which the
Oxigraph server can also serve: `oxigraph serve-read-only --location DIR/oxigraph`) and `meta/` (small
build-wide tables such as the company names learnt from markup).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset
from rdflib.query import Result

from kg.io import atomic_write
from kg.rdf.convert import Quad
from kg.rdf.vocab import KG, bind_prefixes
from kg.store.adapter import OxigraphRdflibStore
from kg.store.base import ARTICLES_QUERY, STORES, ArticleGraph, GraphStore, StoredArticle, StoreError
from kg.store.terms import from_ox_quad, to_ox_quads

MARKER = "kg-store.json"
FORMAT = {"format": "kg-store", "version": 1, "backend": "oxigraph"}


def is_store_dir(path: str | Path) -> bool:
    """Whether `path` is a folder holding a kg store."""
    return (Path(path) / MARKER).is_file()


@STORES.register("oxigraph")
class OxigraphStore(GraphStore):
    """A kg store folder backed by an on-disk Oxigraph database."""

    def __init__(self, root: Path, store: ox.Store, read_only: bool) -> None:
        self.root = root
        self._store = store
        self.read_only = read_only
        self._dataset: Dataset | None = None

    @classmethod
    def handles(cls, spec: str) -> bool:
        return "://" not in spec and spec != "memory"

    @classmethod
    def open(cls, spec: str, *, read_only: bool = False) -> OxigraphStore:
        root = Path(spec)
        if root.exists() and not root.is_dir():
            raise StoreError(f"{root}: not a folder (a store is a folder)")
        if root.is_dir() and not is_store_dir(root) and any(root.iterdir()):
            raise StoreError(f"{root}: not a kg store (no {MARKER}) and not empty")
        if read_only and not is_store_dir(root):
            raise StoreError(f"{root}: no kg store here")
        try:
            if read_only:
                store = ox.Store.read_only(str(root / "oxigraph"))
            else:
                root.mkdir(parents=True, exist_ok=True)
                store = ox.Store(str(root / "oxigraph"))
                if not is_store_dir(root):
                    atomic_write(root / MARKER, json.dumps(FORMAT, indent=2) + "\n")
        except OSError as err:
            reason = "in use by another process" if "lock" in str(err).lower() else str(err)
            raise StoreError(f"{root}: cannot open the store ({reason})") from None
        return cls(root, store, read_only)

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph Store."""
        return self._store

    def put_articles(self, graphs: Iterable[ArticleGraph]) -> None:
        fresh: list[ArticleGraph] = []
        for graph in graphs:
            if self._store.contains_named_graph(ox.NamedNode(graph.iri)):
                self._replace(graph)
            else:
                fresh.append(graph)
        if fresh:
            # One transaction for the whole batch: every article in it is stored whole or not at all.
            self._store.extend(list(to_ox_quads(q for g in fresh for q in g.quads)))

    def _replace(self, graph: ArticleGraph) -> None:
        """Drop and insert the article's graph in one update, so readers never see it half written."""
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in to_ox_quads(graph.quads)]
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        self._store.update(
            f"DROP SILENT GRAPH <{graph.iri}> ;\nINSERT DATA {{ GRAPH <{graph.iri}> {{\n{body}}} }}"
        )

    def remove_article(self, iri: str) -> bool:
        node = ox.NamedNode(iri)
        if not self._store.contains_named_graph(node):
            return False
        self._store.remove_graph(node)
        return True

    def articles(self) -> Iterator[StoredArticle]:
        for row in self._store.query(ARTICLES_QUERY):
            yield StoredArticle(
                row["g"].value,
                row["id"].value if row["id"] is not None else "",
                row["path"].value if row["path"] is not None else "",
                row["hash"].value,
            )

    def article_hash(self, iri: str) -> str | None:
        node = ox.NamedNode(iri)
        for quad in self._store.quads_for_pattern(node, ox.NamedNode(KG.contentHash), None, node):
            return quad.object.value
        return None

    def query(self, sparql: str) -> Result:
        return self.dataset().query(sparql)

    def quads(self) -> Iterator[Quad]:
        for quad in self._store.quads_for_pattern(None, None, None, None):
            yield from_ox_quad(quad)

    def dataset(self) -> Dataset:
        if self._dataset is None:
            self._dataset = Dataset(store=OxigraphRdflibStore(self._store), default_union=True)
            bind_prefixes(self._dataset)
        return self._dataset

    def read_meta(self, name: str) -> str | None:
        path = self.root / "meta" / name
        return path.read_text("utf-8") if path.is_file() else None

    def write_meta(self, name: str, text: str) -> None:
        if self.read_only:
            raise StoreError(f"{self.root}: opened read-only")
        atomic_write(self.root / "meta" / name, text)

    def size_on_disk(self) -> int:
        """Bytes taken by the store folder."""
        return sum(p.stat().st_size for p in self.root.rglob("*") if p.is_file())

    def close(self) -> None:
        if not self.read_only:
            self._store.flush()
        self._dataset = None
        self._store = None  # releases the database lock once the last reference goes

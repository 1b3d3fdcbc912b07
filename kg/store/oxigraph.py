"""The default persistent store: Oxigraph (RocksDB) in a folder, transactional, one graph per article.

Layout of a store folder: `kg-store.json` (what the folder is), `oxigraph/` (the database, which the
Oxigraph server can also serve: `oxigraph serve-read-only --location DIR/oxigraph`) and `meta/` (small
build-wide tables such as the company names learnt from markup). Beside the article graphs the database
holds the summary graph (kg.rdf.summary), updated with every write.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset
from rdflib.query import Result

from kg.io import atomic_write
from kg.rdf.summary import FACT_COUNT, PROPERTY, TYPE, Digest, article_quads, digest_quads
from kg.rdf.terms import Quad, from_ox_quad
from kg.rdf.vocab import KG, bind_prefixes
from kg.store.adapter import OxigraphRdflibStore
from kg.store.base import ARTICLES_QUERY, STORES, ArticleGraph, GraphStore, StoredArticle, StoreError
from kg.store.summary import (
    SUMMARY,
    EdgeCache,
    graph_quads,
    pending_articles,
    pending_quads,
    summary_change,
    update_text,
)

MARKER = "kg-store.json"
_HASH = ox.NamedNode(KG.contentHash)
FORMAT = {"format": "kg-store", "version": 2, "backend": "oxigraph"}
# New articles written and counted into the summary graph together. Each bulk write adds files for the
# database to merge; written every 64 articles, they came faster than it could merge them at 30,000
# articles and writes stalled. A build stopped before a write extracts those articles again next time.
BULK_ARTICLES = 1000
SUMMARY_BATCH = 1000  # articles a stopped build left pending, counted per update when the store opens


def is_store_dir(path: str | Path) -> bool:
    """Whether `path` is a folder holding a kg store."""
    return (Path(path) / MARKER).is_file()


def store_version(root: Path) -> int:
    """The format version written in a store folder's marker (0 when unreadable)."""
    try:
        return int(json.loads((root / MARKER).read_text("utf-8")).get("version", 0))
    except (OSError, ValueError, AttributeError):
        return 0


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection inside: its passes over many new, acyclic objects halve the speed."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@STORES.register("oxigraph")
class OxigraphStore(GraphStore):
    """A kg store folder backed by an on-disk Oxigraph database."""

    keeps_summary = True  # whether writes keep the summary graph up to date

    def __init__(self, root: Path | None, store: ox.Store, read_only: bool) -> None:
        self.root = root
        self._store = store
        self.read_only = read_only
        self._dataset: Dataset | None = None
        self._unwritten: dict[str, ArticleGraph] = {}  # new articles held back for the next bulk write
        self._edges = EdgeCache()  # the summary's edges as written by this store object

    @classmethod
    def handles(cls, spec: str) -> bool:
        return "://" not in spec and spec not in ("memory", "rdflib")

    @classmethod
    def open(cls, spec: str, *, read_only: bool = False) -> OxigraphStore:
        root = Path(spec)
        if root.exists() and not root.is_dir():
            raise StoreError(f"{root}: not a folder (a store is a folder)")
        if root.is_dir() and not is_store_dir(root) and any(root.iterdir()):
            raise StoreError(f"{root}: not a kg store (no {MARKER}) and not empty")
        if read_only and not is_store_dir(root):
            raise StoreError(f"{root}: no kg store here")
        existing, version = is_store_dir(root), store_version(root)
        if read_only and version < FORMAT["version"]:
            raise StoreError(
                f"{root}: made by an older kg without the summary graph; open it for writing once "
                f"(`kg build ARTICLES --store {root}`, about 4 minutes per 10,000 articles) to add it"
            )
        try:
            if read_only:
                store = ox.Store.read_only(str(root / "oxigraph"))
            else:
                root.mkdir(parents=True, exist_ok=True)
                store = ox.Store(str(root / "oxigraph"))
        except OSError as err:
            reason = "in use by another process" if "lock" in str(err).lower() else str(err)
            raise StoreError(f"{root}: cannot open the store ({reason})") from None
        opened = cls(root, store, read_only)
        if not read_only:
            if existing and version < FORMAT["version"]:
                store.extend(list(pending_quads(a.iri for a in opened.articles())))
            opened.catch_up()
            if version != FORMAT["version"]:
                atomic_write(root / MARKER, json.dumps(FORMAT, indent=2) + "\n")
        return opened

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph Store, its summary graph up to date."""
        self.settle()
        return self._store

    def put_articles(self, graphs: Iterable[ArticleGraph]) -> None:
        for graph in graphs:
            iri = str(graph.iri)
            if iri in self._unwritten:
                self.settle()  # the same article twice: the first is written, the second replaces it
            if self._store.contains_named_graph(ox.NamedNode(iri)):
                with _collector_paused():
                    self._rewrite([iri], graph)
            elif not self.keeps_summary:
                self._insert(graph)
            else:
                self._unwritten[iri] = graph
        if len(self._unwritten) >= BULK_ARTICLES:
            self.settle()

    def _insert(self, graph: ArticleGraph) -> None:
        """Add a new article graph as it is; N-Quads are read by Oxigraph itself, with no Python objects."""
        if isinstance(graph.graph, bytes):
            self._store.load(graph.graph, format=ox.RdfFormat.N_QUADS)
        else:
            self._store.extend(graph.graph)

    def settle(self) -> None:
        """Write the new articles held back, and count them into the summary graph."""
        if not self._unwritten:
            return
        graphs, self._unwritten = list(self._unwritten.values()), {}
        with _collector_paused():  # a write makes many small, acyclic objects: nothing for the collector
            self._write_new(graphs)

    def _write_new(self, graphs: list[ArticleGraph]) -> None:
        """Store new article graphs in bulk and count them into the summary graph.

        They are flagged as pending first, then written in bulk (fast, not transactional), then completed
        by their content hashes in one transaction, and counted: a pending article without its hash is
        one a crash cut short, and `catch_up` drops it so that the next build extracts it again.
        """
        iris = [str(g.iri) for g in graphs]
        self._store.extend(list(pending_quads(iris)))
        digest, hashes = Digest(), []

        def bodies() -> Iterator[ox.Quad]:
            for graph in graphs:
                quads = graph.quads  # read here, one article at a time, and dropped once written
                digest.merge(digest_quads(quads))
                for quad in quads:
                    if quad.predicate == _HASH:
                        hashes.append(quad)
                    else:
                        yield quad

        self._store.bulk_extend(bodies())
        self._store.extend(hashes)
        self._summarise(iris, digest)

    def _summarise(self, iris: list[str], digest: Digest) -> None:
        """Count stored articles into the summary graph and clear their pending flags, in one update."""
        change = summary_change(self._store, digest, Digest(), cache=self._edges)
        delete = change.delete + list(pending_quads(iris))
        self._store.update(update_text(delete, (), change.insert))
        self._edges.update(change.edges)

    def _rewrite(self, drop: list[str], graph: ArticleGraph | None) -> None:
        """Drop article graphs and insert `graph`, with the summary's changes, in one update."""
        quads = list(graph.quads) if graph is not None else []
        if not self.keeps_summary:
            self._store.update(update_text([], drop, quads))
            return
        self.settle()  # a recount reads every article graph: they must all be counted
        minus = digest_quads(q for iri in drop for q in graph_quads(self._store, iri))
        change = summary_change(self._store, digest_quads(quads), minus, frozenset(drop), self._edges)
        self._store.update(update_text(change.delete, drop, quads + change.insert))
        self._edges.update(change.edges)

    def catch_up(self) -> int:
        """Count into the summary graph the articles a stopped build left pending; how many.

        Those it left without their content hash were cut short while being written: they are dropped.
        """
        pending = pending_articles(self._store)
        partial = [iri for iri in pending if self.article_hash(iri) is None]
        if partial:
            self._store.update(update_text(list(pending_quads(partial)), partial, []))
        complete = [iri for iri in pending if iri not in set(partial)]
        for i in range(0, len(complete), SUMMARY_BATCH):
            batch = complete[i : i + SUMMARY_BATCH]
            self._summarise(batch, digest_quads(q for iri in batch for q in graph_quads(self._store, iri)))
        return len(complete)

    def remove_article(self, iri: str) -> bool:
        self.settle()
        if not self._store.contains_named_graph(ox.NamedNode(iri)):
            return False
        self._rewrite([iri], None)
        return True

    def articles(self) -> Iterator[StoredArticle]:
        self.settle()
        for row in self._store.query(ARTICLES_QUERY):
            yield StoredArticle(
                row["g"].value,
                row["id"].value if row["id"] is not None else "",
                row["path"].value if row["path"] is not None else "",
                row["hash"].value,
            )

    def article_hash(self, iri: str) -> str | None:
        if iri in self._unwritten:
            return self._unwritten[iri].content_hash
        node = ox.NamedNode(iri)
        for quad in self._store.quads_for_pattern(node, ox.NamedNode(KG.contentHash), None, node):
            return quad.object.value
        return None

    def fact_counts(self) -> dict[str, int]:
        if not self.keeps_summary:
            return super().fact_counts()
        self.settle()
        predicates = self._store.quads_for_pattern(None, TYPE, PROPERTY, SUMMARY)
        return {
            q.subject.value: int(c.object.value)
            for q in predicates
            for c in self._store.quads_for_pattern(q.subject, FACT_COUNT, None, SUMMARY)
        }

    def query(self, sparql: str) -> Result:
        return self.dataset().query(sparql)

    def quads(self) -> Iterator[Quad]:
        self.settle()
        for quad in article_quads(self._store):
            yield from_ox_quad(quad)

    def dataset(self) -> Dataset:
        self.settle()
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
        if self._store is not None:
            self.settle()
        if not self.read_only and self.root is not None:
            self._store.flush()
        if self._dataset is not None:
            self._dataset.store.close()  # its graphs and it form a cycle that would keep the database open
        self._dataset = None
        self._store = None  # releases the database lock once the last reference goes


@STORES.register("memory")
class OxigraphMemoryStore(OxigraphStore):
    """An Oxigraph store in memory, for one-shot builds: gone when the process ends.

    It keeps no summary graph (its outputs leave it out); a query computes one on a copy.
    """

    keeps_summary = False
    persistent = False

    def __init__(self) -> None:
        super().__init__(None, ox.Store(), read_only=False)
        self._meta: dict[str, str] = {}

    @classmethod
    def handles(cls, spec: str) -> bool:
        return spec == "memory"

    @classmethod
    def open(cls, spec: str, *, read_only: bool = False) -> OxigraphMemoryStore:
        return cls()

    def read_meta(self, name: str) -> str | None:
        return self._meta.get(name)

    def write_meta(self, name: str, text: str) -> None:
        self._meta[name] = text

    def size_on_disk(self) -> int:
        """Nothing: the store lives in memory."""
        return 0

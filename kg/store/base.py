"""The interface every graph store implements: one named graph per article, replaced as a whole."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Dataset, URIRef
from rdflib.namespace import RDF
from rdflib.query import Result

from kg.rdf.convert import from_nquads
from kg.rdf.terms import Quad
from kg.rdf.vocab import KG
from kg.registry import Registry


class StoreError(Exception):
    """A store that cannot be opened, read or written; says which and why."""


@dataclass
class ArticleGraph:
    """One article's named graph, ready to be stored: its IRI, its content hash and its (Oxigraph) quads."""

    iri: URIRef
    content_hash: str
    graph: list[ox.Quad] | bytes = field(default_factory=list)  # the quads, or their N-Quads

    @property
    def quads(self) -> list[ox.Quad]:
        """The graph's quads; N-Quads are read on each call, so that a writer holds the quads only while
        it writes them (many long-lived objects would make Python's collector scan them again and again)."""
        return from_nquads(self.graph) if isinstance(self.graph, bytes) else self.graph


@dataclass(frozen=True)
class StoredArticle:
    """What a store knows about one stored article without reading its graph."""

    iri: str
    article_id: str
    path: str
    content_hash: str


LOOKUP_LIMIT = 200  # beyond this many articles, list every stored article instead of asking one by one

# The stored articles: each article node sits in its own graph, named by the same IRI.
ARTICLES_QUERY = f"""SELECT ?g ?id ?path ?hash WHERE {{
  GRAPH ?g {{ ?g <{KG.contentHash}> ?hash .
    OPTIONAL {{ ?g <{KG.articleId}> ?id }} OPTIONAL {{ ?g <{KG.path}> ?path }} }}
}}"""


class GraphStore(ABC):
    """A persistent (or in-memory) set of article graphs with SPARQL over their union."""

    persistent = True  # whether it outlives the process (and so may hold articles of earlier builds)

    @classmethod
    @abstractmethod
    def handles(cls, spec: str) -> bool:
        """Whether `spec` (a path, a URL, a name) denotes a store of this kind."""

    @classmethod
    @abstractmethod
    def open(cls, spec: str, *, read_only: bool = False) -> GraphStore:
        """Open (creating it when writable and absent) the store at `spec`."""

    @abstractmethod
    def put_articles(self, graphs: Iterable[ArticleGraph]) -> None:
        """Store each graph, replacing the article's previous graph as a whole (atomically per article)."""

    def put_article(self, graph: ArticleGraph) -> None:
        """Store one article's graph, replacing its previous graph as a whole."""
        self.put_articles([graph])

    @abstractmethod
    def remove_article(self, iri: str) -> bool:
        """Drop an article's graph; False when it was not stored."""

    @abstractmethod
    def articles(self) -> Iterator[StoredArticle]:
        """Every stored article with its id, path and content hash."""

    def article_hashes(self) -> dict[str, str]:
        """Article IRI -> stored content hash, for every stored article."""
        return {a.iri: a.content_hash for a in self.articles()}

    def article_hash(self, iri: str) -> str | None:
        """The stored content hash of one article, None when it is not stored."""
        rows = list(self.query(f"SELECT ?h WHERE {{ GRAPH <{iri}> {{ <{iri}> <{KG.contentHash}> ?h }} }}"))
        return str(rows[0][0]) if rows else None

    def stored_hashes(self, iris: Collection[str]) -> dict[str, str]:
        """IRI -> stored content hash for those of `iris` that are stored (cheap for a few IRIs)."""
        if len(iris) > LOOKUP_LIMIT:
            wanted = set(iris)
            return {iri: h for iri, h in self.article_hashes().items() if iri in wanted}
        return {iri: h for iri in iris if (h := self.article_hash(iri)) is not None}

    def has_article(self, iri: str, content_hash: str | None = None) -> bool:
        """Whether the article is stored (with this content hash, when one is given)."""
        stored = self.article_hash(iri)
        return stored is not None and (content_hash is None or stored == content_hash)

    def fact_counts(self) -> dict[str, int]:
        """Predicate IRI -> number of facts over every stored article."""
        rows = self.query(
            f"SELECT ?p (COUNT(?f) AS ?n) WHERE {{ GRAPH ?g {{ ?f <{RDF.type}> <{KG.Fact}> ; "
            f"<{RDF.predicate}> ?p }} }} GROUP BY ?p"
        )
        return {str(row[0]): int(row[1]) for row in rows}

    @abstractmethod
    def query(self, sparql: str) -> Result:
        """Run a SPARQL query over the store (the default graph is the union of the article graphs)."""

    @abstractmethod
    def quads(self) -> Iterator[Quad]:
        """Every quad of the store, as rdflib terms."""

    @abstractmethod
    def dataset(self) -> Dataset:
        """The store as an rdflib Dataset (union default graph), for code written against rdflib."""

    @abstractmethod
    def read_meta(self, name: str) -> str | None:
        """A small named text kept beside the graphs (build-wide tables), or None."""

    @abstractmethod
    def write_meta(self, name: str, text: str) -> None:
        """Keep a small named text beside the graphs."""

    def close(self) -> None:  # noqa: B027  (most stores have nothing to release)
        """Flush and release the store."""

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


STORES: Registry[type[GraphStore]] = Registry("store")

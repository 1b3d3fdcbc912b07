"""rdflib's in-memory Dataset as a store (`--store rdflib`): for tests and code that wants rdflib objects."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rdflib import Dataset, Graph, URIRef
from rdflib.query import Result

from kg.rdf.terms import Quad, from_ox_quad
from kg.rdf.vocab import bind_prefixes
from kg.store.base import ARTICLES_QUERY, STORES, ArticleGraph, GraphStore, StoredArticle


@STORES.register("rdflib")
class MemoryStore(GraphStore):
    """Article graphs in an rdflib Dataset whose default graph is the union of the article graphs."""

    persistent = False

    def __init__(self, dataset: Dataset | None = None) -> None:
        if dataset is None:
            dataset = Dataset(default_union=True)
            bind_prefixes(dataset)
        self._dataset = dataset
        self._meta: dict[str, str] = {}
        self._graphs = {g.identifier for g in dataset.graphs()}

    @classmethod
    def handles(cls, spec: str) -> bool:
        return spec == "rdflib"

    @classmethod
    def open(cls, spec: str, *, read_only: bool = False) -> MemoryStore:
        return cls()

    def put_articles(self, graphs: Iterable[ArticleGraph]) -> None:
        for graph in graphs:
            if graph.iri in self._graphs:  # removing an absent graph costs a scan in rdflib
                self._dataset.remove_graph(Graph(identifier=graph.iri))
            self._dataset.addN(map(from_ox_quad, graph.quads))
            self._graphs.add(URIRef(graph.iri))

    def remove_article(self, iri: str) -> bool:
        node = URIRef(iri)
        if node not in self._graphs:
            return False
        self._dataset.remove_graph(Graph(identifier=node))
        self._graphs.discard(node)
        return True

    def articles(self) -> Iterator[StoredArticle]:
        for row in self._dataset.query(ARTICLES_QUERY):
            yield StoredArticle(str(row.g), str(row.id or ""), str(row.path or ""), str(row.hash))

    def query(self, sparql: str) -> Result:
        return self._dataset.query(sparql)

    def quads(self) -> Iterator[Quad]:
        for s, p, o, g in self._dataset.quads((None, None, None, None)):
            yield s, p, o, getattr(g, "identifier", g)

    def dataset(self) -> Dataset:
        return self._dataset

    def read_meta(self, name: str) -> str | None:
        return self._meta.get(name)

    def write_meta(self, name: str, text: str) -> None:
        self._meta[name] = text

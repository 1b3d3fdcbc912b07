"""Any SPARQL 1.1 server as a store: one named graph per article through the Graph Store HTTP Protocol.

`sparql+http://HOST:PORT/PATH` names the Graph Store endpoint (`http://HOST:PORT/PATH`); the query
endpoint is the sibling `query` when PATH ends in `store` or `data` (Oxigraph, Fuseki), else it is given
as `?query=URL`. Replacing an article is one idempotent PUT of its graph.
"""

from __future__ import annotations

import io
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import Dataset, Literal
from rdflib.query import Result

from kg.rdf.terms import Quad
from kg.rdf.vocab import ID, KG, bind_prefixes
from kg.store.base import ARTICLES_QUERY, STORES, ArticleGraph, GraphStore, StoredArticle, StoreError

SCHEMES = ("sparql+http://", "sparql+https://")
TIMEOUT_S = 60
META_GRAPH = str(ID["meta/"])


@STORES.register("sparql+http")
class HttpStore(GraphStore):
    """A remote SPARQL 1.1 server written through the Graph Store HTTP Protocol."""

    def __init__(self, graph_store: str, query_endpoint: str, read_only: bool) -> None:
        self.graph_store = graph_store
        self.query_endpoint = query_endpoint
        self.read_only = read_only

    @classmethod
    def handles(cls, spec: str) -> bool:
        return spec.startswith(SCHEMES)

    @classmethod
    def open(cls, spec: str, *, read_only: bool = False) -> HttpStore:
        url = urllib.parse.urlsplit(spec.split("+", 1)[1])
        params = dict(urllib.parse.parse_qsl(url.query))
        graph_store = urllib.parse.urlunsplit((url.scheme, url.netloc, url.path, "", ""))
        head, _, last = url.path.rstrip("/").rpartition("/")
        if "query" in params:
            query = urllib.parse.urljoin(graph_store, params["query"])
        elif last in ("store", "data"):
            query = urllib.parse.urlunsplit((url.scheme, url.netloc, f"{head}/query", "", ""))
        else:
            raise StoreError(f"{spec}: cannot tell the query endpoint; add ?query=URL")
        store = cls(graph_store, query, read_only)
        store.query("ASK { }")  # fails early and clearly when the server is not there
        return store

    def _request(
        self, method: str, url: str, body: bytes | None = None, headers: dict | None = None
    ) -> bytes:
        req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=TIMEOUT_S) as resp:
                return resp.read()
        except urllib.error.HTTPError as err:
            if err.code == 404:
                raise FileNotFoundError(url) from None
            detail = err.read().decode("utf-8", "replace").strip().splitlines()
            raise StoreError(f"{url}: HTTP {err.code} {err.reason}: {detail[0] if detail else ''}") from None
        except (urllib.error.URLError, OSError) as err:
            reason = getattr(err, "reason", err)
            raise StoreError(f"{url}: cannot reach the SPARQL server ({reason})") from None

    def _graph_url(self, iri: str) -> str:
        return f"{self.graph_store}?{urllib.parse.urlencode({'graph': iri})}"

    def _put(self, iri: str, triples: list[ox.Triple]) -> None:
        if self.read_only:
            raise StoreError(f"{self.graph_store}: opened read-only")
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        self._request("PUT", self._graph_url(iri), body, {"Content-Type": "application/n-triples"})

    def put_articles(self, graphs: Iterable[ArticleGraph]) -> None:
        for graph in graphs:
            self._put(str(graph.iri), [ox.Triple(q.subject, q.predicate, q.object) for q in graph.quads])

    def remove_article(self, iri: str) -> bool:
        if self.read_only:
            raise StoreError(f"{self.graph_store}: opened read-only")
        try:
            self._request("DELETE", self._graph_url(iri))
        except FileNotFoundError:
            return False
        return True

    def articles(self) -> Iterator[StoredArticle]:
        for row in self.query(ARTICLES_QUERY):
            yield StoredArticle(str(row.g), str(row.id or ""), str(row.path or ""), str(row.hash))

    def query(self, sparql: str) -> Result:
        data = self._request(
            "POST",
            self.query_endpoint,
            sparql.encode("utf-8"),
            {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
        )
        return Result.parse(io.BytesIO(data), format="json")

    def quads(self) -> Iterator[Quad]:
        rows = self.query(
            "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } "
            f"FILTER(!STRSTARTS(STR(?g), {Literal(META_GRAPH).n3()})) }}"
        )
        for row in rows:
            yield row.s, row.p, row.o, row.g

    def dataset(self) -> Dataset:
        """A local in-memory copy of the server's article graphs (for small graphs: exports, pages)."""
        ds = Dataset(default_union=True)
        bind_prefixes(ds)
        ds.addN(self.quads())
        return ds

    def read_meta(self, name: str) -> str | None:
        iri = f"{META_GRAPH}{name}"
        rows = list(self.query(f"SELECT ?t WHERE {{ GRAPH <{iri}> {{ <{iri}> <{KG.text}> ?t }} }}"))
        return str(rows[0].t) if rows else None

    def write_meta(self, name: str, text: str) -> None:
        iri = f"{META_GRAPH}{name}"
        node = ox.NamedNode(iri)
        self._put(iri, [ox.Triple(node, ox.NamedNode(KG.text), ox.Literal(text))])

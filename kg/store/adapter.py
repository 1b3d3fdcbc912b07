"""An Oxigraph store seen through rdflib's Store API (read-only), so rdflib code runs over it unchanged.

Triple patterns are answered from Oxigraph's indexes and SPARQL strings run in Oxigraph itself; terms come
back exactly as rdflib's own parsers make them (a plain string literal has no datatype). The summary graph
is left out of this view (exports, drawings and analyses see the article graphs); SPARQL sees it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
from rdflib import Graph, URIRef, Variable
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import Result
from rdflib.store import Store

from kg.rdf.summary import article_quads
from kg.rdf.terms import from_ox, to_ox
from kg.store.base import StoreError
from kg.store.summary import SUMMARY


class OxigraphRdflibStore(Store):
    """rdflib's Store interface over a pyoxigraph Store; writes go through kg's GraphStore instead."""

    context_aware = True
    formula_aware = False
    transaction_aware = False
    graph_aware = True

    def __init__(self, store: ox.Store) -> None:
        super().__init__()
        self._store = store
        self._graphs: dict[object, Graph] = {}
        self._ns: dict[str, URIRef] = {}

    @property
    def oxigraph(self) -> ox.Store:
        """The pyoxigraph Store answering for this one."""
        return self._store

    def _graph(self, name) -> Graph:
        graph = self._graphs.get(name)
        if graph is None:
            ident = DATASET_DEFAULT_GRAPH_ID if isinstance(name, ox.DefaultGraph) else from_ox(name)
            graph = self._graphs[name] = Graph(store=self, identifier=ident)
        return graph

    def _graph_pattern(self, context) -> object:
        ident = getattr(context, "identifier", context)
        if ident is None:
            return None
        if ident == DATASET_DEFAULT_GRAPH_ID:
            return ox.DefaultGraph()
        return to_ox(ident)

    def triples(self, triple_pattern, context=None) -> Iterator:
        """Each matching triple once, with every graph holding it (as rdflib's own stores do)."""
        try:
            pattern = [None if t is None or isinstance(t, Variable) else to_ox(t) for t in triple_pattern]
            graph = self._graph_pattern(context)
        except (TypeError, ValueError):
            return
        shared: set[tuple] = set()  # triples held by several graphs, already given with all of them
        for quad in self._store.quads_for_pattern(*pattern, graph):
            if quad.graph_name == SUMMARY:
                continue
            key = (quad.subject, quad.predicate, quad.object)
            triple = (from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object))
            if graph is not None:
                yield triple, iter((self._graph(quad.graph_name),))
                continue
            if key in shared:
                continue
            names = [q.graph_name for q in self._store.quads_for_pattern(*key, None)]
            names = [name for name in names if name != SUMMARY]
            if len(names) > 1:
                shared.add(key)
            yield triple, iter([self._graph(name) for name in names])

    def __len__(self, context=None) -> int:
        graph = self._graph_pattern(context)
        if graph is None:
            return sum(1 for _ in article_quads(self._store))
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, graph))

    def contexts(self, triple=None) -> Iterator[Graph]:
        if triple is None:
            for name in self._store.named_graphs():
                if name != SUMMARY:
                    yield self._graph(name)
            return
        seen = set()
        for _, graphs in self.triples(triple):
            for graph in graphs:
                if graph.identifier not in seen:
                    seen.add(graph.identifier)
                    yield graph

    def query(self, query, initNs, initBindings, queryGraph, **kwargs) -> Result:  # noqa: N803
        if not isinstance(query, str) or kwargs:
            raise NotImplementedError  # rdflib then evaluates the prepared query itself
        try:
            result = self._store.query(
                query,
                use_default_graph_as_union=queryGraph == "__UNION__",
                prefixes={
                    **{p: str(n) for p, n in self._ns.items()},
                    **{p: str(n) for p, n in initNs.items()},
                },
                substitutions={ox.Variable(str(k)): to_ox(v) for k, v in initBindings.items()},
            )
        except SyntaxError as err:
            raise SyntaxError(f"SPARQL syntax error: {err}") from None
        if isinstance(result, ox.QueryBoolean):
            out = Result("ASK")
            out.askAnswer = bool(result)
        elif isinstance(result, ox.QuerySolutions):
            out = Result("SELECT")
            out.vars = [Variable(v.value) for v in result.variables]
            out.bindings = [
                {var: from_ox(value) for var, value in zip(out.vars, row, strict=True) if value is not None}
                for row in result
            ]
        else:
            out = Result("CONSTRUCT")
            out.graph = Graph()
            out.graph += (tuple(from_ox(t) for t in (tr.subject, tr.predicate, tr.object)) for tr in result)
        return out

    def close(self, commit_pending_transaction: bool = False) -> None:
        """Let go of the Oxigraph store (the Graph objects handed out refer back to this one)."""
        self._graphs.clear()
        self._store = None

    def _read_only(self, *args, **kwargs):
        raise StoreError("this graph is opened read-only; change a store with kg build or kg remove")

    add = addN = remove = add_graph = remove_graph = update = _read_only  # noqa: N815

    def bind(self, prefix: str, namespace: URIRef, override: bool = True) -> None:
        if override or prefix not in self._ns:
            self._ns = {p: n for p, n in self._ns.items() if n != namespace}
            self._ns[prefix] = URIRef(namespace)

    def namespace(self, prefix: str) -> URIRef | None:
        return self._ns.get(prefix)

    def prefix(self, namespace: URIRef) -> str | None:
        return next((p for p, n in self._ns.items() if n == namespace), None)

    def namespaces(self) -> Iterator[tuple[str, URIRef]]:
        yield from self._ns.items()

"""SPARQL over a built graph, the union of its article graphs as the default graph (GRAPH ?g works too).

Two engines are registered: `oxigraph` (the default: a graph file is copied into an in-memory Oxigraph
store, which answers the named queries in milliseconds where rdflib takes seconds to minutes on
thousands of articles; a store folder is queried in place) and `rdflib` (no copy; slow on large
graphs). Parameters are bound as RDF terms (Oxigraph's substitutions, rdflib's initBindings), never
pasted into the query text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from kg.query.result import QueryError, QueryResult
from kg.rdf.serialize import SerializeError, oxigraph_quads
from kg.rdf.summary import GRAPH as SUMMARY
from kg.rdf.summary import digest_quads, summary_quads
from kg.rdf.terms import from_ox, from_ox_quad, to_ox
from kg.rdf.vocab import PREFIXES, SUMMARY_GRAPH
from kg.registry import Registry
from kg.store import oxigraph_backing

Source = Dataset | Graph | ox.Store
Engine = Callable[[Source, Query, str, Mapping[str, Node]], QueryResult]
ENGINES: Registry[Engine] = Registry("query engine")
DEFAULT_ENGINE = "oxigraph"
MERGED_GRAPH = URIRef("urn:x-kg:merged")

_KINDS = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}
_PROLOGUE = re.compile(r"\s*(?:#[^\n]*|PREFIX\s*[\w.-]*:\s*<[^>]*>|BASE\s*<[^>]*>)", re.IGNORECASE)
_UPDATE = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}


@lru_cache(maxsize=64)  # rdflib's parser takes tens of milliseconds; a named query is parsed once
def parse_query(sparql: str) -> Query:
    """`sparql` parsed (the project prefixes predeclared); QueryError says why it cannot run."""
    try:
        query = prepareQuery(sparql, initNs=PREFIXES)
    except Exception as err:  # pyparsing and rdflib's translation raise several kinds
        if _first_keyword(sparql) in _UPDATE:
            raise QueryError("SPARQL Update is not supported: kg query only reads the graph") from None
        raise QueryError(f"SPARQL syntax error: {one_line(err)}") from None
    if any(node.name == "ServiceGraphPattern" for node in _walk(query.algebra)):
        raise QueryError("SERVICE is not supported: kg query only reads the given graph")
    return query


def run_query(
    data: Source, sparql: str, bindings: Mapping[str, Node] | None = None, engine: str = DEFAULT_ENGINE
) -> QueryResult:
    """Run a SELECT, ASK, CONSTRUCT or DESCRIBE query over `data` with `bindings` as variable values."""
    try:
        run = ENGINES.get(engine)
    except KeyError as err:
        raise QueryError(err.args[0]) from None
    query = parse_query(sparql)
    if not isinstance(data, ox.Store) and not _in_place(data):
        data = _graph_view(data)
    _check_dataset_clause(data, query)
    return run(data, query, sparql, dict(bindings or {}))


def queryable(data: Dataset | Graph) -> Dataset:
    """`data` as a Dataset whose default graph is the union, with named graphs for GRAPH ?g patterns
    and the summary graph the named queries read (a copy of `data` with it, when `data` has none).
    """
    view = _graph_view(data)
    if _has_summary(view):
        return view
    with_summary = Dataset(default_union=True)
    with_summary.addN((s, p, o, g) for s, p, o, g in view.quads() if g is not None)
    with_summary.addN(from_ox_quad(q) for q in summary_quads(digest_quads(oxigraph_quads(view))))
    return with_summary


def _graph_view(data: Dataset | Graph) -> Dataset:
    """`data` as a Dataset with a union default graph and named graphs.

    A merged graph (graph.ttl, or any file or Graph without named graphs) becomes one named graph,
    MERGED_GRAPH, so that the named queries, written graph by graph, work on it too.
    """
    if isinstance(data, Dataset) and _has_named_graphs(data):
        return data if data.default_union else Dataset(store=data.store, default_union=True)
    merged = Dataset(default_union=True)
    triples = (q[:3] for q in data.quads()) if isinstance(data, Dataset) else iter(data)
    merged.addN((s, p, o, MERGED_GRAPH) for s, p, o in triples)
    return merged


def _in_place(data: Dataset | Graph) -> bool:
    """Whether `data` is a store folder, queried where it is (it keeps its summary graph)."""
    backing = oxigraph_backing(data) if isinstance(data, Dataset) else None
    return backing is not None and backing.contains_named_graph(SUMMARY)


def _has_named_graphs(ds: Dataset) -> bool:
    return any(len(g) and g.identifier != DATASET_DEFAULT_GRAPH_ID for g in ds.graphs())


def _has_summary(ds: Dataset) -> bool:
    return any(g.identifier == SUMMARY_GRAPH and len(g) for g in ds.store.contexts())


def oxigraph_store(data: Dataset | Graph) -> ox.Store:
    """An in-memory Oxigraph copy of `data` whose default graph is the merge of all its graphs.

    Oxigraph's own union default graph repeats a triple once per graph holding it (an entity described
    in two articles would be two rows), so the merge is stored as the default graph instead. The
    summary graph is computed when `data` has none.
    """
    store = ox.Store()
    view = _graph_view(data)
    try:
        quads = oxigraph_quads(view)
    except SerializeError as err:
        raise QueryError(str(err)) from None
    store.bulk_extend(quads)
    default = ox.DefaultGraph()
    store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, default) for q in quads)
    if not _has_summary(view):
        store.bulk_extend(list(summary_quads(digest_quads(quads))))
    return store


def one_line(err: object) -> str:
    """A message on one line (parsers put context on further lines)."""
    return " ".join(str(err).split())


@ENGINES.register("rdflib", help="rdflib's SPARQL engine, on the graph as loaded")
def _run_rdflib(data: Source, query: Query, sparql: str, bindings: Mapping[str, Node]) -> QueryResult:
    if isinstance(data, ox.Store):
        raise QueryError("the rdflib engine needs an rdflib Dataset, not an Oxigraph store")
    if not _in_place(data):
        data = queryable(data)
    try:
        result = data.query(sparql, initNs=PREFIXES, initBindings=dict(bindings))
        kind = _KINDS[query.algebra.name]
        if kind == "SELECT":
            variables = [str(v) for v in result.vars or []]
            return QueryResult(kind, variables, [tuple(row) for row in result])
        if kind == "ASK":
            return QueryResult(kind, answer=bool(result.askAnswer))
        return QueryResult(kind, graph=result.graph)
    except QueryError:
        raise
    except Exception as err:  # evaluation errors surface as many exception types
        raise QueryError(f"query failed: {one_line(err)}") from None


@ENGINES.register("oxigraph", help="Oxigraph (fast; the graph is copied into memory first)")
def _run_oxigraph(data: Source, query: Query, sparql: str, bindings: Mapping[str, Node]) -> QueryResult:
    union = False
    if isinstance(data, ox.Store):
        store = data
    elif _in_place(data):
        # a store folder: query it where it is; its union default graph may repeat a triple per article
        store, union = oxigraph_backing(data), True
    else:
        store = oxigraph_store(data)
    kind = _KINDS[query.algebra.name]
    try:
        substitutions = {ox.Variable(name): to_ox(term) for name, term in bindings.items()}
        result = store.query(
            sparql,
            prefixes={name: str(ns) for name, ns in PREFIXES.items()},
            use_default_graph_as_union=union,
            substitutions=substitutions or None,
        )
        if kind == "SELECT":
            variables = [v.value for v in result.variables]
            rows = [
                tuple(None if (t := solution[v]) is None else from_ox(t) for v in variables)
                for solution in result
            ]
            return QueryResult(kind, variables, rows)
        if kind == "ASK":
            return QueryResult(kind, answer=bool(result))
        graph = Graph()
        for t in result:
            graph.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
        return QueryResult(kind, graph=graph)
    except (SyntaxError, RuntimeError, ValueError, OSError, SerializeError) as err:
        raise QueryError(f"query failed: {one_line(err)}") from None


def _check_dataset_clause(data: Source, query: Query) -> None:
    """FROM/FROM NAMED may pick graphs of `data`; rdflib would fetch any other IRI from the web."""
    clauses = getattr(query.algebra, "datasetClause", None) or []
    if not clauses:
        return
    names = _graph_names(data)
    for clause in clauses:
        iri = str(clause.default or clause.named)
        if iri not in names:
            raise QueryError(f"FROM <{iri}>: the graph has no named graph of that name")


def _graph_names(data: Source) -> set[str]:
    if isinstance(data, ox.Store):
        return {g.value for g in data.named_graphs() if isinstance(g, ox.NamedNode)}
    if isinstance(data, Dataset):
        return {str(g.identifier) for g in data.graphs() if len(g)}
    return set()


def _walk(node) -> Iterator[CompValue]:
    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list | tuple):
        for value in node:
            yield from _walk(value)


def _first_keyword(sparql: str) -> str:
    """The first word after comments and PREFIX/BASE declarations, upper-cased."""
    pos = 0
    while m := _PROLOGUE.match(sparql, pos):
        if m.end() == pos:
            break
        pos = m.end()
    word = re.match(r"\s*(\w*)", sparql[pos:])
    return word.group(1).upper() if word else ""

"""SPARQL over a built graph: ad-hoc queries, named queries with safely bound parameters, result formats."""

from kg.query.engine import (
    DEFAULT_ENGINE,
    ENGINES,
    MERGED_GRAPH,
    oxigraph_store,
    parse_query,
    queryable,
    run_query,
)
from kg.query.named import (
    NAMED_QUERIES,
    NamedQuery,
    Parameter,
    load_named,
    named_query,
    named_result,
    run_named,
)
from kg.query.render import RESULT_FORMATS, render
from kg.query.result import QueryError, QueryResult

__all__ = [
    "DEFAULT_ENGINE",
    "ENGINES",
    "MERGED_GRAPH",
    "NAMED_QUERIES",
    "RESULT_FORMATS",
    "NamedQuery",
    "Parameter",
    "QueryError",
    "QueryResult",
    "load_named",
    "named_query",
    "named_result",
    "oxigraph_store",
    "parse_query",
    "queryable",
    "render",
    "run_named",
    "run_query",
]

"""Named queries: the SPARQL files in kg/query/named/, each declaring its parameters in a header.

A file `NAME.rq` starts with comment lines: the first says what the query gives, and each parameter is
declared as `# param NAME: what it is`. A parameter binds the variable `?NAME` to the given text as a
plain literal (or to the given rdflib term), through the engine's bindings: the value is never pasted
into the query, so any text is only a name. Parameters must be projected by the SELECT, which
Oxigraph's substitutions require.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rdflib import Literal
from rdflib.term import Identifier, Node

from kg.query.engine import DEFAULT_ENGINE, Source, parse_query, run_query
from kg.query.result import QueryError, QueryResult
from kg.registry import Registry

_PARAM = re.compile(r"#\s*param\s+([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.*)")


@dataclass(frozen=True)
class Parameter:
    """A value a named query needs: its name (the variable it binds) and what it is."""

    name: str
    help: str


@dataclass(frozen=True)
class NamedQuery:
    """A stored SPARQL query with its description and parameters."""

    name: str
    summary: str
    parameters: tuple[Parameter, ...]
    sparql: str

    def bindings(self, params: dict[str, str | Node]) -> dict[str, Node]:
        """`params` as RDF terms for the query's variables; QueryError on a missing or unknown one."""
        known = {p.name for p in self.parameters}
        unknown = sorted(set(params) - known)
        if unknown:
            accepted = ", ".join(sorted(known)) or "none"
            raise QueryError(
                f"named query {self.name!r} has no parameter {unknown[0]!r} (parameters: {accepted})"
            )
        for p in self.parameters:
            if p.name not in params:
                raise QueryError(f"named query {self.name!r} needs parameter {p.name!r}: {p.help}")
        return {k: v if isinstance(v, Identifier) else Literal(str(v)) for k, v in params.items()}


NAMED_QUERIES: Registry[NamedQuery] = Registry("named query")


def parse_named(name: str, text: str) -> NamedQuery:
    """A named query from its file's text; QueryError when the header or the query is malformed."""
    header = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    if not header:
        raise QueryError(f"named query {name!r}: the first line must be a comment saying what it gives")
    summary = header[0].lstrip("#").strip()
    params = tuple(Parameter(m.group(1), m.group(2).strip()) for m in map(_PARAM.match, header[1:]) if m)
    query = parse_query(text)
    projected = {str(v) for v in getattr(query.algebra, "PV", [])}
    for p in params:
        if p.name not in projected:
            raise QueryError(f"named query {name!r}: parameter {p.name!r} must be a projected variable")
    return NamedQuery(name, summary, params, text)


@cache
def load_named() -> Registry[NamedQuery]:
    """Register every query file of kg/query/named/ (once)."""
    folder = resources.files("kg.query").joinpath("named")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[: -len(".rq")]
            NAMED_QUERIES.register(name)(parse_named(name, entry.read_text(encoding="utf-8")))
    return NAMED_QUERIES


def named_query(name: str) -> NamedQuery:
    """The named query `name`; QueryError lists the known ones."""
    try:
        return load_named().get(name)
    except KeyError as err:
        raise QueryError(err.args[0]) from None


def named_result(
    data: Source, name: str, params: dict[str, str | Node], engine: str = DEFAULT_ENGINE
) -> QueryResult:
    """The result of named query `name` with `params` over `data`."""
    query = named_query(name)
    return run_query(data, query.sparql, query.bindings(params), engine=engine)


def run_named(data: Source, name: str, /, engine: str = DEFAULT_ENGINE, **params: str | Node) -> list[dict]:
    """The rows of named query `name` with `params`, as variable -> term dictionaries."""
    return named_result(data, name, params, engine=engine).records()

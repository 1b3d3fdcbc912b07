"""What a SPARQL query gives back, whichever engine ran it."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph
from rdflib.term import Node


class QueryError(Exception):
    """A query that cannot run: bad syntax, an unknown named query, a missing parameter..."""


@dataclass
class QueryResult:
    """Rows of a SELECT, the answer of an ASK, or the graph of a CONSTRUCT/DESCRIBE (rdflib terms)."""

    kind: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)
    answer: bool | None = None
    graph: Graph | None = None

    def records(self) -> list[dict[str, Node | None]]:
        """The rows as variable -> term dictionaries (None where a variable is unbound)."""
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]

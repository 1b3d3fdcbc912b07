"""A built graph checked against the ontology's SHACL shapes: a report of what violates them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import pyshacl
from rdflib import Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import RDF
from rdflib.term import Node

from kg.rdf.vocab import PREFIXES, SH, bind_prefixes

ONTOLOGY_FILE = "kg.ttl"
SHAPES_FILE = "shapes.ttl"

_SEVERITY_RANK = {"Violation": 0, "Warning": 1, "Info": 2}
_VALUE_WIDTH = 80
_ILL_TYPED = URIRef("urn:kg:ill-typed")


def ontology_text(filename: str = ONTOLOGY_FILE) -> str:
    """The Turtle text of a file shipped in the package's ontology folder."""
    return resources.files("kg").joinpath("ontology", filename).read_text(encoding="utf-8")


@cache
def _parsed(filename: str) -> Graph:
    graph = Graph()
    graph.parse(data=ontology_text(filename), format="turtle")
    return graph


def ontology() -> Graph:
    """The kg-news OWL ontology (read once per process; do not modify)."""
    return _parsed(ONTOLOGY_FILE)


def shapes() -> Graph:
    """The SHACL shapes a correct built graph satisfies (read once per process; do not modify)."""
    return _parsed(SHAPES_FILE)


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node and property at fault, why, and how serious it is."""

    severity: str  # "Violation", "Warning" or "Info"
    focus: Node
    path: Node | None
    message: str
    value: Node | None = None
    constraint: str = ""  # the SHACL constraint component, e.g. "MinCount"

    def sort_key(self) -> tuple:
        """Order: severity first, then node, property, message and value."""
        return (
            _SEVERITY_RANK.get(self.severity, 9),
            str(self.focus),
            str(self.path or ""),
            self.message,
            str(self.value or ""),
        )

    def line(self) -> str:
        """A one-line, human-readable rendering with prefixed names."""
        where = short(self.focus) + (f" {short(self.path)}" if self.path is not None else "")
        value = f" (value: {short(self.value)})" if self.value is not None else ""
        return f"{self.severity}: {where}: {self.message}{value}"

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready record with full IRIs."""
        return {
            "severity": self.severity,
            "focus": _plain(self.focus),
            "path": _plain(self.path),
            "message": self.message,
            "value": _plain(self.value),
            "constraint": self.constraint,
        }


@dataclass(frozen=True)
class Report:
    """The outcome of validating a graph."""

    conforms: bool
    triples: int
    violations: list[Violation]

    def count(self, severity: str = "Violation") -> int:
        """How many results have `severity`."""
        return sum(1 for v in self.violations if v.severity == severity)

    def summary(self) -> str:
        """One line: whether the graph conforms, its size and the number of violations."""
        head = "conforms" if self.conforms else "does not conform"
        n = self.count("Violation")
        text = f"{head}: {self.triples} triples, {n} violation{'' if n == 1 else 's'}"
        warnings = self.count("Warning")
        if warnings:
            text += f", {warnings} warning{'' if warnings == 1 else 's'}"
        return text

    def text(self) -> str:
        """One line per result, then the summary line."""
        return "\n".join([v.line() for v in self.violations] + [self.summary()])

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready form of the report."""
        return {
            "conforms": self.conforms,
            "triples": self.triples,
            "violations": [v.as_dict() for v in self.violations],
        }


def validate(data: Graph) -> Report:
    """Validate a built graph (a Dataset's named graphs taken together) against the shapes."""
    merged = union_graph(data)
    triples = len(merged)
    # The merged copy is ours, so pySHACL may mix the ontology into it instead of cloning it again.
    _, results, _ = pyshacl.validate(
        merged,
        shacl_graph=shapes(),
        ont_graph=ontology(),
        inference="none",
        inplace=True,
        allow_warnings=True,
        advanced=False,
    )
    found = sorted(_violations(results), key=Violation.sort_key)
    conforms = not any(v.severity == "Violation" for v in found)
    return Report(conforms=conforms, triples=triples, violations=found)


def union_graph(data: Graph) -> Graph:
    """A new graph holding every triple of `data`, from all of its named graphs."""
    merged = Graph()
    bind_prefixes(merged)
    if isinstance(data, ConjunctiveGraph):
        triples = ((s, p, o) for s, p, o, _ in data.quads((None, None, None, None)))
    else:
        triples = iter(data)
    merged.addN((s, p, _as_written(o), merged) for s, p, o in triples)
    return merged


def _as_written(term: Node) -> Node:
    """A typed literal rebuilt from its lexical form, as a parser would read it back from a file.

    rdflib keeps the Python value a literal was made from (a float given the type xsd:decimal stays a
    float) and pySHACL checks datatypes on that value, while SHACL speaks of the lexical form. A literal
    whose lexical form does not fit its datatype gets a datatype of its own: no sh:datatype accepts it,
    and pySHACL's comparisons, which raise on such literals, see an incomparable value instead.
    """
    if isinstance(term, Literal) and term.datatype is not None:
        return Literal(str(term), datatype=_ILL_TYPED if term.ill_typed else term.datatype)
    return term


def _violations(results: Graph) -> list[Violation]:
    out = []
    for node in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(node, SH.resultSeverity)
        component = results.value(node, SH.sourceConstraintComponent)
        message = results.value(node, SH.resultMessage)
        out.append(
            Violation(
                severity=_local(severity) if severity is not None else "Violation",
                focus=results.value(node, SH.focusNode),
                path=results.value(node, SH.resultPath),
                message=str(message) if message is not None else "",
                value=results.value(node, SH.value),
                constraint=_local(component).removesuffix("ConstraintComponent") if component else "",
            )
        )
    return out


def _local(iri: Node) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def short(term: Node | None) -> str:
    """A term for people to read: IRIs with the project's prefixes, literals quoted and cut short."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for prefix, namespace in sorted(PREFIXES.items(), key=lambda kv: -len(str(kv[1]))):
            if term.startswith(namespace) and len(term) > len(namespace):
                return f"{prefix}:{term[len(namespace) :]}"
        return f"<{term}>"
    if isinstance(term, Literal):
        text = str(term)
        if len(text) > _VALUE_WIDTH:
            text = text[: _VALUE_WIDTH - 1] + "…"
        return f'"{text}"'
    return term.n3()


def _plain(term: Node | None) -> str | None:
    return None if term is None else str(term)

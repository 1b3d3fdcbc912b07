"""Query results as text: an aligned table for people, and the W3C SPARQL results formats (CSV, TSV, JSON).

A CONSTRUCT or DESCRIBE result is a graph and prints as Turtle in the table format.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Callable
from decimal import Decimal

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.query.result import QueryError, QueryResult
from kg.rdf.serialize import serialize
from kg.rdf.vocab import PREFIXES
from kg.registry import Registry

# result, table cell width limit (0: none; other formats ignore it) -> text
Renderer = Callable[[QueryResult, int], str]
RESULT_FORMATS: Registry[Renderer] = Registry("result format")
DEFAULT_MAX_WIDTH = 50

# longest namespace first, so kgid: wins over a shorter namespace that is its prefix
_NAMESPACES = sorted(((str(ns), p) for p, ns in PREFIXES.items()), key=lambda item: -len(item[0]))


def render(result: QueryResult, fmt: str = "table", max_width: int = DEFAULT_MAX_WIDTH) -> str:
    """`result` in format `fmt` (table, csv, tsv, json); QueryError for an unknown format."""
    try:
        renderer = RESULT_FORMATS.get(fmt)
    except KeyError as err:
        raise QueryError(err.args[0]) from None
    return renderer(result, max_width)


def short_name(term: Node | None) -> str:
    """A term as a person reads it: kg:/kgid:-style prefixed names, a literal's text, '' when unbound."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for ns, prefix in _NAMESPACES:
            if term.startswith(ns) and len(term) > len(ns):
                return f"{prefix}:{term[len(ns) :]}"
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal: wide and full-width characters (Chinese) take two."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def clip(text: str, max_width: int) -> str:
    """`text` cut to at most `max_width` columns, ending in … when cut (0: never cut)."""
    if max_width <= 0 or display_width(text) <= max_width:
        return text
    out, width = [], 0
    for ch in text:
        w = display_width(ch)
        if width + w > max_width - 1:
            break
        out.append(ch)
        width += w
    return "".join(out) + "…"


def _pad(text: str, width: int, right: bool) -> str:
    fill = " " * (width - display_width(text))
    return fill + text if right else text + fill


def _is_number(term: Node | None) -> bool:
    if not isinstance(term, Literal) or term.datatype is None:
        return False
    value = term.toPython()
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _graph_only(result: QueryResult, fmt: str) -> None:
    if result.kind in ("CONSTRUCT", "DESCRIBE"):
        raise QueryError(
            f"a {result.kind} result is a graph: use --format table to print it as Turtle, not {fmt}"
        )


@RESULT_FORMATS.register("table", help="an aligned table for reading (Turtle for a graph)")
def table(result: QueryResult, max_width: int = DEFAULT_MAX_WIDTH) -> str:
    """Rows as an aligned table with prefixed names; a graph as Turtle; an ASK answer as true/false."""
    if result.kind == "ASK":
        return f"{str(result.answer).lower()}\n"
    if result.graph is not None:
        return serialize(result.graph, "turtle").decode("utf-8")
    header = list(result.variables)
    cells = [[clip(" ".join(short_name(t).split()), max_width) for t in row] for row in result.rows]
    widths = [max([display_width(h)] + [display_width(r[i]) for r in cells]) for i, h in enumerate(header)]
    right = [
        bool(result.rows) and all(row[i] is None or _is_number(row[i]) for row in result.rows)
        for i in range(len(header))
    ]
    lines = [
        "  ".join(_pad(h, w, r) for h, w, r in zip(header, widths, right, strict=True)),
        "  ".join("-" * w for w in widths),
    ]
    for row in cells:
        lines.append("  ".join(_pad(c, w, r) for c, w, r in zip(row, widths, right, strict=True)))
    n = len(result.rows)
    lines.append(f"({n} row{'' if n == 1 else 's'})")
    return "".join(line.rstrip() + "\n" for line in lines)


@RESULT_FORMATS.register("csv", help="SPARQL 1.1 Query Results CSV (values only)")
def to_csv(result: QueryResult, max_width: int = 0) -> str:
    """Rows as W3C SPARQL results CSV: IRIs and literal values, CRLF line ends."""
    _graph_only(result, "csv")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if result.kind == "ASK":
        writer.writerow([str(result.answer).lower()])
        return out.getvalue()
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else f"_:{t}" if isinstance(t, BNode) else str(t) for t in row])
    return out.getvalue()


@RESULT_FORMATS.register("tsv", help="SPARQL 1.1 Query Results TSV (terms in N-Triples syntax)")
def to_tsv(result: QueryResult, max_width: int = 0) -> str:
    """Rows as W3C SPARQL results TSV: ?variables, then terms written as in N-Triples."""
    _graph_only(result, "tsv")
    if result.kind == "ASK":
        return f"{str(result.answer).lower()}\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines.extend("\t".join(_ntriples(t) for t in row) for row in result.rows)
    return "".join(line + "\n" for line in lines)


@RESULT_FORMATS.register("json", help="SPARQL 1.1 Query Results JSON")
def to_json(result: QueryResult, max_width: int = 0) -> str:
    """Rows (or the ASK answer) as W3C SPARQL results JSON."""
    _graph_only(result, "json")
    if result.kind == "ASK":
        doc: dict = {"head": {}, "boolean": bool(result.answer)}
    else:
        bindings = [
            {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
            for row in result.rows
        ]
        doc = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _json_term(term: Node) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype:
        out["datatype"] = str(term.datatype)
    return out


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _ntriples(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    text = f'"{str(term).translate(_ESCAPES)}"'
    if term.language:
        return f"{text}@{term.language}"
    return f"{text}^^<{term.datatype}>" if term.datatype else text

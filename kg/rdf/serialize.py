"""An rdflib Dataset or Graph as RDF bytes, byte-identical for the same data.

Oxigraph writes every format (rdflib's own TriG and JSON-LD writers take minutes on large graphs, see
LIBRARY-NOTES); kg sorts the statements first, so the order never depends on hashing or insertion.
Blank nodes keep their labels, so data with blank nodes is only as stable as its labels (kg mints none).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from kg.rdf.summary import article_quads
from kg.rdf.terms import to_ox
from kg.rdf.vocab import PREFIXES


@dataclass(frozen=True)
class RdfFormat:
    """One serialisation: its Oxigraph writer and whether it keeps the named graphs."""

    name: str
    writer: ox.RdfFormat
    named_graphs: bool
    suffix: str
    label: str


FORMATS: dict[str, RdfFormat] = {
    f.name: f
    for f in (
        RdfFormat("turtle", ox.RdfFormat.TURTLE, False, ".ttl", "Turtle, all article graphs merged"),
        RdfFormat("trig", ox.RdfFormat.TRIG, True, ".trig", "TriG, one named graph per article"),
        RdfFormat("nt", ox.RdfFormat.N_TRIPLES, False, ".nt", "N-Triples, all article graphs merged"),
        RdfFormat("nquads", ox.RdfFormat.N_QUADS, True, ".nq", "N-Quads, one named graph per article"),
        RdfFormat("json-ld", ox.RdfFormat.JSON_LD, True, ".jsonld", "JSON-LD (expanded), named graphs kept"),
        RdfFormat("xml", ox.RdfFormat.RDF_XML, False, ".rdf", "RDF/XML, all article graphs merged"),
    )
}
ALIASES = {"ttl": "turtle", "n-triples": "nt", "n-quads": "nquads", "jsonld": "json-ld", "rdfxml": "xml"}


# Characters XML 1.0 cannot hold, as UTF-8 bytes. A byte below 0x20 never occurs inside a multi-byte
# UTF-8 sequence, so replacing these bytes in the written document touches only those characters.
_NOT_XML = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")
_REPLACEMENT = "\ufffd".encode()


class SerializeError(Exception):
    """Data that a format cannot represent (an IRI Oxigraph rejects, a predicate RDF/XML cannot name)."""


def rdf_format(name: str) -> RdfFormat:
    """The format called `name` (or one of its aliases); KeyError lists the known names."""
    try:
        return FORMATS[ALIASES.get(name, name)]
    except KeyError:
        raise KeyError(f"unknown RDF format {name!r} (known: {', '.join(FORMATS)})") from None


def serialize(data: Dataset | Graph, fmt: str) -> bytes:
    """`data` in RDF format `fmt` (turtle, trig, nt, nquads, json-ld, xml), deterministically."""
    return serialize_quads(oxigraph_quads(data), fmt)


def serialize_quads(quads: list[ox.Quad], fmt: str) -> bytes:
    """Quads read once with `oxigraph_quads` in RDF format `fmt`, deterministically; formats without
    named graphs merge them."""
    spec = rdf_format(fmt)
    if spec.named_graphs:
        lines, items = _sorted_quads(quads, by_graph=spec.name != "nquads")
    else:
        lines, items = _sorted_triples(
            list({ox.Triple(q.subject, q.predicate, q.object): None for q in quads})
        )
    if spec.writer in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS):
        return b"".join(line + b"\n" for line in lines)
    try:
        out = ox.serialize(items, format=spec.writer, prefixes=_prefixes())
    except (ValueError, TypeError) as err:
        raise SerializeError(f"cannot write {spec.name}: {err}") from None
    if spec.writer in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG):
        out = _sorted_prefix_header(out)
    elif spec.writer == ox.RdfFormat.RDF_XML:
        out = _NOT_XML.sub(_REPLACEMENT, out)  # written raw by Oxigraph, they would make the file unreadable
    return out if out.endswith(b"\n") else out + b"\n"


def _prefixes() -> dict[str, str]:
    return {name: str(ns) for name, ns in sorted(PREFIXES.items())}


def _sorted_prefix_header(out: bytes) -> bytes:
    """Oxigraph orders @prefix lines its own way; put them in prefix-name order."""
    lines = out.split(b"\n")
    n = 0
    while n < len(lines) and lines[n].startswith(b"@prefix "):
        n += 1
    return b"\n".join(sorted(lines[:n]) + lines[n:])


def _lines(items: list, writer: ox.RdfFormat) -> list[bytes]:
    """The N-Triples/N-Quads line of each item, in the items' order."""
    try:
        lines = ox.serialize(items, format=writer).split(b"\n")[:-1]
    except (ValueError, TypeError) as err:
        raise SerializeError(str(err)) from None
    assert len(lines) == len(items)
    return lines


def _sorted_triples(triples: list[ox.Triple]) -> tuple[list[bytes], list[ox.Triple]]:
    """Triples sorted by their N-Triples line, which groups them by subject, then predicate."""
    lines = _lines(triples, ox.RdfFormat.N_TRIPLES)
    order = sorted(range(len(triples)), key=lines.__getitem__)
    return [lines[i] for i in order], [triples[i] for i in order]


def _sorted_quads(quads: list[ox.Quad], by_graph: bool) -> tuple[list[bytes], list[ox.Quad]]:
    """Quads sorted by N-Quads line; with `by_graph`, graph by graph first (default graph first)."""
    lines = _lines(quads, ox.RdfFormat.N_QUADS)
    if by_graph:
        default = ox.DefaultGraph()
        graphs = ["" if q.graph_name == default else str(q.graph_name) for q in quads]
        order = sorted(range(len(quads)), key=lambda i: (graphs[i], lines[i]))
    else:
        order = sorted(range(len(quads)), key=lines.__getitem__)
    return [lines[i] for i in order], [quads[i] for i in order]


def _statements(data: Dataset | Graph) -> Iterator[tuple[tuple, Iterable]]:
    """Each distinct triple of `data` with the graphs holding it (None: a plain Graph's triples)."""
    if not isinstance(data, Dataset):
        for triple in data:
            yield triple, (None,)
        return
    # The store lists each triple's graphs at once; asking graph by graph costs a scan of every
    # triple's graphs per graph, quadratic in the number of articles.
    yield from data.store.triples((None, None, None), None)


def _native_quads(data: Dataset | Graph) -> list[ox.Quad] | None:
    """The quads of a Dataset over an Oxigraph store, read from Oxigraph (the summary graph left
    out, as the Dataset leaves it out); None for any other data."""
    native = getattr(getattr(data, "store", None), "oxigraph", None)
    return list(article_quads(native)) if isinstance(native, ox.Store) else None


def oxigraph_quads(data: Dataset | Graph) -> list[ox.Quad]:
    """The quads of `data` as Oxigraph quads, rdflib's default graph as the default graph."""
    native = _native_quads(data)
    if native is not None:
        return native
    convert = _TermConverter()
    default = ox.DefaultGraph()
    # Keyed by id() of the store's graph object (hashing an rdflib Graph is slow); the object is kept
    # in the value so that its id cannot be reused by another graph.
    graphs: dict[int, tuple[object, ox.NamedNode | ox.BlankNode | ox.DefaultGraph]] = {}
    out = []
    for (s, p, o), contexts in _statements(data):
        s, p, o = convert(s), convert(p), convert(o)
        for context in contexts:
            known = graphs.get(id(context))
            if known is None:
                name = getattr(context, "identifier", context)
                graph = default if name is None or name == DATASET_DEFAULT_GRAPH_ID else convert(name)
                known = graphs[id(context)] = (context, graph)
            out.append(ox.Quad(s, p, o, known[1]))
    return out


class _TermConverter:
    """rdflib terms to Oxigraph terms; IRIs repeat a lot, so each is converted once."""

    def __init__(self) -> None:
        self._iris: dict[URIRef, ox.NamedNode] = {}

    def __call__(self, term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        try:
            if type(term) is not URIRef:
                return to_ox(term)
            node = self._iris.get(term)
            if node is None:
                node = self._iris[term] = to_ox(term)
            return node
        except (ValueError, TypeError) as err:
            shown = f"<{term}>" if isinstance(term, URIRef) else repr(term)
            raise SerializeError(f"cannot write {shown}: {err}") from None

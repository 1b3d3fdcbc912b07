"""rdflib terms to Oxigraph terms and back."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

Quad = tuple[URIRef, URIRef, object, URIRef]  # an rdflib quad: subject, predicate, object, graph

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_uri = lru_cache(maxsize=1 << 16)(URIRef)  # IRIs repeat a lot; rdflib checks each one it makes


def to_ox(term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The Oxigraph term for an rdflib term."""
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(term.datatype))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, URIRef):
        return ox.NamedNode(term)
    raise TypeError(f"not an RDF term: {term!r}")


def from_ox(term) -> URIRef | BNode | Literal:
    """The rdflib term for an Oxigraph term."""
    if isinstance(term, ox.NamedNode):
        return _uri(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))
    raise TypeError(f"not an RDF term: {term!r}")


def to_ox_quads(quads: Iterable[Quad]) -> Iterator[ox.Quad]:
    """Oxigraph quads for rdflib quads; IRIs repeat a lot, so each is converted once."""
    seen: dict[object, object] = {}
    for quad in quads:
        terms = []
        for term in quad:
            node = seen.get(term) if type(term) is URIRef else None
            if node is None:
                node = to_ox(term)
                if type(term) is URIRef:
                    seen[term] = node
            terms.append(node)
        yield ox.Quad(*terms)


def from_ox_quad(quad: ox.Quad) -> Quad:
    """The rdflib quad for an Oxigraph quad (the default graph as rdflib's default graph id)."""
    graph = quad.graph_name
    name = DATASET_DEFAULT_GRAPH_ID if isinstance(graph, ox.DefaultGraph) else from_ox(graph)
    return from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object), name

"""Namespaces and IRI minting; every IRI is ASCII and deterministic."""

from __future__ import annotations

import hashlib
import re

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD
from rdflib.namespace import Namespace as _NS

KG = Namespace("https://w3id.org/kg-news/ontology#")
ID = Namespace("https://w3id.org/kg-news/id/")
SCHEMA = _NS("https://schema.org/")
ORG = _NS("http://www.w3.org/ns/org#")
# The graph holding every distinct fact once with its counts (kg.rdf.summary), beside the article graphs.
SUMMARY_GRAPH = ID["summary"]
SH = _NS("http://www.w3.org/ns/shacl#")

PREFIXES = {
    "kg": KG,
    "kgid": ID,
    "schema": SCHEMA,
    "org": ORG,
    "prov": PROV,
    "rdf": RDF,
    "rdfs": RDFS,
    "skos": SKOS,
    "xsd": XSD,
    "owl": OWL,
    "dcterms": DCTERMS,
}

# No final dot: Turtle writes it escaped (kgid:company\/Ltd\.), which rdflib's parsers reject.
_SAFE_ID = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,79}[A-Za-z0-9_-])?")


def digest(*parts: str, length: int = 16) -> str:
    """A short stable hex digest of the parts."""
    h = hashlib.sha1()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()[:length]


def safe_local(value: str) -> str:
    """`value` itself when it is a safe ASCII IRI segment, else a digest of it."""
    return value if _SAFE_ID.fullmatch(value) else "h" + digest(value)


def article_iri(article_id: str) -> URIRef:
    """The IRI of an article, which also names its graph."""
    return ID[f"article/{safe_local(article_id)}"]


def entity_iri(type_name: str, key: str) -> URIRef:
    """The IRI of an entity of `type_name` identified by `key` (a ticker or a resolution key)."""
    return ID[f"{type_name.lower()}/{safe_local(key)}"]


def fact_iri(*parts: str) -> URIRef:
    """The IRI of a fact node, from what identifies the fact."""
    return ID[f"fact/{digest(*parts, length=20)}"]


def edge_iri(*parts: str) -> URIRef:
    """The IRI of a distinct edge's node in the summary graph, from what identifies the edge."""
    return ID[f"edge/{digest(*parts, length=20)}"]


def predicate_iri(predicate: str) -> URIRef:
    """The ontology property for a contract predicate."""
    return KG[predicate]


def class_iri(type_name: str) -> URIRef:
    """The ontology class for a contract entity type."""
    return KG[type_name]


def bind_prefixes(graph) -> None:
    """Bind the project's prefixes on an rdflib graph or dataset."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)

"""Extraction records to RDF: one named graph per article holding its metadata, entities and facts.

The graph is made of Oxigraph terms, what the stores hold and serialise; `extraction_quads` gives the
same quads as rdflib terms for code written against rdflib.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import lru_cache

import pyoxigraph as ox
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from kg.model import Entity, Extraction, Fact
from kg.rdf.terms import Quad, from_ox_quad
from kg.rdf.vocab import KG, ORG, SCHEMA, article_iri, class_iri, entity_iri, fact_iri, predicate_iri

iri = lru_cache(maxsize=1 << 16)(ox.NamedNode)  # entity IRIs repeat across articles


class _Terms:
    """The Oxigraph IRIs of an rdflib namespace, each made once on first use (`_kg.subjectText`)."""

    def __init__(self, namespace) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> ox.NamedNode:
        node = ox.NamedNode(self._namespace[name])
        setattr(self, name, node)  # later lookups are plain attribute reads
        return node


_kg, _schema, _org, _prov = _Terms(KG), _Terms(SCHEMA), _Terms(ORG), _Terms(PROV)
_rdf, _rdfs, _skos, _xsd = _Terms(RDF), _Terms(RDFS), _Terms(SKOS), _Terms(XSD)

_TYPE, _LABEL = _rdf.type, _rdfs.label
_STRING = _xsd.string
_DATATYPES = {name: getattr(_xsd, name) for name in ("dateTime", "anyURI", "decimal", "date", "gYearMonth")}


def extraction_quads(ex: Extraction) -> Iterator[Quad]:
    """Every quad of an article's named graph as rdflib terms, in a deterministic order."""
    return map(from_ox_quad, extraction_ox_quads(ex))


def extraction_ox_quads(ex: Extraction) -> Iterator[ox.Quad]:
    """Every quad of an article's named graph as Oxigraph terms, in a deterministic order."""
    graph = iri(article_iri(ex.article.id))
    mentions = _schema.mentions
    for s, p, o in _article_triples(ex, graph):
        yield ox.Quad(s, p, o, graph)
    for eid in sorted(ex.entities):
        for s, p, o in entity_triples(ex.entities[eid]):
            yield ox.Quad(s, p, o, graph)
        yield ox.Quad(graph, mentions, iri(eid), graph)
    for fact in ex.facts:
        for s, p, o in _fact_triples(ex, fact, graph):
            yield ox.Quad(s, p, o, graph)


def to_nquads(quads: Iterable[ox.Quad]) -> bytes:
    """Quads as N-Quads: how an article graph made in a worker process crosses to the writer."""
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)


def from_nquads(data: bytes) -> list[ox.Quad]:
    """The quads of N-Quads bytes written by `to_nquads`, in their order."""
    return list(ox.parse(data, format=ox.RdfFormat.N_QUADS))


def _literal(value: str, datatype: str | None = None) -> ox.Literal:
    return ox.Literal(value, datatype=_DATATYPES[datatype] if datatype else _STRING)


def _article_triples(ex: Extraction, node: ox.NamedNode) -> Iterator[tuple]:
    a = ex.article
    yield node, _TYPE, _kg.Article
    yield node, _TYPE, _schema.NewsArticle
    yield node, _kg.articleId, _literal(a.id)
    yield node, _kg.path, _literal(a.path)
    yield node, _kg.contentHash, _literal(a.content_hash)
    if a.title:
        yield node, _schema.headline, _literal(a.title)
    if a.published:
        yield node, _schema.datePublished, _literal(a.published, "dateTime")
    if a.url:
        yield node, _schema.url, _literal(a.url, "anyURI")
    if a.source:
        yield node, _kg.sourceName, _literal(a.source)
    for category in a.categories:
        yield node, _schema.articleSection, _literal(category)
    for tag in a.tags:
        yield node, _schema.keywords, _literal(tag)


def entity_triples(entity: Entity) -> Iterator[tuple]:
    """The triples describing one entity: type, name, aliases, ticker."""
    node = iri(entity.id)
    yield node, _TYPE, iri(class_iri(entity.type))
    yield node, _LABEL, _literal(entity.name)
    for alias in sorted(set(entity.aliases) - {entity.name}):
        yield node, _skos.altLabel, _literal(alias)
    if entity.ticker:
        yield node, _kg.ticker, _literal(entity.ticker)


def _fact_triples(ex: Extraction, fact: Fact, graph: ox.NamedNode) -> Iterator[tuple]:
    subj, obj = iri(fact.subject.entity), iri(fact.object.entity)
    pred = iri(predicate_iri(fact.predicate))
    start, end = fact.sentence
    node = ox.NamedNode(
        fact_iri(
            ex.article.id,
            fact.predicate,
            subj.value,
            obj.value,
            str(fact.qualifiers.get("position", "")),
            f"{start}:{end}",
        )
    )
    yield subj, pred, obj
    yield node, _TYPE, _kg.Fact
    yield node, _rdf.subject, subj
    yield node, _rdf.predicate, pred
    yield node, _rdf.object, obj
    yield node, _kg.subjectText, _literal(fact.subject.text)
    yield node, _kg.objectText, _literal(fact.object.text)
    yield node, _kg.sentence, _literal(ex.article.text[start:end])
    yield node, _kg.start, _integer(start)
    yield node, _kg.end, _integer(end)
    yield node, _kg.confidence, _literal(str(Decimal(str(round(fact.confidence, 3)))), "decimal")
    yield node, _kg.extractor, _literal(fact.extractor)
    yield node, _prov.wasDerivedFrom, graph
    q = fact.qualifiers
    if q.get("status"):
        yield node, _kg.status, _literal(q["status"])
    if q.get("date"):
        yield node, _kg.date, date_literal(q["date"])
    if fact.predicate == "holds_position":
        yield from _membership(ex, fact, node, subj, obj)


def _integer(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=_xsd.integer)


def _membership(
    ex: Extraction, fact: Fact, node: ox.NamedNode, person: ox.NamedNode, org: ox.NamedNode
) -> Iterator[tuple]:
    """The W3C ORG n-ary form of a position: member, organisation, role, title and date reported."""
    q = fact.qualifiers
    title = q.get("position", "")
    role = iri(entity_iri("Position", title))
    yield node, _TYPE, _org.Membership
    yield node, _org.member, person
    yield node, _org.organization, org
    yield node, _org.role, role
    yield node, _kg.positionTitle, _literal(title)
    if q.get("as_written") and q["as_written"] != title:
        yield node, _kg.titleAsWritten, _literal(q["as_written"])
    yield node, _kg.acting, ox.Literal(str(bool(q.get("acting"))).lower(), datatype=_xsd.boolean)
    reported = q.get("date") or (ex.article.published or "")[:10]
    if reported:
        yield node, _kg.reportedOn, date_literal(reported)
    yield role, _TYPE, _kg.Position
    yield role, _TYPE, _org.Role
    yield role, _LABEL, _literal(title)


def date_literal(value: str) -> ox.Literal:
    """A date qualifier as xsd:date (2022-05-09) or, when only the month is known, xsd:gYearMonth."""
    return _literal(value, "gYearMonth" if len(value) == 7 else "date")

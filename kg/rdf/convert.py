"""Extraction records to RDF: one named graph per article holding its metadata, entities and facts.

The graph is made of Oxigraph terms, what the stores hold and serialise; `extraction_quads` gives the
same quads as rdflib terms for code written against rdflib.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache

import pyoxigraph as ox
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from kg.model import Entity, Extraction, Fact
from kg.rdf.terms import Quad, from_ox_quad
from kg.rdf.vocab import KG, ORG, SCHEMA, article_iri, class_iri, entity_iri, fact_iri, predicate_iri

iri = lru_cache(maxsize=1 << 16)(ox.NamedNode)  # entity and vocabulary IRIs repeat across articles

_TYPE, _LABEL = iri(RDF.type), iri(RDFS.label)
_STRING = iri(XSD.string)
_DATATYPES = {name: iri(XSD[name]) for name in ("dateTime", "anyURI", "decimal", "date", "gYearMonth")}


def extraction_quads(ex: Extraction) -> Iterator[Quad]:
    """Every quad of an article's named graph as rdflib terms, in a deterministic order."""
    return map(from_ox_quad, extraction_ox_quads(ex))


def extraction_ox_quads(ex: Extraction) -> Iterator[ox.Quad]:
    """Every quad of an article's named graph as Oxigraph terms, in a deterministic order."""
    graph = iri(article_iri(ex.article.id))
    mentions = iri(SCHEMA.mentions)
    for s, p, o in _article_triples(ex, graph):
        yield ox.Quad(s, p, o, graph)
    for eid in sorted(ex.entities):
        for s, p, o in entity_triples(ex.entities[eid]):
            yield ox.Quad(s, p, o, graph)
        yield ox.Quad(graph, mentions, iri(eid), graph)
    for fact in ex.facts:
        for s, p, o in _fact_triples(ex, fact, graph):
            yield ox.Quad(s, p, o, graph)


def _literal(value: str, datatype: str | None = None) -> ox.Literal:
    return ox.Literal(value, datatype=_DATATYPES[datatype] if datatype else _STRING)


def _article_triples(ex: Extraction, node: ox.NamedNode) -> Iterator[tuple]:
    a = ex.article
    yield node, _TYPE, iri(KG.Article)
    yield node, _TYPE, iri(SCHEMA.NewsArticle)
    yield node, iri(KG.articleId), _literal(a.id)
    yield node, iri(KG.path), _literal(a.path)
    yield node, iri(KG.contentHash), _literal(a.content_hash)
    if a.title:
        yield node, iri(SCHEMA.headline), _literal(a.title)
    if a.published:
        yield node, iri(SCHEMA.datePublished), _literal(a.published, "dateTime")
    if a.url:
        yield node, iri(SCHEMA.url), _literal(a.url, "anyURI")
    if a.source:
        yield node, iri(KG.sourceName), _literal(a.source)
    for category in a.categories:
        yield node, iri(SCHEMA.articleSection), _literal(category)
    for tag in a.tags:
        yield node, iri(SCHEMA.keywords), _literal(tag)


def entity_triples(entity: Entity) -> Iterator[tuple]:
    """The triples describing one entity: type, name, aliases, ticker."""
    node = iri(entity.id)
    yield node, _TYPE, iri(class_iri(entity.type))
    yield node, _LABEL, _literal(entity.name)
    for alias in sorted(set(entity.aliases) - {entity.name}):
        yield node, iri(SKOS.altLabel), _literal(alias)
    if entity.ticker:
        yield node, iri(KG.ticker), _literal(entity.ticker)


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
    yield node, _TYPE, iri(KG.Fact)
    yield node, iri(RDF.subject), subj
    yield node, iri(RDF.predicate), pred
    yield node, iri(RDF.object), obj
    yield node, iri(KG.subjectText), _literal(fact.subject.text)
    yield node, iri(KG.objectText), _literal(fact.object.text)
    yield node, iri(KG.sentence), _literal(ex.article.text[start:end])
    yield node, iri(KG.start), _integer(start)
    yield node, iri(KG.end), _integer(end)
    yield node, iri(KG.confidence), _literal(str(Decimal(str(round(fact.confidence, 3)))), "decimal")
    yield node, iri(KG.extractor), _literal(fact.extractor)
    yield node, iri(PROV.wasDerivedFrom), graph
    q = fact.qualifiers
    if q.get("status"):
        yield node, iri(KG.status), _literal(q["status"])
    if q.get("date"):
        yield node, iri(KG.date), date_literal(q["date"])
    if fact.predicate == "holds_position":
        yield from _membership(ex, fact, node, subj, obj)


def _integer(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=iri(XSD.integer))


def _membership(
    ex: Extraction, fact: Fact, node: ox.NamedNode, person: ox.NamedNode, org: ox.NamedNode
) -> Iterator[tuple]:
    """The W3C ORG n-ary form of a position: member, organisation, role, title and date reported."""
    q = fact.qualifiers
    title = q.get("position", "")
    role = iri(entity_iri("Position", title))
    yield node, _TYPE, iri(ORG.Membership)
    yield node, iri(ORG.member), person
    yield node, iri(ORG.organization), org
    yield node, iri(ORG.role), role
    yield node, iri(KG.positionTitle), _literal(title)
    if q.get("as_written") and q["as_written"] != title:
        yield node, iri(KG.titleAsWritten), _literal(q["as_written"])
    yield node, iri(KG.acting), ox.Literal(str(bool(q.get("acting"))).lower(), datatype=iri(XSD.boolean))
    reported = q.get("date") or (ex.article.published or "")[:10]
    if reported:
        yield node, iri(KG.reportedOn), date_literal(reported)
    yield role, _TYPE, iri(KG.Position)
    yield role, _TYPE, iri(ORG.Role)
    yield role, _LABEL, _literal(title)


def date_literal(value: str) -> ox.Literal:
    """A date qualifier as xsd:date (2022-05-09) or, when only the month is known, xsd:gYearMonth."""
    return _literal(value, "gYearMonth" if len(value) == 7 else "date")

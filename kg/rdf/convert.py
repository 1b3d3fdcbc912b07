"""Extraction records to RDF: one named graph per article holding its metadata, entities and facts."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from kg.model import Entity, Extraction, Fact
from kg.rdf.vocab import KG, ORG, SCHEMA, article_iri, class_iri, entity_iri, fact_iri, predicate_iri

Quad = tuple[URIRef, URIRef, object, URIRef]


def extraction_quads(ex: Extraction) -> Iterator[Quad]:
    """Every quad of an article's named graph, in a deterministic order."""
    graph = article_iri(ex.article.id)
    for s, p, o in _article_triples(ex, graph):
        yield s, p, o, graph
    for eid in sorted(ex.entities):
        for s, p, o in entity_triples(ex.entities[eid]):
            yield s, p, o, graph
        yield graph, SCHEMA.mentions, URIRef(eid), graph
    for fact in ex.facts:
        for s, p, o in _fact_triples(ex, fact, graph):
            yield s, p, o, graph


def _article_triples(ex: Extraction, node: URIRef) -> Iterator[tuple]:
    a = ex.article
    yield node, RDF.type, KG.Article
    yield node, RDF.type, SCHEMA.NewsArticle
    yield node, KG.articleId, Literal(a.id)
    yield node, KG.path, Literal(a.path)
    yield node, KG.contentHash, Literal(a.content_hash)
    if a.title:
        yield node, SCHEMA.headline, Literal(a.title)
    if a.published:
        yield node, SCHEMA.datePublished, Literal(a.published, datatype=XSD.dateTime)
    if a.url:
        yield node, SCHEMA.url, Literal(a.url, datatype=XSD.anyURI)
    if a.source:
        yield node, KG.sourceName, Literal(a.source)
    for category in a.categories:
        yield node, SCHEMA.articleSection, Literal(category)
    for tag in a.tags:
        yield node, SCHEMA.keywords, Literal(tag)


def entity_triples(entity: Entity) -> Iterator[tuple]:
    """The triples describing one entity: type, name, aliases, ticker."""
    node = URIRef(entity.id)
    yield node, RDF.type, class_iri(entity.type)
    yield node, RDFS.label, Literal(entity.name)
    for alias in sorted(set(entity.aliases) - {entity.name}):
        yield node, SKOS.altLabel, Literal(alias)
    if entity.ticker:
        yield node, KG.ticker, Literal(entity.ticker)


def _fact_triples(ex: Extraction, fact: Fact, graph: URIRef) -> Iterator[tuple]:
    subj, obj = URIRef(fact.subject.entity), URIRef(fact.object.entity)
    pred = predicate_iri(fact.predicate)
    start, end = fact.sentence
    node = fact_iri(
        ex.article.id,
        fact.predicate,
        str(subj),
        str(obj),
        str(fact.qualifiers.get("position", "")),
        f"{start}:{end}",
    )
    yield subj, pred, obj
    yield node, RDF.type, KG.Fact
    yield node, RDF.subject, subj
    yield node, RDF.predicate, pred
    yield node, RDF.object, obj
    yield node, KG.subjectText, Literal(fact.subject.text)
    yield node, KG.objectText, Literal(fact.object.text)
    yield node, KG.sentence, Literal(ex.article.text[start:end])
    yield node, KG.start, Literal(start)
    yield node, KG.end, Literal(end)
    yield node, KG.confidence, Literal(Decimal(str(round(fact.confidence, 3))), datatype=XSD.decimal)
    yield node, KG.extractor, Literal(fact.extractor)
    yield node, PROV.wasDerivedFrom, graph
    q = fact.qualifiers
    if q.get("status"):
        yield node, KG.status, Literal(q["status"])
    if q.get("date"):
        yield node, KG.date, date_literal(q["date"])
    if fact.predicate == "holds_position":
        yield from _membership(ex, fact, node, subj, obj)


def _membership(ex: Extraction, fact: Fact, node: URIRef, person: URIRef, org: URIRef) -> Iterator[tuple]:
    """The W3C ORG n-ary form of a position: member, organisation, role, title and date reported."""
    q = fact.qualifiers
    title = q.get("position", "")
    role = entity_iri("Position", title)
    yield node, RDF.type, ORG.Membership
    yield node, ORG.member, person
    yield node, ORG.organization, org
    yield node, ORG.role, role
    yield node, KG.positionTitle, Literal(title)
    if q.get("as_written") and q["as_written"] != title:
        yield node, KG.titleAsWritten, Literal(q["as_written"])
    yield node, KG.acting, Literal(bool(q.get("acting", False)))
    reported = q.get("date") or (ex.article.published or "")[:10]
    if reported:
        yield node, KG.reportedOn, date_literal(reported)
    yield role, RDF.type, KG.Position
    yield role, RDF.type, ORG.Role
    yield role, RDFS.label, Literal(title)


def date_literal(value: str) -> Literal:
    """A date qualifier as xsd:date (2022-05-09) or, when only the month is known, xsd:gYearMonth."""
    return Literal(value, datatype=XSD.gYearMonth if len(value) == 7 else XSD.date)

"""The RDF shape of an article: its named graph, metadata, entities, fact nodes with evidence, positions."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from kg.model import Article, Entity, Extraction, Fact, Mention
from kg.rdf.convert import extraction_quads
from kg.rdf.vocab import KG, ORG, SCHEMA, article_iri, entity_iri
from tests.query.articles import position_article

MAOTAI = URIRef(entity_iri("Company", "SH600519"))


@pytest.fixture(scope="module")
def seed_graph(seed_extraction):
    ds = Dataset()
    ds.addN(extraction_quads(seed_extraction))
    return ds.graph(article_iri(seed_extraction.article.id))


def test_every_quad_is_in_the_article_graph_and_iris_are_ascii(seed_extraction):
    quads = list(extraction_quads(seed_extraction))
    assert {g for *_, g in quads} == {article_iri(seed_extraction.article.id)}
    for s, p, o, _ in quads:
        for term in (s, p, o):
            if isinstance(term, URIRef):
                assert str(term).isascii(), term


def test_conversion_is_deterministic(seed_extraction):
    assert list(extraction_quads(seed_extraction)) == list(extraction_quads(seed_extraction))


def test_the_article_node_carries_its_metadata(seed_graph, seed_extraction):
    a = seed_extraction.article
    node = article_iri(a.id)
    assert {KG.Article, SCHEMA.NewsArticle} <= set(seed_graph.objects(node, RDF.type))
    assert seed_graph.value(node, SCHEMA.headline) == Literal("抢到手的酒“飞”了？贵州茅台称支付系统故障")
    assert seed_graph.value(node, SCHEMA.datePublished) == Literal(
        "2022-05-13T19:31:49+08:00", datatype=XSD.dateTime
    )
    assert seed_graph.value(node, SCHEMA.url) == Literal(a.url, datatype=XSD.anyURI)
    assert seed_graph.value(node, KG.sourceName) == Literal("财联社")
    assert seed_graph.value(node, KG.articleId) == Literal(a.id)
    assert seed_graph.value(node, KG.contentHash) == Literal(a.content_hash)
    assert set(seed_graph.objects(node, SCHEMA.keywords)) == {Literal("东财滚动新闻")}
    assert set(seed_graph.objects(node, SCHEMA.mentions)) == {URIRef(e) for e in seed_extraction.entities}


def test_a_listed_company_has_a_plain_label_its_alias_and_ticker(seed_graph):
    assert (MAOTAI, RDF.type, KG.Company) in seed_graph
    assert seed_graph.value(MAOTAI, RDFS.label) == Literal("贵州茅台")  # plain: no language, no datatype
    assert Literal("茅台") in set(seed_graph.objects(MAOTAI, SKOS.altLabel))
    assert seed_graph.value(MAOTAI, KG.ticker) == Literal("SH600519")


def test_a_fact_is_a_direct_triple_and_a_node_with_its_evidence(seed_graph, seed_extraction):
    text = seed_extraction.article.text
    facts = list(seed_graph.subjects(RDF.type, KG.Fact))
    assert len(facts) == len(seed_extraction.facts)
    for node in facts:
        s, p, o = (seed_graph.value(node, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        assert (s, p, o) in seed_graph
        start, end = seed_graph.value(node, KG.start).toPython(), seed_graph.value(node, KG.end).toPython()
        assert seed_graph.value(node, KG.sentence) == Literal(text[start:end])
        assert str(seed_graph.value(node, KG.subjectText)) in text[start:end]
        assert str(seed_graph.value(node, KG.objectText)) in text[start:end]
        confidence = seed_graph.value(node, KG.confidence)
        assert confidence.datatype == XSD.decimal and Decimal(0) < confidence.toPython() <= Decimal(1)
        assert seed_graph.value(node, KG.extractor)
        assert seed_graph.value(node, PROV.wasDerivedFrom) == article_iri(seed_extraction.article.id)


def test_a_position_is_an_org_membership_with_title_acting_and_date(seed_graph):
    acting = [
        m for m in seed_graph.subjects(RDF.type, ORG.Membership) if seed_graph.value(m, KG.acting).toPython()
    ]
    (m,) = acting
    assert seed_graph.value(m, KG.positionTitle) == Literal("总经理")
    assert seed_graph.value(m, KG.titleAsWritten) == Literal("代行总经理职责")
    assert seed_graph.value(m, ORG.organization) == MAOTAI
    assert seed_graph.value(seed_graph.value(m, ORG.member), RDFS.label) == Literal("李静仁")
    assert seed_graph.value(m, KG.reportedOn) == Literal("2022-05-13", datatype=XSD.date)
    role = seed_graph.value(m, ORG.role)
    assert {KG.Position, ORG.Role} <= set(seed_graph.objects(role, RDF.type))
    assert seed_graph.value(role, RDFS.label) == Literal("总经理")


def test_qualifiers_become_status_and_typed_dates():
    ex = position_article("q-1", "九州通", "刘长云", "董事长", "SH600998", date="2022-05")
    text = "九州通拟收购某医药公司。"
    buyer = ex.entities[str(entity_iri("Company", "SH600998"))]
    target = Entity(str(entity_iri("Company", "某医药公司")), "Company", "某医药公司")
    article = Article("q-2", "q-2.txt", text)
    s = Mention(0, 3, "九州通", "Company", "hand", 0.9, "SH600998", buyer.id)
    o = Mention(5, 10, "某医药公司", "Company", "hand", 0.9, None, target.id)
    planned = Fact("acquires", s, o, (0, len(text)), "hand", 0.6, {"status": "planned", "date": "2022-06-01"})
    ds = Dataset(default_union=True)
    ds.addN(extraction_quads(ex))
    ds.addN(extraction_quads(Extraction(article, [s, o], {buyer.id: buyer, target.id: target}, [planned])))
    (membership,) = ds.subjects(RDF.type, ORG.Membership)
    assert ds.value(membership, KG.reportedOn) == Literal("2022-05", datatype=XSD.gYearMonth)
    assert ds.value(membership, KG.acting) == Literal(False)
    assert ds.value(membership, KG.titleAsWritten) is None
    (acquisition,) = ds.subjects(RDF.predicate, KG.acquires)
    assert ds.value(acquisition, KG.status) == Literal("planned")
    assert ds.value(acquisition, KG.date) == Literal("2022-06-01", datatype=XSD.date)
    assert ds.value(acquisition, KG.confidence) == Literal(Decimal("0.6"), datatype=XSD.decimal)

"""The ontology and shapes files: they parse, and they cannot drift from the contract's data files."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, XSD

from kg import schema
from kg.pipeline import build_dataset
from kg.rdf.vocab import KG, ORG, PREFIXES, SCHEMA, SH, class_iri, predicate_iri
from kg.validate import ontology, ontology_text, shapes, union_graph

PROV = PREFIXES["prov"]
# where owlrl records an inconsistency it finds
OWLRL_ERROR = URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")


@pytest.fixture(scope="module")
def onto() -> Graph:
    return ontology()


def _labels(graph: Graph, term) -> dict[str, str]:
    return {lit.language: str(lit) for lit in graph.objects(term, RDFS.label) if isinstance(lit, Literal)}


def _declared_kg_terms(graph: Graph) -> set:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, RDFS.Datatype)
    return {s for kind in kinds for s in graph.subjects(RDF.type, kind) if str(s).startswith(str(KG))}


def test_ontology_header_has_title_and_version(onto):
    (header,) = onto.subjects(RDF.type, OWL.Ontology)
    assert str(header) == str(KG).rstrip("#")
    assert onto.value(header, OWL.versionInfo) is not None
    titles = {lit.language for lit in onto.objects(header, DCTERMS.title)}
    assert titles == {"en", "zh"}


def test_ontology_files_are_reachable_from_the_package():
    assert "owl:Ontology" in ontology_text("kg.ttl")
    assert "sh:PropertyShape" in ontology_text("shapes.ttl")


@pytest.mark.parametrize("type_name", list(schema.entity_types()))
def test_every_entity_type_is_a_class_with_the_data_files_labels(onto, type_name):
    cls = class_iri(type_name)
    term = schema.entity_types()[type_name]
    assert (cls, RDF.type, OWL.Class) in onto
    assert (cls, RDFS.subClassOf, KG.Entity) in onto
    assert _labels(onto, cls) == {"zh": term.label_zh, "en": term.label_en}
    assert Literal(term.comment, lang="en") in set(onto.objects(cls, RDFS.comment))


def test_entity_types_are_declared_disjoint_and_nothing_else_is_an_entity_type(onto):
    (group,) = onto.subjects(RDF.type, OWL.AllDisjointClasses)
    members = list(Collection(onto, onto.value(group, OWL.members)))
    expected = [class_iri(t) for t in schema.entity_types()]
    assert sorted(members) == sorted(expected)
    assert sorted(onto.subjects(RDFS.subClassOf, KG.Entity)) == sorted(expected)


@pytest.mark.parametrize("name", list(schema.predicates()))
def test_every_predicate_is_an_object_property_with_the_data_files_labels(onto, name):
    prop = predicate_iri(name)
    term = schema.predicates()[name]
    assert (prop, RDF.type, OWL.ObjectProperty) in onto
    assert (prop, RDFS.subPropertyOf, KG.relatedTo) in onto
    assert _labels(onto, prop) == {"zh": term.label_zh, "en": term.label_en}
    assert ((prop, RDF.type, OWL.SymmetricProperty) in onto) == term.symmetric


def test_the_contract_predicates_are_exactly_the_subproperties_of_related_to(onto):
    declared = set(onto.subjects(RDFS.subPropertyOf, KG.relatedTo))
    assert declared == {predicate_iri(p) for p in schema.predicates()}


def test_holds_position_links_a_person_to_an_organisation(onto):
    prop = KG.holds_position
    assert onto.value(prop, RDFS.domain) == KG.Person
    assert (prop, RDFS.subPropertyOf, ORG.memberOf) in onto
    union = onto.value(onto.value(prop, RDFS.range), OWL.unionOf)
    assert set(Collection(onto, union)) == {KG.Company, KG.Organization, KG.GovernmentBody}


@pytest.mark.parametrize(
    ("term", "relation", "external"),
    [
        (KG.Company, RDFS.subClassOf, SCHEMA.Corporation),
        (KG.Company, RDFS.subClassOf, ORG.FormalOrganization),
        (KG.Person, RDFS.subClassOf, SCHEMA.Person),
        (KG.Organization, RDFS.subClassOf, ORG.Organization),
        (KG.GovernmentBody, RDFS.subClassOf, SCHEMA.GovernmentOrganization),
        (KG.Location, RDFS.subClassOf, SCHEMA.Place),
        (KG.Product, RDFS.subClassOf, SCHEMA.Product),
        (KG.Event, RDFS.subClassOf, SCHEMA.Event),
        (KG.Project, RDFS.subClassOf, SCHEMA.Project),
        (KG.Position, RDFS.subClassOf, ORG.Role),
        (KG.Article, RDFS.subClassOf, SCHEMA.NewsArticle),
        (KG.Article, RDFS.subClassOf, PROV.Entity),
        (KG.Fact, RDFS.subClassOf, RDF.Statement),
        (KG.owns, RDFS.subPropertyOf, SCHEMA.owns),
        (KG.ticker, RDFS.subPropertyOf, SCHEMA.tickerSymbol),
    ],
)
def test_terms_are_aligned_to_schema_org_w3c_org_and_prov(onto, term, relation, external):
    assert (term, relation, external) in onto


def test_every_declared_term_has_chinese_and_english_labels_and_comments(onto):
    terms = _declared_kg_terms(onto)
    assert len(terms) > 40
    for term in terms:
        assert set(_labels(onto, term)) == {"zh", "en"}, term
        comments = {lit.language for lit in onto.objects(term, RDFS.comment)}
        assert comments == {"zh", "en"}, term


def test_everything_the_converter_writes_in_the_kg_namespace_is_declared(onto, seed_extraction):
    built: Dataset = build_dataset([seed_extraction])
    used = set()
    for _s, p, o, _g in built.quads((None, None, None, None)):
        used.update(
            t for t in (p, o if p == RDF.type else None) if t is not None and str(t).startswith(str(KG))
        )
    assert used, "the seed graph uses no kg: terms"
    assert used <= _declared_kg_terms(onto), used - _declared_kg_terms(onto)


def test_datatype_properties_have_the_ranges_the_converter_writes(onto):
    expected = {
        KG.start: "integer",
        KG.end: "integer",
        KG.confidence: "decimal",
        KG.acting: "boolean",
        KG.sentence: "string",
        KG.ticker: "string",
    }
    for prop, datatype in expected.items():
        assert str(onto.value(prop, RDFS.range)).endswith("#" + datatype), prop
    for prop in (KG.date, KG.reportedOn):
        union = onto.value(onto.value(prop, RDFS.range), OWL.unionOf)
        assert list(Collection(onto, union)) == [XSD.date, XSD.gYearMonth]


def test_shapes_mention_only_terms_the_ontology_declares(onto):
    graph = shapes()
    kg_terms = {t for triple in graph for t in triple if str(t).startswith(str(KG))}
    assert KG.Fact in kg_terms and KG.ticker in kg_terms
    assert kg_terms <= _declared_kg_terms(onto), kg_terms - _declared_kg_terms(onto)


def test_every_shape_names_a_message(onto):
    graph = shapes()
    top = set(graph.subjects(RDF.type, SH.NodeShape)) | set(graph.subjects(RDF.type, SH.PropertyShape))
    assert len(top) > 30
    for shape in top:
        assert graph.value(shape, SH.message) is not None, shape


def test_the_seed_graph_is_consistent_with_the_ontologys_axioms(onto, seed_extraction):
    import owlrl  # installed with pySHACL

    graph = union_graph(build_dataset([seed_extraction]))
    graph += onto
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    errors = list(graph.objects(None, OWLRL_ERROR))
    assert errors == []
    # The alignments reach the external vocabularies.
    moutai = next(graph.subjects(KG.ticker, Literal("SH600519")))
    assert {KG.Entity, SCHEMA.Corporation, ORG.FormalOrganization} <= set(graph.objects(moutai, RDF.type))

"""Ad-hoc SPARQL over the seed graph: query kinds, the union default graph, GRAPH ?g, refused queries."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Graph, Literal, URIRef

from kg.pipeline import build_dataset
from kg.query import ENGINES, QueryError, oxigraph_store, parse_query, run_named, run_query
from kg.query.engine import MERGED_GRAPH
from kg.rdf.vocab import KG, SUMMARY_GRAPH, article_iri
from tests.query.articles import position_article

LISTED = "SELECT ?name WHERE { ?c a kg:Company ; kg:ticker ?t ; rdfs:label ?name } ORDER BY ?name"


@pytest.fixture(params=ENGINES.names())
def engine(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def two_articles(seed_extraction) -> Dataset:
    return build_dataset(
        [seed_extraction, position_article("later-1", "贵州茅台", "王莉", "总经理", "SH600519")]
    )


def test_select_sees_the_union_of_the_article_graphs_with_project_prefixes(two_articles, engine):
    result = run_query(two_articles, LISTED, engine=engine)
    assert result.kind == "SELECT" and result.variables == ["name"]
    # 贵州茅台 is described in both articles but is one entity: one row
    assert [str(r[0]) for r in result.rows] == ["九州通", "贵州茅台"]


def test_graph_variable_ranges_over_the_articles(two_articles, seed_extraction, engine):
    sparql = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?c kg:ticker 'SH600519' } } ORDER BY ?g"
    rows = run_query(two_articles, sparql, engine=engine).rows
    articles = [article_iri(seed_extraction.article.id), article_iri("later-1")]
    assert [r[0] for r in rows] == sorted([*articles, SUMMARY_GRAPH])  # the summary names it too


def test_from_picks_one_article_graph(two_articles, engine):
    sparql = f"SELECT ?name FROM <{article_iri('later-1')}> WHERE {{ ?p a kg:Person ; rdfs:label ?name }}"
    assert [str(r[0]) for r in run_query(two_articles, sparql, engine=engine).rows] == ["王莉"]


def test_bindings_are_terms(seed_dataset, engine):
    sparql = "SELECT ?name ?t WHERE { ?c rdfs:label ?name ; kg:ticker ?t }"
    rows = run_query(seed_dataset, sparql, {"t": Literal("SH600998")}, engine=engine).rows
    assert [(str(n), str(t)) for n, t in rows] == [("九州通", "SH600998")]


def test_ask_construct_and_describe(seed_dataset, engine):
    assert run_query(seed_dataset, "ASK { ?c kg:ticker 'SH600519' }", engine=engine).answer is True
    assert run_query(seed_dataset, "ASK { ?c kg:ticker 'SH000000' }", engine=engine).answer is False
    built = run_query(
        seed_dataset, "CONSTRUCT { ?c kg:name ?n } WHERE { ?c kg:ticker ?t ; rdfs:label ?n }", engine=engine
    )
    assert built.kind == "CONSTRUCT" and {str(o) for o in built.graph.objects(None, KG.name)} == {
        "九州通",
        "贵州茅台",
    }
    described = run_query(seed_dataset, "DESCRIBE ?c WHERE { ?c kg:ticker 'SH600519' }", engine=engine)
    company = URIRef("https://w3id.org/kg-news/id/company/SH600519")
    assert described.kind == "DESCRIBE" and (company, KG.ticker, Literal("SH600519")) in described.graph


def test_a_dataset_without_union_default_graph_is_still_queried_as_the_union(seed_extraction, engine):
    ds = Dataset()
    for quad in build_dataset([seed_extraction]).quads():
        ds.add(quad)
    assert [str(r[0]) for r in run_query(ds, LISTED, engine=engine).rows] == ["九州通", "贵州茅台"]


def test_an_oxigraph_store_can_be_reused(seed_dataset):
    store = oxigraph_store(seed_dataset)
    assert [str(r[0]) for r in run_query(store, LISTED, engine="oxigraph").rows] == ["九州通", "贵州茅台"]
    with pytest.raises(QueryError, match="rdflib engine needs an rdflib Dataset"):
        run_query(store, LISTED, engine="rdflib")


@pytest.mark.parametrize(
    "sparql, message",
    [
        ("SELEC ?x WHERE { ?x ?p ?o }", "SPARQL syntax error: Expected"),
        ("SELECT ?x WHERE { ?x nope:p ?o }", "SPARQL syntax error: Unknown namespace prefix : nope"),
        ("SELECT ?x WHERE {\n ?x ?p ?o \n", "SPARQL syntax error"),
        ("DROP ALL", "SPARQL Update is not supported"),
        ("PREFIX x: <http://x#>\n# a comment\nINSERT DATA { x:a x:b x:c }", "SPARQL Update is not supported"),
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE is not supported"),
    ],
)
def test_queries_that_cannot_run_raise_one_line(sparql, message):
    with pytest.raises(QueryError) as err:
        parse_query(sparql)
    assert str(err.value).startswith(message) and "\n" not in str(err.value)


def test_from_a_graph_that_is_not_there_is_refused_rather_than_fetched(seed_dataset, engine):
    with pytest.raises(QueryError, match="FROM <http://example.org/elsewhere>"):
        run_query(
            seed_dataset, "SELECT * FROM <http://example.org/elsewhere> WHERE { ?s ?p ?o }", engine=engine
        )


def test_an_unknown_engine_is_named(seed_dataset):
    with pytest.raises(QueryError, match="unknown query engine 'jena'"):
        run_query(seed_dataset, LISTED, engine="jena")


def test_a_merged_graph_is_queried_as_one_named_graph(seed_dataset, engine):
    merged = Graph()
    for s, p, o, _ in seed_dataset.quads():
        merged.add((s, p, o))
    rows = run_named(merged, "positions", engine=engine, company="贵州茅台")
    assert [str(r["title"]) for r in rows] == ["董事长", "总经理", "董事"]
    graphs = run_query(merged, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", engine=engine).rows
    assert sorted(graphs) == sorted([(MERGED_GRAPH,), (SUMMARY_GRAPH,)])

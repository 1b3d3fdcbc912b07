"""The named queries on the seed article's graph, on both engines, with hostile parameter values."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from kg.pipeline import build_dataset
from kg.query import ENGINES, QueryError, load_named, named_query, run_named
from kg.query.named import parse_named
from kg.rdf.serialize import serialize
from kg.rdf.vocab import article_iri
from tests.query.articles import position_article

INJECTION = 'x" } ; DROP ALL ; #'
SAMPLE_PARAMS = {
    "positions": {"company": "贵州茅台"},
    "services": {"entity": "贵州茅台"},
    "facts": {"entity": "九州通"},
    "evidence": {"entity": "九州通"},
    "neighbours": {"entity": "i茅台"},
    "predicate-counts": {},
}


@pytest.fixture(params=ENGINES.names())
def engine(request) -> str:
    return request.param


def values(rows, *names):
    return [tuple(None if r[n] is None else r[n].toPython() for n in names) for r in rows]


def test_the_required_named_queries_exist_with_a_summary_and_documented_parameters():
    queries = load_named()
    assert set(SAMPLE_PARAMS) <= set(queries.names())
    for name, query in queries:
        assert query.summary, name
        assert all(p.help for p in query.parameters), name
        assert {p.name for p in query.parameters} == set(
            SAMPLE_PARAMS.get(name, {p.name for p in query.parameters})
        )


def test_positions_at_the_seed_company_are_exactly_the_three(seed_dataset, seed_extraction, engine):
    rows = run_named(seed_dataset, "positions", engine=engine, company="贵州茅台")
    assert values(rows, "person", "title", "acting") == [
        ("丁雄军", "董事长", False),
        ("李静仁", "总经理", True),
        ("李静仁", "董事", False),
    ]
    seed = article_iri(seed_extraction.article.id)
    for row in rows:
        assert row["article"] == seed
        assert (
            str(row["person"]) in str(row["evidence"])
            and str(row["evidence"]) in seed_extraction.article.text
        )
        assert str(row["reported"]) == "2022-05-13"
    assert [str(r["as_written"]) for r in rows if r["acting"].toPython()] == ["代行总经理职责"]


@pytest.mark.parametrize("name", ["茅台", "SH600519"])
def test_a_company_is_found_by_its_alias_or_ticker(seed_dataset, engine, name):
    rows = run_named(seed_dataset, "positions", engine=engine, company=name)
    assert values(rows, "person", "title") == [("丁雄军", "董事长"), ("李静仁", "总经理"), ("李静仁", "董事")]


def test_an_injection_attempt_is_only_a_name_that_matches_nothing(seed_dataset, engine):
    before = serialize(seed_dataset, "nquads")
    assert run_named(seed_dataset, "positions", engine=engine, company=INJECTION) == []
    assert run_named(seed_dataset, "facts", engine=engine, entity=INJECTION) == []
    assert serialize(seed_dataset, "nquads") == before


def test_a_company_really_named_like_an_injection_is_found_by_that_name(engine):
    ds = build_dataset([position_article("odd", INJECTION, "张三", "董事长")])
    rows = run_named(ds, "positions", engine=engine, company=INJECTION)
    assert values(rows, "company", "person", "title") == [(INJECTION, "张三", "董事长")]


def test_positions_join_an_entity_across_articles(seed_extraction, engine):
    later = position_article("later-1", "贵州茅台", "王莉", "总经理", ticker="SH600519")
    rows = run_named(build_dataset([seed_extraction, later]), "positions", engine=engine, company="贵州茅台")
    assert len(rows) == 4
    (wang,) = [r for r in rows if str(r["person"]) == "王莉"]
    assert wang["article"] == article_iri("later-1") and str(wang["reported"]) == "2023-01-05"


def test_a_position_stated_by_many_articles_is_one_row_with_the_latest_evidence(engine):
    articles = [
        position_article(f"a{i}", "贵州茅台", "王莉", "总经理", ticker="SH600519", date=date)
        for i, date in enumerate(["2023-01-05", "2023-03-01", "2022-12-31"])
    ]
    rows = run_named(build_dataset(articles), "positions", engine=engine, company="SH600519")
    assert values(rows, "person", "title", "articles", "reported") == [
        ("王莉", "总经理", 3, date(2023, 3, 1))
    ]
    assert rows[0]["article"] == article_iri("a1")


@pytest.mark.parametrize("name", ["i茅台", "贵州茅台"])
def test_services_to_a_product_or_to_its_owner(seed_dataset, engine, name):
    rows = run_named(seed_dataset, "services", engine=engine, entity=name)
    assert values(rows, "provider", "ticker", "receiver", "articles") == [("九州通", "SH600998", "i茅台", 1)]
    assert "技术服务" in str(rows[0]["evidence"])


def test_nobody_provides_services_to_the_provider(seed_dataset, engine):
    assert run_named(seed_dataset, "services", engine=engine, entity="九州通") == []


def test_evidence_carries_offsets_extractor_and_confidence(seed_dataset, seed_extraction, engine):
    rows = run_named(seed_dataset, "evidence", engine=engine, entity="SH600998")
    text = seed_extraction.article.text
    assert {str(r["predicate"]).rsplit("#", 1)[1] for r in rows} >= {"provides_service_to"}
    for r in rows:
        assert "九州通" in (str(r["subject"]), str(r["object"]))
        assert text[r["start"].toPython() : r["end"].toPython()] == str(r["evidence"])
        assert str(r["extractor"]) and 0 < r["confidence"].toPython() <= 1
        assert r["article"] == article_iri(seed_extraction.article.id)


@pytest.mark.parametrize("query", ["facts", "evidence"])
def test_facts_name_the_entity_as_object_too(seed_dataset, engine, query):
    rows = run_named(seed_dataset, query, engine=engine, entity="i茅台")
    pairs = {(str(r["subject"]), str(r["object"])) for r in rows}
    assert {("九州通", "i茅台"), ("贵州茅台", "i茅台")} <= pairs
    assert all("i茅台" in pair for pair in pairs)


def test_facts_give_each_fact_once_with_its_count_of_articles(engine):
    dates = ["2023-01-05", "2022-11-30"]
    ds = build_dataset(
        [position_article(f"a{i}", "贵州茅台", "丁雄军", "董事长", date=d) for i, d in enumerate(dates)]
    )
    rows = run_named(ds, "facts", engine=engine, entity="丁雄军")
    assert values(rows, "subject", "position", "facts", "articles") == [("丁雄军", "董事长", 2, 2)]
    assert rows[0]["article"] == article_iri("a0")  # the latest report
    assert len(run_named(ds, "evidence", engine=engine, entity="丁雄军")) == 2


def test_neighbours_reach_two_hops_with_each_edge_once(seed_dataset, engine):
    rows = run_named(seed_dataset, "neighbours", engine=engine, entity="i茅台")
    edges = {
        (str(r["subject"]), str(r["predicate"]).rsplit("#", 1)[1], str(r["object"]), str(r["position"])): r
        for r in rows
    }
    assert len(edges) == len(rows)
    assert edges[("九州通", "provides_service_to", "i茅台", "None")]["hops"].toPython() == 1
    assert edges[("贵州茅台", "owns", "i茅台", "None")]["hops"].toPython() == 1
    assert edges[("丁雄军", "holds_position", "贵州茅台", "董事长")]["hops"].toPython() == 2
    assert {k[3] for k in edges if k[0] == "李静仁"} == {"董事", "总经理"}


def test_predicate_counts_count_every_fact(seed_dataset, seed_extraction, engine):
    rows = run_named(seed_dataset, "predicate-counts", engine=engine)
    counts = {str(r["predicate"]).rsplit("#", 1)[1]: r["facts"].toPython() for r in rows}
    assert counts == dict(Counter(f.predicate for f in seed_extraction.facts))


@pytest.mark.parametrize("name", sorted(SAMPLE_PARAMS))
def test_both_engines_give_the_same_rows_in_the_same_order(seed_dataset, name):
    results = [run_named(seed_dataset, name, engine=e, **SAMPLE_PARAMS[name]) for e in ENGINES.names()]
    assert results[0] and all(r == results[0] for r in results)


def test_an_unknown_named_query_lists_the_known_ones(seed_dataset):
    with pytest.raises(QueryError, match=r"unknown named query 'nope' \(known: .*positions"):
        run_named(seed_dataset, "nope")


def test_a_missing_or_unknown_parameter_is_named(seed_dataset):
    with pytest.raises(QueryError, match="needs parameter 'company'"):
        run_named(seed_dataset, "positions")
    with pytest.raises(QueryError, match="has no parameter 'firm'"):
        run_named(seed_dataset, "positions", company="贵州茅台", firm="x")


def test_parameters_are_read_from_the_header():
    query = named_query("positions")
    assert [p.name for p in query.parameters] == ["company"]
    assert "ticker" in query.parameters[0].help


def test_a_query_file_without_a_header_or_with_an_unprojected_parameter_is_rejected():
    with pytest.raises(QueryError, match="first line must be a comment"):
        parse_named("bad", "SELECT ?x WHERE { ?x ?p ?o }")
    with pytest.raises(QueryError, match="parameter 'name' must be a projected variable"):
        parse_named("bad", "# Things.\n# param name: a name\nSELECT ?x WHERE { ?x ?p ?name }")
    with pytest.raises(QueryError, match="syntax error"):
        parse_named("bad", "# Things.\nSELECT ?x WHERE { ?x ?p }")

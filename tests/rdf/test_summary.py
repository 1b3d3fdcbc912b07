"""The summary graph computed from article graphs: counts, latest evidence, independence from order."""

from __future__ import annotations

import itertools

from kg.rdf.convert import extraction_quads
from kg.rdf.summary import digest_quads, edge_node, summary_quads
from kg.rdf.terms import to_ox_quads
from kg.rdf.vocab import KG, SUMMARY_GRAPH, article_iri
from tests.query.articles import position_article


def _quads(*extractions):
    return list(to_ox_quads(q for ex in extractions for q in extraction_quads(ex)))


def test_each_distinct_fact_is_one_edge_counted_over_articles(seed_extraction):
    digest = digest_quads(_quads(seed_extraction))
    assert sum(s.facts for s in digest.edges.values()) == len(seed_extraction.facts)
    assert all(s.articles == 1 for s in digest.edges.values())
    by_pred = {p.value.rsplit("#", 1)[1]: counts for p, counts in digest.predicates.items()}
    assert by_pred["holds_position"] == [3, 1]
    # 李静仁 is 董事 and acting 总经理: two edges between the same two entities
    titles = {(k[3], k[4]) for k in digest.edges if k[1].value.endswith("holds_position")}
    assert titles == {("董事长", "false"), ("董事", "false"), ("总经理", "true")}


def test_the_sample_is_the_latest_report_whatever_the_order_of_the_articles():
    dates = ["2023-01-05", "2023-03-01", "2022-12-31"]
    articles = [position_article(f"a{i}", "贵州茅台", "王莉", "总经理", date=d) for i, d in enumerate(dates)]
    outputs = set()
    for order in itertools.permutations(articles):
        digests = [digest_quads(_quads(ex)) for ex in order]
        merged = digests[0]
        for d in digests[1:]:
            merged.merge(d)
        outputs.add(tuple(summary_quads(merged)))
    assert len(outputs) == 1
    (stats,) = merged.edges.values()
    dates = (stats.first.value, stats.last.value)
    assert (stats.facts, stats.articles, dates) == (3, 3, ("2022-12-31", "2023-03-01"))
    assert stats.latest.article == str(article_iri("a1"))
    assert outputs == {tuple(summary_quads(digest_quads(_quads(*articles))))}  # merging = digesting together


def test_summary_quads_live_in_the_summary_graph_and_name_the_entities(seed_extraction):
    quads = list(summary_quads(digest_quads(_quads(seed_extraction))))
    assert {q.graph_name.value for q in quads} == {str(SUMMARY_GRAPH)}
    assert {q.object.value for q in quads if q.predicate.value == str(KG.ticker)} == {"SH600519", "SH600998"}
    edges = digest_quads(_quads(seed_extraction)).edges
    key = next(k for k in edges if k[1].value.endswith("provides_service_to"))
    props = {q.predicate.value: q.object for q in quads if q.subject == edge_node(key)}
    assert props[str(KG.factCount)].value == "1"
    latest = props[str(KG.latest)]
    fact = {q.predicate.value: q.object.value for q in _quads(seed_extraction) if q.subject == latest}
    assert "技术服务" in fact[str(KG.sentence)]

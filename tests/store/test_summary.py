"""The summary graph of an Oxigraph store stays equal to the one computed from its article graphs."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from kg.query import run_named
from kg.rdf.summary import article_quads, digest_quads, summary_quads
from kg.rdf.terms import from_ox_quad
from kg.rdf.vocab import KG
from kg.store import GraphStore, StoreError, load_dataset, open_store
from kg.store.oxigraph import MARKER
from kg.store.summary import SUMMARY, pending_quads, update_text
from tests.query.articles import position_article
from tests.store.conftest import article_graph


def _summary(store) -> set:
    return set(store.oxigraph.quads_for_pattern(None, None, None, SUMMARY))


def _expected(store) -> set:
    return set(summary_quads(digest_quads(article_quads(store.oxigraph))))


def test_adding_replacing_and_removing_keep_the_summary_exact(tmp_path, seed_extraction):
    store = open_store(tmp_path / "s")
    later = [
        position_article(f"p{i}", "贵州茅台", "王莉", "总经理", "SH600519", date=f"2023-0{i + 1}-01")
        for i in range(3)
    ]
    store.put_articles([article_graph(seed_extraction, "a1"), article_graph(seed_extraction, "b2")])
    assert _summary(store) == _expected(store) and _summary(store)
    store.put_articles([article_graph(ex) for ex in later])
    assert _summary(store) == _expected(store)
    store.put_article(article_graph(seed_extraction, "b2", facts=2))  # replaced with fewer facts
    assert _summary(store) == _expected(store)
    store.remove_article(str(article_graph(later[2]).iri))  # held the latest report
    assert _summary(store) == _expected(store)
    counted = store.fact_counts()  # from the summary graph
    assert counted == GraphStore.fact_counts(store) and counted[str(KG.holds_position)] >= 5
    rows = run_named(store.dataset(), "positions", company="SH600519")
    (wang,) = [r for r in rows if str(r["person"]) == "王莉"]
    assert wang["articles"].toPython() == 2 and str(wang["reported"]) == "2023-02-01"
    for iri in [a.iri for a in store.articles()]:
        store.remove_article(iri)
    assert _summary(store) == set()
    store.close()


def test_articles_stored_but_not_counted_are_counted_when_the_store_is_next_opened(tmp_path, seed_graph):
    store = open_store(tmp_path / "s")
    # what a build killed between storing a batch and counting it leaves behind
    store.oxigraph.extend(list(seed_graph.quads) + list(pending_quads([str(seed_graph.iri)])))
    store.close()
    store = open_store(tmp_path / "s")
    assert _summary(store) == _expected(store) and _summary(store)
    store.close()


def test_an_article_cut_short_while_being_written_is_dropped_and_extracted_again(
    tmp_path, seed_extraction, seed_graph
):
    store = open_store(tmp_path / "s")
    store.put_article(article_graph(seed_extraction, "kept"))
    # what a build killed inside a bulk write leaves: the flag and part of the graph, not its hash
    partial = [q for q in seed_graph.quads if q.predicate.value != str(KG.contentHash)]
    store.oxigraph.extend(list(pending_quads([str(seed_graph.iri)])) + partial[: len(partial) // 2])
    store.close()
    store = open_store(tmp_path / "s")
    assert [a.article_id for a in store.articles()] == ["kept"]
    assert not store.oxigraph.contains_named_graph(partial[0].graph_name)
    assert _summary(store) == _expected(store) and _summary(store)
    store.put_article(seed_graph)  # the next build stores it whole
    assert _summary(store) == _expected(store)
    assert len(list(store.articles())) == 2
    store.close()


def test_new_articles_are_counted_before_anything_reads_the_summary(tmp_path, seed_extraction):
    store = open_store(tmp_path / "s")
    store.put_articles([article_graph(seed_extraction, f"a{i}") for i in range(3)])
    counts = store.fact_counts()  # read before the batch of SUMMARY_BATCH articles is full
    assert counts == GraphStore.fact_counts(store) and counts[str(KG.holds_position)] == 9
    store.put_article(article_graph(seed_extraction, "a3"))
    store.close()  # closing counts what is left
    reopened = open_store(tmp_path / "s", read_only=True)
    assert _summary(reopened) == _expected(reopened)
    reopened.close()


@pytest.mark.parametrize("cached", [100_000, 1], ids=["edges-cached", "edges-read-back"])
def test_later_and_earlier_reports_of_a_known_edge_update_it_exactly(tmp_path, cached):
    store = open_store(tmp_path / "s")
    store._edges.limit = cached  # with room for one edge, the others are read back from the database
    for i, date in enumerate(["2023-03-01", "2023-05-01", "2023-01-01", "2023-05-01"]):
        store.put_article(
            article_graph(position_article(f"p{i}", "贵州茅台", "王莉", "总经理", "SH600519", date=date))
        )
        store.put_article(article_graph(position_article(f"q{i}", "五粮液", "曾从钦", "董事长", date=date)))
        assert _summary(store) == _expected(store)  # the latest report moves, stays, then ties
    (wang,) = list(run_named(store.dataset(), "positions", company="SH600519"))
    assert wang["articles"].toPython() == 4 and str(wang["reported"]) == "2023-05-01"
    store.close()


def test_edges_stored_without_their_latest_place_are_updated_exactly(tmp_path, seed_extraction):
    store = open_store(tmp_path / "s")
    store.put_article(article_graph(seed_extraction, "a1"))
    start = ox.NamedNode(str(KG.start))
    store.oxigraph.update(
        update_text(list(store.oxigraph.quads_for_pattern(None, start, None, SUMMARY)), (), [])
    )
    store.close()  # as a store written by an older kg is opened
    store = open_store(tmp_path / "s")
    store.put_article(article_graph(seed_extraction, "a2"))  # same facts: the latest stays in a1
    assert _summary(store) == _expected(store)
    store.close()


def test_a_store_made_before_the_summary_is_upgraded_when_opened_for_writing(tmp_path, seed_graph):
    store = open_store(tmp_path / "s")
    store.oxigraph.extend(list(seed_graph.quads))  # an article graph without summary
    store.close()
    (tmp_path / "s" / MARKER).write_text(json.dumps({"format": "kg-store", "version": 1}))
    with pytest.raises(StoreError, match="older kg without the summary graph; open it for writing once"):
        open_store(tmp_path / "s", read_only=True)
    open_store(tmp_path / "s").close()
    rows = run_named(load_dataset(tmp_path / "s"), "positions", company="贵州茅台")
    assert [str(r["person"]) for r in rows] == ["丁雄军", "李静仁", "李静仁"]


def test_exports_and_the_rdflib_view_leave_the_summary_out(tmp_path, seed_graph):
    with open_store(tmp_path / "s") as store:
        store.put_article(seed_graph)
        assert set(store.quads()) == set(map(from_ox_quad, seed_graph.quads))
        assert [str(g.identifier) for g in store.dataset().store.contexts()] == [str(seed_graph.iri)]

"""Central entities, communities and components on networks whose answers are known."""

from __future__ import annotations

import pytest

from kg.analyze import analyze, pagerank, undirected


def star(make_network, n: int = 6, inward: bool = True):
    leaves = [f"L{i}" for i in range(n)]
    return make_network(
        [(leaf, "holds_shares_in", "HUB") if inward else ("HUB", "owns", leaf) for leaf in leaves]
    )


def test_the_centre_of_a_star_wins_pagerank_degree_and_betweenness_whichever_way_facts_point(make_network):
    for inward in (True, False):
        result = analyze(star(make_network, inward=inward))
        top = result.entities[0]
        assert top["name"] == "HUB"
        assert top["degree"] == 6
        assert top["betweenness"] == 1.0
        assert all(e["betweenness"] == 0.0 for e in result.entities[1:])
        assert top["pagerank"] > 3 * result.entities[1]["pagerank"]


def test_on_a_chain_the_middle_is_most_between_and_the_ends_rank_last(make_network):
    graph = make_network([("A", "owns", "B"), ("B", "owns", "C"), ("C", "owns", "D"), ("D", "owns", "E")])
    by_name = {e["name"]: e for e in analyze(graph).entities}
    assert max(by_name, key=lambda n: by_name[n]["betweenness"]) == "C"
    assert by_name["C"]["betweenness"] == pytest.approx(4 / 6, abs=1e-6)  # 4 of the 6 pairs not at C
    assert by_name["A"]["betweenness"] == by_name["E"]["betweenness"] == 0.0
    assert {e["name"] for e in analyze(graph).entities[-2:]} == {"A", "E"}


def test_two_clusters_joined_by_a_bridge_are_two_communities_in_one_component(make_network):
    left = [("A", "cooperates_with", "B"), ("B", "cooperates_with", "C"), ("A", "cooperates_with", "C")]
    right = [("X", "competes_with", "Y"), ("Y", "competes_with", "Z"), ("X", "competes_with", "Z")]
    graph = make_network([*left, *right, ("C", "supplies_to", "X")], isolated=("LONE",))
    result = analyze(graph)
    assert sorted(sorted(c) for c in result.communities[:2]) == [["A", "B", "C"], ["X", "Y", "Z"]]
    assert result.communities[2] == ["LONE"]
    assert [len(c) for c in result.components] == [6, 1]
    by_name = {e["name"]: e for e in result.entities}
    assert by_name["A"]["community"] == by_name["B"]["community"] != by_name["X"]["community"]
    assert by_name["A"]["component"] == by_name["X"]["component"] == 1
    assert by_name["LONE"]["degree"] == 0 and by_name["LONE"]["component"] == 2


def test_results_are_the_same_on_every_run(make_network):
    facts = [(f"N{i}", "cooperates_with", f"N{(i * 7 + 3) % 40}") for i in range(40)]
    first, second = analyze(make_network(facts)), analyze(make_network(facts))
    assert first.entities == second.entities
    assert first.communities == second.communities


def test_betweenness_is_sampled_when_asked_and_skipped_with_zero(make_network):
    graph = star(make_network, 20)
    sampled = analyze(graph, samples=5, seed=1)
    assert sampled.betweenness_samples == 5
    assert sampled.entities[0]["name"] == "HUB"
    skipped = analyze(graph, samples=0)
    assert skipped.betweenness_samples == 0
    assert all(e["betweenness"] is None for e in skipped.entities)
    assert analyze(graph).betweenness_samples is None  # small graph: exact


def test_parallel_facts_weigh_more_in_the_undirected_view(make_network):
    graph = make_network([("A", "owns", "B"), ("A", "holds_shares_in", "B"), ("B", "supplies_to", "A")])
    simple = undirected(graph)
    assert simple["A"]["B"]["weight"] == 3
    assert sum(pagerank(graph).values()) == pytest.approx(1.0)


def test_an_empty_graph_gives_an_empty_analysis(make_network):
    result = analyze(make_network([]))
    assert result.entities == [] and result.communities == [] and result.components == []

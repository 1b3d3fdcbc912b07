"""Shortest chains of facts: connections taken as undirected, each fact shown in its real direction."""

from __future__ import annotations

import pytest

from kg.analyze import NoPath, shortest_chains


def test_a_chain_walks_against_the_direction_of_a_fact_and_says_so(make_network):
    graph = make_network([("九州通", "provides_service_to", "i茅台"), ("贵州茅台", "owns", "i茅台")])
    (chain,) = shortest_chains(graph, "九州通", "贵州茅台")
    assert [(h.source, h.target) for h in chain] == [("九州通", "i茅台"), ("i茅台", "贵州茅台")]
    assert [(h.subject, h.predicate, h.object) for h in chain] == [
        ("九州通", "provides_service_to", "i茅台"),
        ("贵州茅台", "owns", "i茅台"),
    ]
    assert [h.forward for h in chain] == [True, False]
    assert chain[0].evidence[0].sentence == "九州通provides_service_toi茅台。"


def test_only_the_shortest_chains_are_given_all_of_them_up_to_the_limit(make_network):
    # A to D: two chains of 2 hops (via B, via C) and a longer one of 3 hops (via X, Y)
    facts = [("A", "owns", "B"), ("B", "owns", "D"), ("A", "owns", "C"), ("C", "owns", "D")]
    facts += [("A", "owns", "X"), ("X", "owns", "Y"), ("Y", "owns", "D")]
    graph = make_network(facts)
    chains = shortest_chains(graph, "A", "D")
    assert sorted(chain[0].target for chain in chains) == ["B", "C"]
    assert all(len(chain) == 2 for chain in chains)
    assert len(shortest_chains(graph, "A", "D", limit=1)) == 1


def test_two_facts_between_the_same_pair_give_two_chains(make_network):
    graph = make_network([("A", "owns", "B"), ("B", "supplies_to", "A")])
    chains = shortest_chains(graph, "A", "B")
    assert sorted((c[0].predicate, c[0].forward) for c in chains) == [("owns", True), ("supplies_to", False)]


def test_no_path_and_too_long_a_path_are_errors(make_network):
    graph = make_network([("A", "owns", "B"), ("B", "owns", "C"), ("C", "owns", "D")], isolated=("Z",))
    with pytest.raises(NoPath, match="no path between A and Z"):
        shortest_chains(graph, "A", "Z")
    with pytest.raises(NoPath, match="the shortest has 3"):
        shortest_chains(graph, "A", "D", max_hops=2)
    assert len(shortest_chains(graph, "A", "D", max_hops=3)[0]) == 3
    with pytest.raises(ValueError, match="both ends"):
        shortest_chains(graph, "A", "A")

"""Precomputed positions: every node placed, neighbours close, components apart, same graph same layout."""

from __future__ import annotations

import itertools
import math

import networkx as nx

from kg.viz.layout import layout


def distance(a, b) -> float:
    return math.dist(a, b)


def two_stars_and_a_pair() -> nx.Graph:
    graph = nx.Graph()
    graph.add_edges_from(("hub1", f"a{i}") for i in range(12))
    graph.add_edges_from(("hub2", f"b{i}") for i in range(5))
    graph.add_edge("hub1", "hub2")
    graph.add_edge("p", "q")
    graph.add_node("alone")
    return graph


def test_every_node_gets_a_finite_position():
    graph = two_stars_and_a_pair()
    pos = layout(graph)
    assert set(pos) == set(graph)
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in pos.values())


def test_the_same_graph_gives_the_same_layout():
    graph = nx.gnm_random_graph(300, 400, seed=3)
    assert layout(graph) == layout(graph)
    assert layout(graph, seed=1) != layout(graph, seed=2)


def test_neighbours_are_closer_than_strangers_and_nobody_sits_on_anybody():
    graph = nx.random_labeled_tree(400, seed=5)
    pos = layout(graph, spacing=100)
    edge = sorted(distance(pos[u], pos[v]) for u, v in graph.edges())
    pairs = [distance(pos[u], pos[v]) for u, v in itertools.combinations(list(graph)[:120], 2)]
    assert edge[len(edge) // 2] < sorted(pairs)[len(pairs) // 2] / 3
    closest = min(distance(pos[u], pos[v]) for u, v in itertools.combinations(graph, 2))
    assert closest > 5  # a twentieth of the spacing: no two nodes drawn on top of each other


def test_components_do_not_overlap():
    graph = two_stars_and_a_pair()
    pos = layout(graph)
    components = list(nx.connected_components(graph))
    boxes = []
    for c in components:
        xs, ys = [pos[v][0] for v in c], [pos[v][1] for v in c]
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
    for a, b in itertools.combinations(boxes, 2):
        apart = a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1]
        assert apart, (a, b)


def test_leaves_sit_around_their_hub():
    graph = two_stars_and_a_pair()
    pos = layout(graph, spacing=100)
    for i in range(12):
        assert distance(pos[f"a{i}"], pos["hub1"]) < distance(pos[f"a{i}"], pos["hub2"])


def test_empty_and_tiny_graphs():
    assert layout(nx.Graph()) == {}
    assert layout(nx.path_graph(1)) == {0: (0.0, 0.0)}
    pos = layout(nx.path_graph(2))
    assert distance(pos[0], pos[1]) > 10


def test_a_multigraph_with_parallel_edges_and_self_loops_is_laid_out():
    graph = nx.MultiDiGraph()
    graph.add_edge("a", "b", key="owns")
    graph.add_edge("b", "a", key="supplies_to")
    graph.add_edge("a", "a", key="same_as")
    pos = layout(graph)
    assert set(pos) == {"a", "b"} and pos["a"] != pos["b"]

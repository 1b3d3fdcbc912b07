"""Small entity networks whose answers are known: stars, chains, two clusters joined by a bridge."""

from __future__ import annotations

import networkx as nx
import pytest

from kg.network import Evidence, edge_attributes


def network(facts: list[tuple[str, str, str]], isolated: tuple[str, ...] = ()) -> nx.MultiDiGraph:
    """A network whose node ids are the entity names; one evidence sentence per fact."""
    graph = nx.MultiDiGraph()
    names = [n for s, _p, o in facts for n in (s, o)] + list(isolated)
    for name in dict.fromkeys(names):
        graph.add_node(name, type="Company", label=name, aliases=[], ticker=None, articles=["a1"], dates=[])
    for n, (s, p, o) in enumerate(facts):
        ev = Evidence(f"f{n}", f"{s}{p}{o}。", "a1", "标题", "2022-05-13", "https://example.com/a1", 0.8)
        graph.add_edge(s, o, key=p, **edge_attributes(p, [ev]))
    return graph


@pytest.fixture
def make_network():
    """network(facts, isolated=()) -> MultiDiGraph."""
    return network


@pytest.fixture(scope="session")
def seed_graph_file(tmp_path_factory):
    """The seed article's facts as a built graph file."""
    from tests.viz.seed_graph import write_seed_graph

    return write_seed_graph(tmp_path_factory.mktemp("graph") / "graph.trig")

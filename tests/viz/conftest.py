"""Fixtures for the graph page tests: the seed article's graph, with and without a hostile article."""

from __future__ import annotations

import pytest

from kg.network import to_network
from tests.viz.seed_graph import seed_dataset, write_seed_graph


@pytest.fixture(scope="session")
def seed_network():
    """The seed article's entity network."""
    return to_network(seed_dataset())


@pytest.fixture(scope="session")
def hostile_network():
    """The seed article's network plus an article whose title and sentence are XSS payloads."""
    return to_network(seed_dataset(hostile=True))


@pytest.fixture(scope="session")
def hostile_graph_file(tmp_path_factory):
    """The seed and hostile articles as a built graph file (TriG)."""
    return write_seed_graph(tmp_path_factory.mktemp("graph") / "graph.trig", hostile=True)

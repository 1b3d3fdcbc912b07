"""The seed article's built graph, and small hand-made articles to add to it."""

from __future__ import annotations

import pytest
from rdflib import Dataset

from kg.pipeline import build_dataset


@pytest.fixture(scope="session")
def seed_dataset(seed_extraction) -> Dataset:
    """The graph `kg build` makes of the seed article."""
    return build_dataset([seed_extraction])


@pytest.fixture(scope="session")
def seed_file(seed_dataset, tmp_path_factory):
    """The seed graph as a built graph file (TriG)."""
    from kg.rdf.serialize import serialize

    path = tmp_path_factory.mktemp("seed") / "graph.trig"
    path.write_bytes(serialize(seed_dataset, "trig"))
    return path

"""Fixtures: the bad-input corpus written once per session, and what kg.ingest reads from it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.reliability.corpus import Expected, write_corpus


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> tuple[Path, list[Expected]]:
    """The bad-input corpus folder and the outcome of every input in it."""
    root = tmp_path_factory.mktemp("corpus")
    return root, write_corpus(root)


@pytest.fixture(scope="session")
def read_corpus(corpus):
    """Every item read from the corpus folder, keyed by (path relative to the folder, JSON line)."""
    from kg.ingest import read_inputs

    root, _ = corpus
    items = {}
    for item in read_inputs([str(root)]):
        rel = os.path.relpath(item.path, root) if os.path.isabs(item.path) else item.path
        key = (rel, item.line)
        assert key not in items, key
        items[key] = item
    return items

"""Shared fixtures: the bundled seed article, the shared benchmark data, and input-file helpers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.build import sample_dir
from kg.ingest import read_inputs
from kg.model import Article

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared data folder beside the repository (skips when it is not there)."""
    if not (SHARED / "data").is_dir():
        pytest.skip(f"shared data not found at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def seed_article() -> Article:
    """The real Eastmoney article bundled as the sample."""
    (article,) = list(read_inputs([sample_dir()]))
    assert isinstance(article, Article)
    return article


@pytest.fixture(scope="session")
def seed_extraction(seed_article):
    """The extraction of the seed article."""
    from kg.pipeline import extract_article

    return extract_article(seed_article)


@pytest.fixture(scope="session")
def seed_dataset(seed_extraction):
    """The graph `kg build` makes of the seed article."""
    from kg.pipeline import build_dataset

    return build_dataset([seed_extraction])


@pytest.fixture(scope="session")
def seed_file(seed_dataset, tmp_path_factory):
    """The seed graph as a built graph file (TriG)."""
    from kg.rdf.serialize import serialize

    path = tmp_path_factory.mktemp("seed") / "graph.trig"
    path.write_bytes(serialize(seed_dataset, "trig"))
    return path


@pytest.fixture(scope="session")
def seed_gold(shared) -> list[dict]:
    """The gold records the seed article must yield."""
    return [json.loads(line) for line in (shared / "gold" / "seed.jsonl").read_text("utf-8").splitlines()]


@pytest.fixture
def write(tmp_path):
    """Write a file under a fresh folder: write(name, text_or_bytes, encoding="utf-8") -> path."""

    def _write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    return _write

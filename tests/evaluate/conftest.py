"""Shared fixtures: the real benchmark files, and prediction files built from kg.model records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.evaluate import default_data_dir
from kg.model import Article, Entity, Extraction, Fact, Mention


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The shared data folder; tests on real data skip when it is absent."""
    data = default_data_dir()
    if not (data / "finre" / "valid.txt").exists():
        pytest.skip(f"benchmark data not found in {data}")
    return data


def extraction(
    article_id: str,
    text: str,
    names: dict[str, str],
    facts: list[tuple] = (),
    aliases: dict[str, list[str]] | None = None,
    tickers: dict[str, str] | None = None,
) -> Extraction:
    """An Extraction over `text`: one entity per name (name -> type), a mention at the name's first
    occurrence if it occurs, and facts (predicate, subject, object[, qualifiers])."""
    aliases, tickers = aliases or {}, tickers or {}
    ex = Extraction(Article(id=article_id, path=f"{article_id}.txt", text=text))
    by_name = {}
    for name, etype in names.items():
        iri = f"https://example.org/kg/{etype}/{name}"
        ex.entities[iri] = Entity(iri, etype, name, aliases.get(name, []), tickers.get(name))
        start = text.find(name)
        if start >= 0:
            m = Mention(start, start + len(name), name, etype, "test", entity=iri, ticker=tickers.get(name))
            ex.mentions.append(m)
            by_name[name] = m
    for predicate, subj, obj, *rest in facts:
        ex.facts.append(Fact(predicate, by_name[subj], by_name[obj], (0, len(text)), "test", 0.9, *rest))
    return ex


@pytest.fixture
def write_pred(tmp_path: Path):
    """Writes extractions (or lists of records) as `kg extract --format jsonl` does; returns the path."""

    def write(*extractions: Extraction | list[dict], name: str = "pred.jsonl") -> str:
        path = tmp_path / name
        records = [r for ex in extractions for r in (ex.records() if isinstance(ex, Extraction) else ex)]
        lines = [json.dumps(r, ensure_ascii=False) for r in records]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return str(path)

    return write


@pytest.fixture
def make_extraction():
    """The `extraction` builder above."""
    return extraction

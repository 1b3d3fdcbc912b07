"""Article graphs for store tests: the seed article's real extraction, and variants of it."""

from __future__ import annotations

import dataclasses

import pytest

from kg.model import Extraction
from kg.rdf.convert import extraction_ox_quads
from kg.rdf.vocab import article_iri
from kg.store import ArticleGraph


def article_graph(ex: Extraction, article_id: str | None = None, facts: int | None = None) -> ArticleGraph:
    """The graph of `ex`, optionally under another article id and with only its first `facts` facts."""
    article = dataclasses.replace(ex.article, id=article_id or ex.article.id)
    if article_id:
        article.content_hash = f"hash-of-{article_id}"
    ex = dataclasses.replace(ex, article=article, facts=ex.facts[:facts] if facts is not None else ex.facts)
    if facts is not None:
        article.content_hash += f"-{facts}"
    return ArticleGraph(article_iri(article.id), article.content_hash, list(extraction_ox_quads(ex)))


@pytest.fixture
def seed_graph(seed_extraction) -> ArticleGraph:
    return article_graph(seed_extraction)

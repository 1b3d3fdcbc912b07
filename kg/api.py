"""The library API: extraction records or an RDF graph from article files or from texts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from rdflib import Dataset

from kg.extract.known import KnownNames
from kg.ingest import InputError
from kg.ingest.plain import text_article
from kg.model import Article, Extraction
from kg.pipeline import build_dataset, extract_article, extract_paths, keep_confident

TextInput = str | Mapping[str, str]


def _articles_from_texts(texts: Iterable[TextInput]) -> list[Article]:
    articles = []
    for i, item in enumerate(texts):
        if isinstance(item, str):
            articles.append(text_article(f"<text {i}>", item, explicit_id=f"text-{i}"))
        else:
            meta = {k: item[k] for k in ("title", "url", "published", "source") if item.get(k)}
            articles.append(text_article(f"<text {i}>", item["text"], item.get("id") or f"text-{i}", **meta))
    return articles


def extractions(
    paths: Iterable[str | Path] = (), texts: Iterable[TextInput] = (), min_confidence: float = 0.0
) -> list[Extraction]:
    """Extractions of the articles under `paths` and of `texts` (strings, or dicts with "text" and "id")."""
    out: list[Extraction] = []
    for item in extract_paths([str(p) for p in paths], min_confidence=min_confidence) if paths else ():
        if isinstance(item, InputError):
            raise item
        out.append(item)
    articles = _articles_from_texts(texts)
    known = KnownNames().learn(articles)
    for article in articles:
        out.append(keep_confident(extract_article(article, known), min_confidence))
    return out


def records(paths: Iterable[str | Path] = (), texts: Iterable[TextInput] = ()) -> list[dict]:
    """The contract's records (article, entity, mention, fact) for the articles under `paths` and `texts`."""
    return [rec for ex in extractions(paths, texts) for rec in ex.records()]


def build_graph(paths: Iterable[str | Path] = (), texts: Iterable[TextInput] = ()) -> Dataset:
    """An rdflib Dataset, one named graph per article, of the articles under `paths` and `texts`."""
    return build_dataset(extractions(paths, texts))

"""Predictions to score: the contract's records, read from a file or made by running the extractor."""

from __future__ import annotations

import contextlib
import importlib
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from kg.evaluate.gold import EvalError, Gold, json_object, read_lines
from kg.evaluate.report import Speed
from kg.ingest import read_inputs
from kg.ingest.errors import InputError
from kg.ingest.plain import text_article


@dataclass
class PredDoc:
    """The records predicted for one article."""

    id: str
    text: str | None = None
    url: str | None = None
    mentions: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)

    def entity(self, iri: str | None) -> dict[str, Any] | None:
        """The entity record with id `iri` in this article."""
        if iri is None:
            return None
        return next((e for e in self.entities if e.get("id") == iri), None)

    def names(self, ref: dict[str, Any], aliases: bool = True) -> set[str]:
        """The names a fact's subject or object goes by: its text and name, and its entity's aliases."""
        out = {ref.get("text"), ref.get("name")}
        ent = self.entity(ref.get("id")) if aliases else None
        if ent:
            out.add(ent.get("name"))
            out.update(ent.get("aliases") or ())
        return {n for n in out if isinstance(n, str) and n}


@dataclass
class Predictions:
    """Predicted articles matched to gold docs, and how they were obtained."""

    by_doc: dict[str, PredDoc]
    source: str
    unmatched: int = 0  # predicted articles that match no gold doc
    failures: list[str] = field(default_factory=list)
    speed: Speed | None = None


_KINDS = {"mention": "mentions", "entity": "entities", "fact": "facts"}


def group_records(records: Iterable[dict[str, Any]], where: str = "predictions") -> list[PredDoc]:
    """Contract records grouped by article, in order of first appearance."""
    docs: dict[str, PredDoc] = {}
    for n, rec in enumerate(records, start=1):
        aid = rec.get("article")
        if not isinstance(aid, str) and not isinstance(aid, int):
            raise InputError(where, "record without an 'article' id", n)
        doc = docs.setdefault(str(aid), PredDoc(str(aid)))
        kind = rec.get("kind")
        if kind == "article":
            doc.text, doc.url = rec.get("text"), rec.get("url")
        elif kind in _KINDS:
            getattr(doc, _KINDS[kind]).append(rec)
    return list(docs.values())


def read_predictions(path: str) -> list[PredDoc]:
    """The predicted articles in a JSON Lines file as `kg extract --format jsonl` prints it."""
    records = [json_object(path, n, line) for n, line in read_lines(path) if line.strip()]
    if not records:
        raise InputError(path, "no prediction records")
    return group_records(records, path)


def match(gold: Gold, docs: Sequence[PredDoc], source: str) -> Predictions:
    """Predicted articles matched to gold docs by article id, else by URL, else by the article text."""
    by_id = {d.id: d for d in docs}
    by_url = {d.url: d for d in docs if d.url}
    by_text: dict[str, PredDoc] = {}
    for d in docs:
        if d.text is not None:
            by_text.setdefault(d.text, d)
    out: dict[str, PredDoc] = {}
    for g in gold.docs:
        cand = by_id.get(g.id)
        if cand is not None and g.text is not None and cand.text is not None and cand.text != g.text:
            cand = None  # same id, other text: offsets would not line up
        cand = cand or (by_url.get(g.url) if g.url else None)
        cand = cand or (by_text.get(g.text) if g.text is not None else None)
        if cand is not None:
            out[g.id] = cand
    used = {id(d) for d in out.values()}
    return Predictions(out, source, unmatched=sum(1 for d in docs if id(d) not in used))


def extract(gold: Gold, articles: Sequence[str] = ()) -> Predictions:
    """Predictions made by running the extractor in-process on each gold text (or its article file)."""
    try:
        pipeline = importlib.import_module("kg.pipeline")
    except ModuleNotFoundError as err:
        if err.name != "kg.pipeline":
            raise
        raise EvalError("the extractor (kg.pipeline) is not available here; give --pred PRED.jsonl") from None
    todo = _articles_for(gold, articles)
    out: dict[str, PredDoc] = {}
    failures: list[str] = []
    if todo:
        _, first = todo[0]
        # Loads dictionaries and models once, kept out of the timing; a failure shows up again below.
        with contextlib.suppress(Exception):
            pipeline.extract_article(first)
    started = time.perf_counter()
    for doc_id, article in todo:
        try:
            records = pipeline.extract_article(article).records()
        except Exception as err:  # one failing text must not hide the scores of the others
            failures.append(f"{doc_id}: {type(err).__name__}: {err}")
            continue
        grouped = group_records(records, doc_id)
        if grouped:
            out[doc_id] = grouped[0]
    seconds = time.perf_counter() - started
    speed = Speed(len(todo), seconds, gold.unit)
    return Predictions(out, "extracted in-process", failures=failures, speed=speed)


def _articles_for(gold: Gold, articles: Sequence[str]) -> list[tuple[str, Any]]:
    """(gold doc id, Article) for each gold doc, from its own text or else from the article files."""
    need_files = [g for g in gold.docs if g.text is None]
    paths = list(articles) + sorted({g.file for g in need_files if g.file})
    by_key: dict[str, Any] = {}
    if need_files:
        if not paths:
            raise EvalError(
                f"{gold.path}: the gold names articles without their text; "
                "give --articles PATH (the article files) or --pred PRED.jsonl"
            )
        for item in read_inputs(paths):
            if isinstance(item, InputError):
                raise item
            by_key.setdefault(item.id, item)
            if item.url:
                by_key.setdefault(item.url, item)
    out = []
    for g in gold.docs:
        if g.text is not None:
            out.append((g.id, text_article(gold.path, g.text, explicit_id=g.id)))
            continue
        article = by_key.get(g.id) or (by_key.get(g.url) if g.url else None)
        if article is None:
            raise EvalError(f"{gold.path}: no article with id {g.id} in {', '.join(paths)}")
        out.append((g.id, article))
    return out

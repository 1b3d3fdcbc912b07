"""CLUENER gold: JSON lines of text and labelled spans (inclusive ends), classes mapped to entity types."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import PurePath
from typing import TypeVar

from kg.evaluate.gold import GOLD_FORMATS, Gold, GoldDoc, GoldFormat, json_object, read_lines
from kg.evaluate.metrics import Table
from kg.evaluate.predictions import Predictions
from kg.evaluate.report import RunReport
from kg.evaluate.scoring import Span, predicted_spans, score_mentions
from kg.ingest.errors import InputError

CLASSES_FILE = "cluener_labels.tsv"
TRAIN_SHARE = 0.9  # the hold-out is the records from int(0.9 * n) on

T = TypeVar("T")


@cache
def class_types() -> dict[str, str | None]:
    """CLUENER class -> contract entity type (None: not scored), from kg/data/evaluate/cluener_labels.tsv."""
    text = resources.files("kg.data.evaluate").joinpath(CLASSES_FILE).read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return {cls: None if typ == "-" else typ for cls, typ in rows}


def scored_types() -> list[str]:
    """The entity types CLUENER gold is scored on, in file order."""
    return [t for t in class_types().values() if t]


@dataclass(kw_only=True)
class CluenerDoc(GoldDoc):
    """One CLUENER text and its gold mentions of the scored types."""

    mentions: set[Span] = field(default_factory=set)


def _numbered(path: str) -> list[tuple[int, str]]:
    return [(n, line) for n, line in read_lines(path) if line.strip()]


def holdout_start(n: int) -> int:
    """Index of the first hold-out record among `n`: the last 10% are held out."""
    return int(TRAIN_SHARE * n)


def cluener_split(source: str | os.PathLike | Sequence[T]) -> tuple[list, list]:
    """(train, holdout) of a CLUENER file's lines, or of a sequence of its records: the last 10% held out."""
    items: Sequence = (
        source
        if isinstance(source, Sequence) and not isinstance(source, str)
        else ([line for _, line in _numbered(str(source))])
    )
    k = holdout_start(len(items))
    return list(items[:k]), list(items[k:])


def sniff(first_line: str) -> bool:
    """True for a CLUENER line."""
    try:
        obj = json.loads(first_line)
    except json.JSONDecodeError:
        return False
    return isinstance(obj, dict) and "text" in obj and "label" in obj and "kind" not in obj


def read_cluener(path: str) -> Gold:
    """Every record of a CLUENER file."""
    return _parse(path, _numbered(path))


def read_cluener_holdout(path: str) -> Gold:
    """The hold-out part of a CLUENER file (the records `cluener_split` holds out)."""
    numbered = _numbered(path)
    return _parse(path, numbered[holdout_start(len(numbered)) :])


def _parse(path: str, numbered: list[tuple[int, str]]) -> Gold:
    name = PurePath(path).name
    types = class_types()
    docs = []
    for number, line in numbered:
        obj = json_object(path, number, line)
        text, label = obj.get("text"), obj.get("label")
        if not isinstance(text, str) or not isinstance(label, dict):
            raise InputError(path, "a CLUENER record needs 'text' (a string) and 'label' (an object)", number)
        doc = CluenerDoc(id=f"{name}:{number}", where=f"{name}:{number}", text=text)
        for cls, names in label.items():
            if not isinstance(names, dict):
                raise InputError(path, f"label {cls!r} is not an object of name -> spans", number)
            for surface, spans in names.items():
                for span in spans if isinstance(spans, list) else [spans]:
                    start, end = _span(path, number, text, surface, span)
                    if types.get(cls):
                        doc.mentions.add((types[cls], start, end))
        docs.append(doc)
    return Gold("cluener", path, docs, "sentences")


def _span(path: str, number: int, text: str, surface: str, span: object) -> tuple[int, int]:
    """A file span [start, last] (inclusive) as [start, end) (exclusive), checked against the text."""
    ok = isinstance(span, list) and len(span) == 2 and all(isinstance(i, int) for i in span)
    if not ok or not 0 <= span[0] <= span[1] < len(text) or text[span[0] : span[1] + 1] != surface:
        raise InputError(path, f"span {span!r} of {surface!r} does not match the text", number)
    return span[0], span[1] + 1


def score_cluener(gold: Gold, preds: Predictions, report: RunReport) -> None:
    """Score predicted mentions of the scored types by type and exact offsets; other types are ignored."""
    types = scored_types()
    table = Table("mentions by type")
    for t in types:
        table.row(t)
    for doc in gold.docs:
        pred = preds.by_doc.get(doc.id)
        predicted = predicted_spans(pred.mentions if pred else (), types)
        score_mentions(table, report.findings, doc.where, doc.text, doc.mentions, predicted)
    report.tables.append(table)


GOLD_FORMATS.register("cluener")(
    GoldFormat(sniff, read_cluener, score_cluener, "CLUENER JSON lines: text and label spans")
)

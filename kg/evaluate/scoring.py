"""Scoring shared by the gold formats: fact identity, mention matching and error context."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from kg.evaluate.metrics import Table
from kg.evaluate.report import FALSE_POSITIVE, MISS, Finding
from kg.schema import predicates

FactKey = tuple[str, str, str]
Span = tuple[str, int, int]  # (type, start, end), end exclusive

SAME_AS = "same_as"


def fact_key(predicate: str, subject: str, object: str) -> FactKey:
    """A fact's identity: (predicate, subject, object), names in sorted order for a symmetric predicate."""
    term = predicates().get(predicate)
    if term is not None and term.symmetric and object < subject:
        subject, object = object, subject
    return (predicate, subject, object)


def fact_text(key: FactKey) -> str:
    """A fact key as a person reads it."""
    predicate, subject, object = key
    return f"{subject} {predicate} {object}"


def fact_table() -> Table:
    """An empty per-predicate table with same_as kept out of the micro total."""
    return Table("facts by predicate", apart=frozenset({SAME_AS}))


def context(text: str | None, start: int, end: int, width: int = 30) -> str:
    """The text around a span, for showing an error in its place."""
    if not text:
        return ""
    lo, hi = max(0, start - width), min(len(text), end + width)
    return ("…" if lo else "") + text[lo:hi].replace("\n", " ") + ("…" if hi < len(text) else "")


def predicted_spans(mentions: Iterable[dict[str, Any]], types: Collection[str]) -> set[Span]:
    """(type, start, end) of the predicted mentions of the scored types."""
    out: set[Span] = set()
    for m in mentions:
        start, end = m.get("start"), m.get("end")
        if m.get("type") in types and isinstance(start, int) and isinstance(end, int):
            out.add((m["type"], start, end))
    return out


def score_mentions(
    table: Table,
    findings: list[Finding],
    where: str,
    text: str | None,
    gold: set[Span],
    predicted: set[Span],
) -> None:
    """Add one text's mention hits, false positives and misses (type and exact offsets) to `table`."""

    def show(span: Span) -> str:
        t, s, e = span
        surface = text[s:e] if text is not None and 0 <= s <= e <= len(text) else "?"
        return f"{surface} [{s},{e})"

    def overlapping(span: Span, others: set[Span]) -> str:
        _, s, e = span
        near = sorted(o for o in others if o != span and o[1] < e and s < o[2])
        return ", ".join(f"{t} {show((t, os, oe))}" for t, os, oe in near)

    for span in sorted(predicted | gold, key=lambda sp: (sp[1], sp[2], sp[0])):
        row = table.row(span[0])
        if span in predicted and span in gold:
            row.tp += 1
            continue
        if span in predicted:
            row.fp += 1
            kind, others, label = FALSE_POSITIVE, gold, "gold"
        else:
            row.fn += 1
            kind, others, label = MISS, predicted, "predicted"
        near = overlapping(span, others)
        findings.append(
            Finding(
                kind,
                span[0],
                show(span),
                where,
                context(text, span[1], span[2]),
                f"{label} here: {near}" if near else "",
            )
        )

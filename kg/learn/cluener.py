"""CLUENER2020 data: JSON lines of text and labelled spans, and its training / held-out boundary."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from kg.evaluate.cluener import class_types, cluener_split

# The labels whose mentions the benchmark target is measured on (kg/data/evaluate/cluener_labels.tsv).
TARGET_LABELS = tuple(label for label, type_ in class_types().items() if type_)
# CLUENER label -> contract entity type as the recogniser learns it: the scored classes, and addresses as
# Location (in the contract, not scored); labels missing here are kept for training only.
CONTRACT_TYPES = {**{label: class_types()[label] for label in TARGET_LABELS}, "address": "Location"}


@dataclass(frozen=True)
class Example:
    """One CLUENER line: its text and its spans (start, end exclusive, CLUENER label), sorted."""

    text: str
    spans: tuple[tuple[int, int, str], ...]


def parse_line(line: str) -> Example:
    """One JSON line as an Example; raises ValueError saying what is wrong with it."""
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg})") from None
    text = rec.get("text") if isinstance(rec, dict) else None
    if not isinstance(text, str):
        raise ValueError('no "text" string')
    spans: set[tuple[int, int, str]] = set()
    for label, mentions in (rec.get("label") or {}).items():
        for surface, offsets in mentions.items():
            for pair in offsets:
                start, last = pair
                # the file's end offsets are inclusive
                if not (0 <= start <= last < len(text)) or text[start : last + 1] != surface:
                    raise ValueError(f"{label} {surface!r} does not match text at [{start}, {last}]")
                spans.add((start, last + 1, label))
    return Example(text, tuple(sorted(spans)))


def read_cluener(path: str | Path) -> list[Example]:
    """The examples of a CLUENER JSON lines file in file order; bad lines raise InputError."""
    from kg.ingest.errors import InputError

    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read CLUENER data ({exc.__class__.__name__})") from None
    examples = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            examples.append(parse_line(line))
        except (ValueError, TypeError, AttributeError) as exc:
            raise InputError(str(path), f"bad CLUENER line: {exc}", line=number) from None
    return examples


def split(examples: list[Example]) -> tuple[list[Example], list[Example]]:
    """The training part (first 90%) and the held-out development part (last 10%) of the examples."""
    return cluener_split(examples)

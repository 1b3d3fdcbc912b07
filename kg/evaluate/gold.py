"""Gold data: the registry of gold readers, and telling a gold file's format from its first line."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.ingest.decode import decode_bytes
from kg.ingest.errors import InputError
from kg.registry import Registry


class EvalError(Exception):
    """A request the evaluation cannot carry out (unknown format or preset, no extractor...)."""


@dataclass
class GoldDoc:
    """One text or article the gold annotates; `where` names it in messages (file:line)."""

    id: str
    where: str
    text: str | None = None  # None when the text is in an article file
    url: str | None = None
    file: str | None = None  # the article file, when the gold names one


@dataclass
class Gold:
    """The gold items of one file, in file order; `docs` are the texts or articles the gold is about."""

    format: str
    path: str
    docs: list[GoldDoc]
    unit: str  # what one doc is, for messages: "sentences", "articles"

    def head(self, limit: int | None) -> Gold:
        """The first `limit` docs only (all when limit is None)."""
        docs = self.docs if limit is None else self.docs[:limit]
        return Gold(self.format, self.path, docs, self.unit)


@dataclass(frozen=True)
class GoldFormat:
    """A gold format: whether a first line looks like it, how to read a file, how to score predictions."""

    sniff: Callable[[str], bool]
    read: Callable[[str], Gold]
    score: Callable[..., None]  # (gold, predictions, report): fills the report's tables and findings
    help: str = ""


GOLD_FORMATS: Registry[GoldFormat] = Registry("gold format")


def read_lines(path: str) -> list[tuple[int, str]]:
    """The lines of a text file with their 1-based numbers; a clear InputError if it cannot be read."""
    p = Path(path)
    if p.is_dir():
        raise InputError(path, "is a folder, not a gold file")
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except OSError as err:
        raise InputError(path, f"cannot read file ({err.strerror or err})") from None
    return list(enumerate(decode_bytes(data, path).splitlines(), start=1))


def json_object(path: str, number: int, line: str) -> dict[str, Any]:
    """One JSON Lines record, or an InputError naming the line."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(path, f"invalid JSON ({err.msg} at column {err.colno})", number) from None
    if not isinstance(obj, dict):
        raise InputError(path, f"a JSON {type(obj).__name__}, not an object", number)
    return obj


def detect_format(path: str) -> str:
    """The name of the gold format whose sniffer accepts the file's first non-blank line."""
    first = next((line for _, line in read_lines(path) if line.strip()), None)
    if first is None:
        raise InputError(path, "empty gold file")
    for name, fmt in GOLD_FORMATS:
        if fmt.sniff(first):
            return name
    raise InputError(path, f"cannot tell the gold format; give --gold-format ({known_formats()})")


def known_formats(names: Sequence[str] | None = None) -> str:
    """'known: a, b, c' for messages."""
    return "known: " + ", ".join(sorted(names if names is not None else GOLD_FORMATS.names()))


def read_gold(path: str, format: str | None = None) -> Gold:
    """Read a gold file in `format`, or in the format detected from its content."""
    if format is not None and format not in GOLD_FORMATS:
        raise EvalError(f"unknown gold format {format!r} ({known_formats()})")
    name = format or detect_format(path)
    return GOLD_FORMATS.get(name).read(path)

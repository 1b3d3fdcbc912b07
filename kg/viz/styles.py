"""Colours and shapes of entity types and predicates, read from styles.tsv beside this module."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from kg.network import UNTYPED

FALLBACK_COLOR = "#9e9e9e"


@dataclass(frozen=True)
class Style:
    """How one entity type or predicate is drawn."""

    color: str
    shape: str = "dot"


@cache
def _table() -> dict[str, dict[str, Style]]:
    text = resources.files("kg.viz").joinpath("styles.tsv").read_text(encoding="utf-8")
    out: dict[str, dict[str, Style]] = {"type": {}, "predicate": {}}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        kind, name, color, *shape = line.split("\t")
        out[kind][name] = Style(color, *shape)
    return out


def type_style(name: str) -> Style:
    """The style of entity type `name` (the style of untyped entities when unknown)."""
    types = _table()["type"]
    return types.get(name) or types.get(UNTYPED) or Style(FALLBACK_COLOR)


def predicate_style(name: str) -> Style:
    """The style of predicate `name`."""
    return _table()["predicate"].get(name) or Style(FALLBACK_COLOR)

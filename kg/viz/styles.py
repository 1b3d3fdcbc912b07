"""Colours and shapes of entity types and predicates, read from styles.tsv beside this module."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kg.data import tsv_rows
from kg.network import UNTYPED

FALLBACK_COLOR = "#9e9e9e"


@dataclass(frozen=True)
class Style:
    """How one entity type or predicate is drawn."""

    color: str
    shape: str = "dot"


@cache
def _table() -> dict[str, dict[str, Style]]:
    out: dict[str, dict[str, Style]] = {"type": {}, "predicate": {}}
    for kind, name, color, *shape in tsv_rows("kg.viz", "styles.tsv"):
        out[kind][name] = Style(color, *shape)
    return out


def type_style(name: str) -> Style:
    """The style of entity type `name` (the style of untyped entities when unknown)."""
    types = _table()["type"]
    return types.get(name) or types.get(UNTYPED) or Style(FALLBACK_COLOR)


def predicate_style(name: str) -> Style:
    """The style of predicate `name`."""
    return _table()["predicate"].get(name) or Style(FALLBACK_COLOR)

"""The contract's entity types and predicates, read from the data files in kg/data/schema."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Term:
    """One entity type or predicate with its labels."""

    name: str
    label_zh: str
    label_en: str
    comment: str
    symmetric: bool = False


def _rows(filename: str) -> list[list[str]]:
    text = resources.files("kg.data.schema").joinpath(filename).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@cache
def entity_types() -> dict[str, Term]:
    """Entity types of the contract, in contract order."""
    return {r[0]: Term(r[0], r[1], r[2], r[3]) for r in _rows("entity_types.tsv")}


@cache
def predicates() -> dict[str, Term]:
    """Predicates of the contract, in contract order."""
    return {r[0]: Term(r[0], r[2], r[3], r[4], symmetric=r[1] == "yes") for r in _rows("predicates.tsv")}


def is_symmetric(predicate: str) -> bool:
    """True when `predicate` holds in both directions."""
    return predicates()[predicate].symmetric

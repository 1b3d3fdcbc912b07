"""The contract's entity types and predicates, read from the data files in kg/data/schema."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kg.data import tsv_rows


@dataclass(frozen=True)
class Term:
    """One entity type or predicate with its labels."""

    name: str
    label_zh: str
    label_en: str
    comment: str
    symmetric: bool = False


def _rows(filename: str) -> list[list[str]]:
    return tsv_rows("kg.data.schema", filename)


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

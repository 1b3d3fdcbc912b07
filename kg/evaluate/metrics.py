"""Precision, recall and F1 from counts of hits, false positives and misses."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


def _ratio(num: int, den: int) -> float:
    # An undefined ratio (nothing predicted, or nothing to find) counts as 0.
    return num / den if den else 0.0


@dataclass
class Counts:
    """True positives, false positives and false negatives (misses) of one label."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """Share of predictions that are right."""
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        """Share of gold items found."""
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __iadd__(self, other: Counts) -> Counts:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    def record(self) -> dict[str, int | float]:
        """The counts and scores as a JSON-ready dict (scores rounded to 4 places)."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def total(counts: Iterable[Counts]) -> Counts:
    """The micro total of several labels' counts."""
    out = Counts()
    for c in counts:
        out += c
    return out


@dataclass
class Table:
    """Scores per label with a micro total; labels in `apart` are shown but kept out of the total."""

    title: str
    rows: dict[str, Counts] = field(default_factory=dict)
    apart: frozenset[str] = frozenset()

    def row(self, label: str) -> Counts:
        """The counts of `label`, created empty on first use."""
        return self.rows.setdefault(label, Counts())

    @property
    def micro(self) -> Counts:
        """Micro total over the labels not kept apart."""
        return total(c for label, c in self.rows.items() if label not in self.apart)

    @property
    def micro_label(self) -> str:
        """How the micro row is named, saying what it leaves out."""
        left_out = sorted(self.apart & self.rows.keys())
        return f"micro (without {', '.join(left_out)})" if left_out else "micro"

    def sorted_rows(self) -> list[tuple[str, Counts]]:
        """Rows counted in the total, by label, then the rows kept apart."""
        inside = sorted((k, v) for k, v in self.rows.items() if k not in self.apart)
        outside = sorted((k, v) for k, v in self.rows.items() if k in self.apart)
        return inside + outside

    def record(self) -> dict:
        """The table as a JSON-ready dict."""
        return {
            "rows": {k: v.record() for k, v in self.sorted_rows() if k not in self.apart},
            "micro": self.micro.record(),
            "apart": {k: v.record() for k, v in self.sorted_rows() if k in self.apart},
        }

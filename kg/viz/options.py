"""What a graph page shows: filters, size limit and layout choices."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kg.network import UNTYPED
from kg.schema import entity_types, predicates

# About the most nodes a page draws and pans smoothly on a laptop (see tests/bench/viz_load.py).
DEFAULT_MAX_NODES = 2000
# Up to this many nodes the browser polishes the precomputed layout with physics, then stops.
PHYSICS_MAX_NODES = 300
# Up to this many edges every edge carries its label; above, labels show in the tooltip only.
EDGE_LABEL_MAX_EDGES = 1500

_DATE_FORMATS = {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}


def _is_date(value: str) -> bool:
    fmt = _DATE_FORMATS.get(len(value))
    try:
        return fmt is not None and datetime.strptime(value, fmt) is not None
    except ValueError:
        return False


@dataclass(frozen=True)
class VizOptions:
    """Filters and display choices for a graph page; `validate` says what is wrong with them."""

    title: str = "知识图谱"
    focus: tuple[str, ...] = ()  # entity names, aliases or tickers
    hops: int = 2
    types: tuple[str, ...] = ()
    predicates: tuple[str, ...] = ()
    since: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD, inclusive, on article dates
    until: str | None = None
    min_confidence: float | None = None
    max_nodes: int | None = DEFAULT_MAX_NODES  # None: no limit
    physics_max_nodes: int = PHYSICS_MAX_NODES
    edge_label_max_edges: int = EDGE_LABEL_MAX_EDGES
    seed: int = 0

    def validate(self) -> None:
        """Raise ValueError naming the first option that cannot be used."""
        known_types = [*entity_types(), UNTYPED]
        for t in self.types:
            if t not in known_types:
                raise ValueError(f"unknown entity type {t!r} (known: {', '.join(known_types)})")
        for p in self.predicates:
            if p not in predicates():
                raise ValueError(f"unknown predicate {p!r} (known: {', '.join(predicates())})")
        for name, value in (("since", self.since), ("until", self.until)):
            if value is not None and not _is_date(value):
                raise ValueError(f"--{name} {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        if self.since and self.until and self.since > self.until:
            raise ValueError(f"--since {self.since} is after --until {self.until}")
        if self.min_confidence is not None and not 0 <= self.min_confidence <= 1:
            raise ValueError(f"--min-confidence {self.min_confidence} is not between 0 and 1")
        if self.hops < 0:
            raise ValueError(f"--hops {self.hops} is negative")
        if self.max_nodes is not None and self.max_nodes < 1:
            raise ValueError(f"--max-nodes {self.max_nodes} must be at least 1")

    def in_period(self, date: str) -> bool:
        """True when `date` (YYYY-MM-DD) lies within since..until; an unknown date only without a period."""
        if not date:
            return self.since is None and self.until is None
        if self.since and date[: len(self.since)] < self.since:
            return False
        return not (self.until and date[: len(self.until)] > self.until)

    @property
    def filters_evidence(self) -> bool:
        """True when some facts may be dropped for their date or confidence."""
        return self.since is not None or self.until is not None or self.min_confidence is not None

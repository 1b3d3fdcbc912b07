"""What one evaluation run found: score tables, counters, errors to look at, speed and targets."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.evaluate.metrics import Table

FALSE_POSITIVE = "false positive"
MISS = "miss"
VIOLATION = "violation"
NOT_SCORED = "not scored"


@dataclass(frozen=True)
class Finding:
    """One error (or unscored prediction) with the sentence it concerns, for a person to look at."""

    kind: str
    label: str
    item: str
    where: str
    sentence: str = ""
    note: str = ""

    def record(self) -> dict[str, str]:
        """The finding as a JSON-ready dict."""
        rec = {"kind": self.kind, "label": self.label, "item": self.item, "where": self.where}
        if self.sentence:
            rec["sentence"] = self.sentence
        if self.note:
            rec["note"] = self.note
        return rec


@dataclass(frozen=True)
class Speed:
    """How many gold texts were extracted in how many seconds."""

    items: int
    seconds: float
    unit: str

    @property
    def per_second(self) -> float:
        """Texts per second."""
        return self.items / self.seconds if self.seconds > 0 else 0.0

    def record(self) -> dict:
        """The speed as a JSON-ready dict."""
        return {
            "items": self.items,
            "unit": self.unit,
            "seconds": round(self.seconds, 3),
            "per_second": round(self.per_second, 2),
        }


@dataclass(frozen=True)
class Target:
    """A goal a run should reach, with the value it reached."""

    name: str
    value: str
    met: bool

    def record(self) -> dict:
        """The target as a JSON-ready dict."""
        return {"target": self.name, "value": self.value, "met": self.met}


@dataclass
class RunReport:
    """The outcome of scoring one gold file against one set of predictions."""

    name: str
    gold: str
    format: str
    items: int
    unit: str
    source: str
    tables: list[Table] = field(default_factory=list)
    counters: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    speed: Speed | None = None
    targets: list[Target] = field(default_factory=list)

    def table(self, title: str) -> Table:
        """The table called `title`."""
        for t in self.tables:
            if t.title == title:
                return t
        raise KeyError(title)

    def record(self, errors_limit: int | None = None) -> dict:
        """The run as a JSON-ready dict; errors included when `errors_limit` is given."""
        rec: dict = {
            "name": self.name,
            "gold": self.gold,
            "format": self.format,
            "items": self.items,
            "unit": self.unit,
            "predictions": self.source,
            "tables": {t.title: t.record() for t in self.tables},
            "counters": dict(self.counters),
            "notes": list(self.notes),
            "speed": self.speed.record() if self.speed else None,
            "targets": [t.record() for t in self.targets],
        }
        if errors_limit is not None:
            rec["errors"] = [f.record() for f in self.findings[:errors_limit]]
            rec["errors_total"] = len(self.findings)
        return rec

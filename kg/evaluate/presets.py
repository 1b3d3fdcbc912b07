"""Named sets of benchmark runs with their targets; `kg eval dev` runs the development benchmarks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kg.evaluate.cluener import read_cluener_holdout
from kg.evaluate.contract_gold import fully_satisfied, read_contract_gold
from kg.evaluate.finre import read_finre
from kg.evaluate.gold import Gold
from kg.evaluate.report import RunReport, Target
from kg.evaluate.scoring import SAME_AS
from kg.ingest.errors import InputError
from kg.registry import Registry

CLUENER_MICRO_F1 = 0.80
CLUENER_CLASS_F1 = 0.70
FINRE_MICRO_F1 = 0.60
FINRE_SAME_AS_F1 = 0.60


@dataclass(frozen=True)
class PresetRun:
    """One run of a preset: where its gold comes from, its article files, and its targets."""

    name: str
    gold: Callable[[], Gold]
    articles: tuple[str, ...]
    targets: Callable[[RunReport], list[Target]]


PRESETS: Registry[Callable[[Path], list[PresetRun]]] = Registry("preset")


def default_data_dir() -> Path:
    """The shared data folder: ../shared/data next to the repository."""
    return Path(__file__).resolve().parents[2].parent / "shared" / "data"


def _existing(path: Path) -> str:
    if not path.exists():
        raise InputError(str(path), "no such file or directory (give the data folder with --data)")
    return str(path)


def _cluener_targets(report: RunReport) -> list[Target]:
    table = report.table("mentions by type")
    micro = table.micro.f1
    worst_label, worst = min(((k, c.f1) for k, c in table.rows.items()), key=lambda kv: (kv[1], kv[0]))
    return [
        Target(
            f"CLUENER hold-out micro-F1 >= {CLUENER_MICRO_F1:.2f}", f"{micro:.3f}", micro >= CLUENER_MICRO_F1
        ),
        Target(
            f"CLUENER hold-out every class F1 >= {CLUENER_CLASS_F1:.2f}",
            f"lowest {worst:.3f} ({worst_label})",
            worst >= CLUENER_CLASS_F1,
        ),
    ]


def _finre_targets(report: RunReport) -> list[Target]:
    table = report.table("facts by predicate")
    micro, same_as = table.micro.f1, table.row(SAME_AS).f1
    return [
        Target(
            f"FinRE micro-F1 without same_as >= {FINRE_MICRO_F1:.2f}", f"{micro:.3f}", micro >= FINRE_MICRO_F1
        ),
        Target(f"FinRE same_as F1 >= {FINRE_SAME_AS_F1:.2f}", f"{same_as:.3f}", same_as >= FINRE_SAME_AS_F1),
    ]


def _seed_targets(report: RunReport) -> list[Target]:
    parts = []
    for t in report.tables:
        found = sum(c.tp for c in t.rows.values())
        parts.append(f"{t.title.split()[0]} {found}/{found + sum(c.fn for c in t.rows.values())}")
    c = report.counters
    parts.append(f"negatives violated {c.get('violations', 0)}/{c.get('negatives', 0)}")
    return [Target("seed gold fully satisfied", ", ".join(parts), fully_satisfied(report))]


@PRESETS.register("dev", help="CLUENER hold-out, FinRE valid and the seed gold, with their targets")
def dev(data: Path) -> list[PresetRun]:
    """The development benchmarks."""
    cluener = _existing(data / "cluener" / "train.json")
    finre = _existing(data / "finre" / "valid.txt")
    seed_gold = _existing(data.parent / "gold" / "seed.jsonl")
    seed_articles = _existing(data / "articles" / "seed")
    return [
        PresetRun("CLUENER hold-out", lambda: read_cluener_holdout(cluener), (), _cluener_targets),
        PresetRun("FinRE valid", lambda: read_finre(finre), (), _finre_targets),
        PresetRun("seed gold", lambda: read_contract_gold(seed_gold), (seed_articles,), _seed_targets),
    ]

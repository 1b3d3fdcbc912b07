"""Scoring extraction against gold data: gold readers in a registry, scores, error lists, presets."""

from __future__ import annotations

from kg.evaluate import cluener, contract_gold, finre  # noqa: F401  (registers the gold formats)
from kg.evaluate.cluener import cluener_split
from kg.evaluate.evaluation import evaluate
from kg.evaluate.gold import GOLD_FORMATS, EvalError, Gold, detect_format, read_gold
from kg.evaluate.presets import PRESETS, default_data_dir

__all__ = [
    "GOLD_FORMATS",
    "PRESETS",
    "EvalError",
    "Gold",
    "cluener_split",
    "default_data_dir",
    "detect_format",
    "evaluate",
    "read_gold",
]

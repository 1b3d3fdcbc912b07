"""Statistical models trained offline on the benchmarks' training splits and shipped in kg/models."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kg.registry import Registry

MODEL_DIR = Path(__file__).resolve().parent.parent / "models"

# name -> train(data_dir: Path, out_dir: Path) -> dict of figures; registered by each model module
TRAINERS: Registry[Callable[[Path, Path], dict]] = Registry("trainer")

"""Exporters: a built graph written in a named format; each format module registers itself here."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from pathlib import Path

from rdflib import Dataset

from kg.registry import Registry

# name -> export(dataset, path) -> the files written (atomically); meta: suffix=".ttl", help="..."
Exporter = Callable[[Dataset, Path], list[Path]]
EXPORTERS: Registry[Exporter] = Registry("export format")


def load_all() -> Registry[Exporter]:
    """Import every exporter module in this package so each registers its formats."""
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        importlib.import_module(f"{__name__}.{info.name}")
    return EXPORTERS

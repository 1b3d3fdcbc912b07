"""`kg train NAME`: train a shipped model offline from its benchmark's training data."""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
from pathlib import Path

import kg.learn
from kg.commands import command
from kg.ingest.errors import InputError
from kg.learn import MODEL_DIR, TRAINERS

# shared/ sits beside the repository: <repo>/../shared/data
DEFAULT_DATA = Path(kg.learn.__file__).resolve().parents[2].parent / "shared" / "data"


def load_trainers() -> None:
    """Import every module of kg.learn so that each model registers its trainer."""
    for info in sorted(pkgutil.iter_modules(kg.learn.__path__), key=lambda i: i.name):
        importlib.import_module(f"kg.learn.{info.name}")


def _arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", nargs="?", help="the model to train (omit to list them)")
    p.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help=f"benchmark data folder (default {DEFAULT_DATA})"
    )
    p.add_argument(
        "--out", type=Path, default=MODEL_DIR, help=f"where the model files go (default {MODEL_DIR})"
    )


@command(
    "train",
    help="train a shipped model (entity recogniser, relation classifier...) offline",
    add_arguments=_arguments,
)
def run(args: argparse.Namespace) -> int:
    """Train the named model, print its figures as JSON; list the models when no name is given."""
    load_trainers()
    if not args.name:
        for name, _ in TRAINERS:
            print(f"{name}\t{TRAINERS.meta(name).get('help', '')}")
        return 0
    if args.name not in TRAINERS:
        known = ", ".join(TRAINERS.names()) or "none"
        print(f"kg train: unknown model {args.name!r} (known: {known})", file=sys.stderr)
        return 2
    if not args.data.is_dir():
        print(f"kg train: {args.data}: no such data folder", file=sys.stderr)
        return 2
    try:
        figures = TRAINERS.get(args.name)(args.data, args.out)
    except (InputError, FileNotFoundError, ValueError) as exc:
        print(f"kg train: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(figures, ensure_ascii=False, indent=2, sort_keys=True))
    return 0

"""Extraction: registered extractors add mentions and facts to a Doc, stage by stage."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from kg.extract.doc import Doc
from kg.registry import Registry

# Stages run in this order; within a stage, extractors run by their `order` metadata.
# "mentions" propose candidate spans, "select" keeps a consistent set, "expand" adds aliases and
# coreferent mentions of entities already found, "relations" add facts.
STAGES = ("mentions", "select", "expand", "relations")
EXTRACTORS: Registry[Callable[[Doc], None]] = Registry("extractor")

_MODULES = (
    "markup",
    "gazetteer",
    "positions",
    "persons",
    "names",
    "quoted",
    "ner",
    "select",
    "aliases",
    "coref",
    "rules",
    "relmodel",
    "dates",
)


def extractor(name: str, stage: str, order: int) -> Callable[[Callable[[Doc], None]], Callable[[Doc], None]]:
    """Register `fn(doc)` as extractor `name` in `stage`, run at position `order` within it."""
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r} (known: {', '.join(STAGES)})")
    return EXTRACTORS.register(name, stage=stage, order=order)


def pipeline(disabled: frozenset[str] = frozenset()) -> list[tuple[str, Callable[[Doc], None]]]:
    """The registered extractors in running order, without those named in `disabled`."""
    _load()
    ranked = sorted(
        (
            (STAGES.index(EXTRACTORS.meta(n)["stage"]), EXTRACTORS.meta(n)["order"], n, fn)
            for n, fn in EXTRACTORS
            if n not in disabled
        ),
    )
    return [(name, fn) for _, _, name, fn in ranked]


def run(doc: Doc, disabled: frozenset[str] = frozenset()) -> Doc:
    """Run every enabled extractor over `doc`."""
    for _, fn in pipeline(disabled):
        fn(doc)
    return doc


def _load() -> None:
    for module in _MODULES:
        importlib.import_module(f"{__name__}.{module}")

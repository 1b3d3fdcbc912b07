"""The reader registry: one reader per input format, chosen by file suffix."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from kg.ingest.errors import InputError
from kg.model import Article
from kg.registry import Registry

Reader = Callable[[str, bytes], Iterator["Article | InputError"]]

READERS: Registry[Reader] = Registry("reader")


def reader_for(path: str) -> Reader | None:
    """The reader registered for the suffix of `path`, or None."""
    name = reader_name(path)
    return READERS.get(name) if name else None


def reader_name(path: str) -> str | None:
    """The name of the reader registered for the suffix of `path`, or None."""
    lower = path.lower()
    for name, _ in READERS:
        if lower.endswith(tuple(READERS.meta(name)["suffixes"])):
            return name
    return None


def holds_many(name: str) -> bool:
    """Whether reader `name` reads many articles from one file (checked article by article, not by size)."""
    return bool(READERS.meta(name).get("many", False))


def suffixes() -> tuple[str, ...]:
    """All suffixes some reader accepts."""
    return tuple(s for name in READERS.names() for s in READERS.meta(name)["suffixes"])

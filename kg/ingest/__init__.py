"""Ingestion: files and folders in, Article records out, failures named and counted."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.ingest import jekyll, jsonl, page, plain  # noqa: F401  (registers the readers)
from kg.ingest.errors import InputError
from kg.ingest.registry import READERS, reader_for, suffixes
from kg.model import Article

__all__ = ["READERS", "InputError", "discover", "read_inputs", "read_file", "reader_for", "suffixes"]

STDIN = "-"


def discover(paths: Iterable[str]) -> Iterator[str | InputError]:
    """Input files under `paths` in a stable order; folders are walked recursively, loops skipped."""
    for given in paths:
        if given == STDIN:
            yield STDIN
            continue
        path = Path(given)
        if path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield str(path)
        else:
            yield InputError(given, "no such file or directory")


def _walk(root: Path) -> Iterator[str | InputError]:
    seen: set[tuple[int, int]] = set()
    accepted = suffixes()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=None):
        try:
            st = os.stat(dirpath)
        except OSError as err:
            yield InputError(dirpath, f"cannot read directory ({err.strerror})")
            dirnames[:] = []
            continue
        if (st.st_dev, st.st_ino) in seen:
            yield InputError(dirpath, "directory loop (symbolic link back to a parent), skipped")
            dirnames[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or not name.lower().endswith(accepted):
                continue
            yield os.path.join(dirpath, name)


def read_file(path: str) -> Iterator[Article | InputError]:
    """The articles in one file (or standard input for "-"), with failures yielded, never raised."""
    reader = jsonl.read_jsonl if path == STDIN else reader_for(path)
    if reader is None:
        yield InputError(path, f"unsupported file type (known: {', '.join(suffixes())})")
        return
    try:
        data = sys.stdin.buffer.read() if path == STDIN else Path(path).read_bytes()
    except OSError as err:
        yield InputError(path, f"cannot read file ({err.strerror or err})")
        return
    if not data.strip():
        yield InputError(path, "empty file")
        return
    try:
        yield from reader(path, data)
    except InputError as err:
        yield err
    except RecursionError:
        yield InputError(path, "markup nested too deeply to read")


def read_inputs(paths: Iterable[str]) -> Iterator[Article | InputError]:
    """All articles under `paths`, in a stable order, with each failure in its place."""
    for item in discover(paths):
        if isinstance(item, InputError):
            yield item
        else:
            yield from read_file(item)

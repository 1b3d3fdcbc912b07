"""Ingestion: files and folders in, Article records out, failures named and counted."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.ingest import jekyll, jsonl, page, plain  # noqa: F401  (registers the readers)
from kg.ingest.errors import InputError
from kg.ingest.limits import DEFAULT_MAX_CHARS, article_too_long, file_too_large
from kg.ingest.registry import READERS, holds_many, reader_for, reader_name, suffixes
from kg.model import Article
from kg.text.chars import replace_surrogates

__all__ = [
    "DEFAULT_MAX_CHARS",
    "READERS",
    "InputError",
    "discover",
    "read_inputs",
    "read_file",
    "reader_for",
    "suffixes",
]

STDIN = "-"
_FILE_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


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
        elif path.is_symlink():
            yield InputError(given, "broken symbolic link")
        else:
            yield InputError(given, "no such file or directory")


def _walk(root: Path) -> Iterator[str | InputError]:
    seen: set[tuple[int, int]] = set()
    accepted = suffixes()
    unreadable: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=unreadable.append):
        while unreadable:
            err = unreadable.pop(0)
            yield InputError(err.filename or dirpath, f"cannot read directory ({err.strerror or err})")
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
    for err in unreadable:
        yield InputError(err.filename or str(root), f"cannot read directory ({err.strerror or err})")


def read_file(path: str, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Article | InputError]:
    """The articles in one file (or standard input for "-"), with failures yielded, never raised.

    An article longer than `max_chars` characters is refused (0: no limit).
    """
    # Records carry a printable name; the file itself is opened by its real (possibly undecodable) name.
    shown = replace_surrogates(path)
    name = "jsonl" if path == STDIN else reader_name(path)
    if name is None:
        yield InputError(shown, f"unsupported file type (known: {', '.join(suffixes())})")
        return
    try:
        if path == STDIN:
            data = sys.stdin.buffer.read()
        else:
            refused = _unreadable(path, shown, max_chars, many=holds_many(name))
            if refused is not None:
                yield refused
                return
            data = Path(path).read_bytes()
    except OSError as err:
        broken = os.path.islink(path) and not os.path.exists(path)
        reason = "broken symbolic link" if broken else f"cannot read file ({err.strerror or err})"
        yield InputError(shown, reason)
        return
    if not data.strip():
        yield InputError(shown, "empty file")
        return
    try:
        for item in READERS.get(name)(shown, data):
            if isinstance(item, Article):
                item = _no_text(item) or article_too_long(item, max_chars) or item
            yield item
    except InputError as err:
        yield err
    except RecursionError:
        yield InputError(shown, "markup nested too deeply to read")
    except MemoryError:
        yield InputError(shown, "out of memory while reading the file")
    except Exception as err:  # a reader bug must cost one file, not the run
        yield InputError(shown, f"unexpected error while reading ({type(err).__name__}: {err})")


def _no_text(article: Article) -> InputError | None:
    """The error for an article left with no text (a page of navigation, a post of front matter only)."""
    return None if article.text.strip() else InputError(article.path, "no article text", article.line)


def _unreadable(path: str, shown: str, max_chars: int, many: bool) -> InputError | None:
    """Why `path` must not be read (a folder, a pipe, too large), or None; OSError if it cannot be."""
    st = os.stat(path)
    if stat.S_ISDIR(st.st_mode):
        return InputError(shown, "is a folder, not a file")
    for test, what in _FILE_KINDS:
        if test(st.st_mode):
            return InputError(shown, f"not a regular file ({what})")
    return None if many else file_too_large(shown, st.st_size, max_chars)


def read_inputs(paths: Iterable[str], max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Article | InputError]:
    """All articles under `paths`, in a stable order, with each failure in its place."""
    for item in discover(paths):
        if isinstance(item, InputError):
            yield item
        else:
            yield from read_file(item, max_chars)

"""Jekyll posts: YAML front matter, a "> " summary, an HTML/Markdown body, a <URL> line, navigation links."""

from __future__ import annotations

import re
from collections.abc import Iterator

import yaml

from kg.ingest.assemble import assemble, body_paragraphs
from kg.ingest.decode import decode_bytes
from kg.ingest.errors import InputError
from kg.ingest.meta import iso_datetime
from kg.ingest.registry import READERS
from kg.model import Article

_URL_LINE = re.compile(r"^<(https?://[^>\s]+)>$")
_NAV_LINE = re.compile(r"^(?:\s*\[[^\]]*\]\([^)]*\)\s*[｜|·]?\s*)+$")
_FENCE = "---"


@READERS.register("jekyll", suffixes=(".md", ".markdown"))
def read_jekyll(path: str, data: bytes) -> Iterator[Article | InputError]:
    """Read one Jekyll post."""
    text = decode_bytes(data, path)
    front, body_lines = split_front_matter(text, path)
    meta = parse_front_matter(front, path) if front is not None else {}
    summary_lines: list[str] = []
    url = _str(meta.get("url"))
    blocks: list[str] = []
    current: list[str] = []
    for line in body_lines:
        stripped = line.strip()
        if stripped.startswith(">"):
            summary_lines.append(stripped.lstrip("> ").strip())
        elif _URL_LINE.match(stripped):
            url = url or _URL_LINE.match(stripped).group(1)
        elif stripped and _NAV_LINE.match(stripped):
            continue
        elif not stripped:
            if current:
                blocks.append("\n".join(current))
                current = []
            continue
        else:
            current.append(line)
            continue
        if current:
            blocks.append("\n".join(current))
            current = []
    if current:
        blocks.append("\n".join(current))
    try:
        published = iso_datetime(meta.get("date"))
    except ValueError as err:
        raise InputError(path, f"invalid date in front matter: {err}") from None
    yield assemble(
        path,
        body_paragraphs(blocks),
        title=_str(meta.get("title")),
        summary=" ".join(summary_lines) or None,
        published=published,
        url=url,
        source=_str(meta.get("source")),
        categories=_words(meta.get("categories")),
        tags=_words(meta.get("tags")),
        explicit_id=_str(meta.get("id")),
    )


def split_front_matter(text: str, path: str) -> tuple[str | None, list[str]]:
    """(front matter text or None, body lines); leading blank lines before the fence are allowed."""
    lines = text.splitlines()
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i == len(lines) or lines[i].strip() != _FENCE:
        return None, lines
    for j in range(i + 1, len(lines)):
        if lines[j].strip() in (_FENCE, "..."):
            return "\n".join(lines[i + 1 : j]), lines[j + 1 :]
    raise InputError(path, f"unterminated YAML front matter (opened on line {i + 1}, never closed)")


def parse_front_matter(front: str, path: str) -> dict:
    """The front matter as a mapping, or InputError saying what is wrong with it."""
    try:
        meta = yaml.safe_load(front)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(err, "problem", None) or "cannot be parsed"
        raise InputError(path, f"broken YAML front matter{where}: {problem}") from None
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise InputError(path, f"YAML front matter is a {type(meta).__name__}, not a mapping")
    return meta


def _str(value: object) -> str | None:
    return None if value is None else str(value)


def _words(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return str(value).split()

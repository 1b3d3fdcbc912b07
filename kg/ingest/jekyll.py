"""Jekyll posts: YAML front matter, a "> " summary, an HTML/Markdown body, a <URL> line, navigation links."""

from __future__ import annotations

import re
from collections.abc import Iterator

import yaml

from kg.ingest.assemble import MD_LINK, assemble, body_paragraphs
from kg.ingest.decode import decode_bytes
from kg.ingest.errors import InputError
from kg.ingest.meta import iso_datetime
from kg.ingest.registry import READERS
from kg.model import Article

_URL_LINE = re.compile(r"^<(https?://[^>\s]+)>$")
# Links separated by white space or ｜|·; written so that no two parts can match the same spaces, since
# overlapping repeats backtrack exponentially on a line that almost matches.
_NAV_LINE = re.compile(rf"^\s*{MD_LINK}(?:\s*(?:[｜|·]\s*)?{MD_LINK})*\s*(?:[｜|·]\s*)?$")
_FENCE = "---"
# PyYAML's scanner is quadratic in the depth of [ ] and { } nesting (5,000 levels take 20 s), and real
# front matter is a few short lines: anything far beyond that is refused before parsing.
MAX_FRONT_MATTER_CHARS = 65_536
MAX_FLOW_DEPTH = 50
_BRACKETS = re.compile(r"[^\[\]{}]+")


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
    if len(front) > MAX_FRONT_MATTER_CHARS:
        raise InputError(path, f"YAML front matter too large ({len(front):,} characters)")
    if _flow_depth(front) > MAX_FLOW_DEPTH:
        raise InputError(path, f"broken YAML front matter: nested more than {MAX_FLOW_DEPTH} levels deep")
    try:
        meta = yaml.safe_load(front)
    except yaml.reader.ReaderError as err:
        char = f"U+{err.character:04X}" if isinstance(err.character, int) else repr(err.character)
        raise InputError(path, f"broken YAML front matter: character {char} is not allowed in YAML") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(err, "problem", None) or "cannot be parsed"
        raise InputError(path, f"broken YAML front matter{where}: {problem}") from None
    except ValueError as err:  # a timestamp YAML recognises but cannot build, such as 2022-02-30
        raise InputError(path, f"invalid date in front matter: {err}") from None
    except RecursionError:
        raise InputError(path, "broken YAML front matter: nested too deeply") from None
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise InputError(path, f"YAML front matter is a {type(meta).__name__}, not a mapping")
    return meta


def _flow_depth(text: str) -> int:
    """The deepest nesting of brackets and braces in `text` (quotes not considered: an upper bound)."""
    depth = deepest = 0
    for ch in _BRACKETS.sub("", text):
        depth = depth + 1 if ch in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    return deepest


def _str(value: object) -> str | None:
    """A scalar as text; lists and mappings are not metadata text (and YAML aliases can make them huge)."""
    if value is None or isinstance(value, (list, tuple, dict, set)):
        return None
    return str(value)


def _words(value: object) -> list[str]:
    """Categories or tags: a list of scalars or one space-separated string."""
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v is not None and not isinstance(v, (list, tuple, dict, set))]
    text = _str(value)
    return text.split() if text else []

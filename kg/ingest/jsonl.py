"""JSON Lines news dumps: one article per line, {"id", "text"} or {"id", "html"} plus optional metadata."""

from __future__ import annotations

import json
from collections.abc import Iterator

from kg.ingest.assemble import assemble
from kg.ingest.decode import decode_bytes
from kg.ingest.errors import InputError
from kg.ingest.meta import iso_datetime
from kg.ingest.plain import text_article
from kg.ingest.registry import READERS
from kg.model import Article
from kg.text.html import html_to_paragraphs


@READERS.register("jsonl", suffixes=(".jsonl", ".ndjson"), many=True)
def read_jsonl(path: str, data: bytes) -> Iterator[Article | InputError]:
    """Read every line of a JSON Lines file; a bad line is reported and the others still read."""
    text = decode_bytes(data, path)
    # Only LF ends a record: U+2028, U+0085 and the like may stand unescaped inside JSON strings.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            yield line_article(path, number, line)
        except InputError as err:
            yield err
        except RecursionError:
            yield InputError(path, "nested too deeply to read", number)
        except Exception as err:  # a bug on one line must not lose the lines after it
            yield InputError(path, f"unexpected error while reading ({type(err).__name__}: {err})", number)


def line_article(path: str, number: int, line: str) -> Article:
    """The article on one JSON line."""
    try:
        # strict=False lets raw tabs and other control characters stand inside strings (scrapers write them).
        obj = json.loads(line, strict=False)
    except json.JSONDecodeError as err:
        where = "column" if err.msg.endswith(" at") else "at column"  # "Unterminated string starting at"
        raise InputError(path, f"invalid JSON ({err.msg} {where} {err.colno})", number) from None
    if not isinstance(obj, dict):
        raise InputError(path, f"a JSON {type(obj).__name__}, not an object", number)
    body, html = obj.get("text"), obj.get("html")
    if not isinstance(body, str) and not isinstance(html, str):
        raise InputError(path, 'neither a "text" nor an "html" string', number)
    if not (body if isinstance(body, str) else html).strip():
        raise InputError(path, "empty article text", number)
    try:
        published = iso_datetime(obj.get("published"))
    except ValueError as err:
        raise InputError(path, f"invalid published date: {err}", number) from None
    explicit_id = _opt_str(obj.get("id")) or f"{path}:{number}"
    meta = {key: _opt_str(obj.get(key)) for key in ("title", "url", "source")}
    if isinstance(body, str):
        return text_article(path, body, explicit_id, number, published=published, **meta)
    return assemble(
        path, html_to_paragraphs(html), published=published, explicit_id=explicit_id, line=number, **meta
    )


def _opt_str(value: object) -> str | None:
    """A metadata value as text: strings and numbers are kept, lists, objects and null are not."""
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        return None
    return str(value) if str(value).strip() else None

"""Plain text files: the text is kept exactly as given, so offsets point into the file's text."""

from __future__ import annotations

from collections.abc import Iterator

from kg.ingest.decode import decode_bytes
from kg.ingest.errors import InputError
from kg.ingest.meta import article_id, content_hash
from kg.ingest.registry import READERS
from kg.model import Article
from kg.text import source as credits
from kg.text.chars import clean_label, replace_surrogates


@READERS.register("text", suffixes=(".txt",))
def read_text(path: str, data: bytes) -> Iterator[Article | InputError]:
    """Read one plain-text article."""
    text = decode_bytes(data, path)
    if not text.strip():
        raise InputError(path, "empty file")
    yield text_article(path, text)


def text_article(
    path: str, text: str, explicit_id: str | None = None, line: int | None = None, **meta: object
) -> Article:
    """An article over `text` as given (a lone surrogate becomes U+FFFD, which keeps every offset)."""
    text = replace_surrogates(text)
    meta = {key: clean_label(value) if isinstance(value, str) else value for key, value in meta.items()}
    source = meta.pop("source", None) or credits.inline_credit(text)
    return Article(
        id=article_id(path, meta.get("url"), explicit_id),
        path=path,
        text=text,
        line=line,
        source=source,
        content_hash=content_hash(text, *(str(v) for v in meta.values())),
        **meta,
    )

"""Size limits that keep one oversized input from stalling a run: articles by characters, files by bytes."""

from __future__ import annotations

from kg.ingest.errors import InputError
from kg.model import Article

# A long news article has a few tens of thousands of characters; extraction time grows faster than
# linearly with length, so far larger texts (a dump pasted into one file) are refused rather than left
# to run for hours.
DEFAULT_MAX_CHARS = 100_000
# A one-article file (.txt, .md, .html) above this many bytes per allowed character is refused unread;
# HTML pages carry several times their text in markup. JSON Lines files are checked line by line instead.
BYTES_PER_CHAR = 50


def file_too_large(path: str, size: int, max_chars: int) -> InputError | None:
    """The error for a one-article file too large to read under `max_chars` (0: no limit), or None."""
    if max_chars and size > max_chars * BYTES_PER_CHAR:
        return InputError(
            path,
            f"file too large ({size:,} bytes; at most {max_chars * BYTES_PER_CHAR:,} for an article of "
            f"at most {max_chars:,} characters; raise the limit with --max-chars)",
        )
    return None


def article_too_long(article: Article, max_chars: int) -> InputError | None:
    """The error for an article whose text exceeds `max_chars` characters (0: no limit), or None."""
    if max_chars and len(article.text) > max_chars:
        return InputError(
            article.path,
            f"article too long ({len(article.text):,} characters; the limit is {max_chars:,}, "
            "raise it with --max-chars)",
            article.line,
        )
    return None

"""Recognises the "（文章来源：财联社）" credit line that names an article's source."""

from __future__ import annotations

import re

_CREDIT = re.compile(r"^[（(]\s*(?:文章)?(?:来源|来自|稿件来源)\s*[:：]\s*([^（）()]{1,30}?)\s*[）)]$")
_INLINE_CREDIT = re.compile(r"[（(]\s*(?:文章)?来源\s*[:：]\s*([^（）()\n]{1,30}?)\s*[）)]")
_BYLINE = re.compile(r"^(?:来源|文章来源)\s*[:：]\s*(\S{1,30})")
_TRAILING_OUTLET = re.compile(r"[（(]([^（）()\s]{2,12})[）)]\s*$")


def credit_line(paragraph: str) -> str | None:
    """The source named by a paragraph that is only a credit line, else None."""
    m = _CREDIT.match(paragraph.strip())
    return m.group(1) if m else None


def inline_credit(text: str) -> str | None:
    """The source named by a credit anywhere in `text` (for text that must be kept as given)."""
    m = _INLINE_CREDIT.search(text)
    return m.group(1) if m else None


def byline(text: str) -> str | None:
    """The source in a "来源：新华社" byline."""
    m = _BYLINE.match(text.strip())
    return m.group(1) if m else None


def trailing_outlet(text: str) -> tuple[str, str | None]:
    """Split a summary's trailing "（财联社）" off: (text without it, outlet or None)."""
    m = _TRAILING_OUTLET.search(text)
    if not m:
        return text, None
    return text[: m.start()].rstrip(), m.group(1)

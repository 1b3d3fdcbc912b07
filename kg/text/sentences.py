"""Sentence boundaries in Chinese news text, as (start, end) offsets."""

from __future__ import annotations

import re

# A sentence ends at 。！？!?； or a line break; closing quotes and brackets stay with it.
_END = re.compile(r"[^。！？!?；;\n]*(?:[。！？!?；;]+[”’」』）)\"']*|\n|$)")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Offsets of the non-blank sentences of `text`, leading and trailing white space excluded."""
    spans: list[tuple[int, int]] = []
    for m in _END.finditer(text):
        start, end = m.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans

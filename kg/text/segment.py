"""Word segmentation with jieba, loaded once per process; tokens carry their offsets."""

from __future__ import annotations

import logging
from functools import cache

Token = tuple[str, int, int]


@cache
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def tokens(text: str) -> list[Token]:
    """jieba's words of `text` (HMM on) as (word, start, end)."""
    out: list[Token] = []
    pos = 0
    for word in _jieba().cut(text, HMM=True):
        out.append((word, pos, pos + len(word)))
        pos += len(word)
    return out


@cache
def word_tags() -> dict[str, str]:
    """jieba's dictionary part-of-speech tag for each known word."""
    _jieba()
    import jieba.posseg

    return jieba.posseg.dt.word_tag_tab

"""Placeholders some corpora put in place of numbers (FinRE writes every number as <N>)."""

from __future__ import annotations

import re

# Masked to digits of the same length, so that offsets into the text hold and the recogniser, the
# tokenizer and the relation features read a number as in real news.
_NUMBER = re.compile(r"<N>")
_NUMBER_MASK = "000"


def mask_placeholders(text: str) -> str:
    """`text` with each number placeholder (<N>) read as a number of the same length."""
    return _NUMBER.sub(_NUMBER_MASK, text) if "<N>" in text else text

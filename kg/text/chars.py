"""Characters that cannot be written out (lone surrogates) or that carry nothing (control characters)."""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"
_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 and C1 controls except tab, line feed and carriage return, plus DEL and the two noncharacters
# U+FFFE/U+FFFF; form feed and vertical tab are white space and are folded elsewhere.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def replace_surrogates(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD: one code point for one, so offsets hold."""
    return _SURROGATE.sub(REPLACEMENT, text) if _SURROGATE.search(text) else text


def drop_controls(text: str) -> str:
    """`text` without control characters (for text kg cleans itself, such as text taken from HTML)."""
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text


def printable(text: str) -> str:
    """`text` safe to print on one terminal line: line breaks, controls and surrogates escaped."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape", "backslashreplace").decode(), text)


def clean_label(value: str | None) -> str | None:
    """A metadata string (title, source, URL) fit for output, without controls or lone surrogates; or None."""
    if value is None:
        return None
    cleaned = drop_controls(replace_surrogates(value)).strip()
    return cleaned or None

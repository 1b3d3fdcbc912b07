"""Other names of a company in the same article: 以下简称 definitions and short forms (贵州茅台 -> 茅台)."""

from __future__ import annotations

import re
from functools import cache

from kg.extract import extractor
from kg.extract.doc import Doc
from kg.extract.lexicon import Matcher, words
from kg.model import Fact, Mention

_DEFINED = re.compile(
    r"\s*[（(]\s*(?:以下)?(?:简称|下称|又称|以下称)\s*[:：]?\s*[“\"「]?([^”\"」）)，,]{2,15})[”\"」]?\s*[）)]"
)
_ABBREVIATING = ("Company", "Organization", "GovernmentBody")


@cache
def short_form(name: str) -> str:
    """A company name without its leading place and trailing legal/industry words."""
    short = name
    for _ in range(3):
        before = short
        for ending in words("name_endings"):
            if short.endswith(ending) and len(short) - len(ending) >= 2:
                short = short[: -len(ending)]
                break
        for place in words("locations"):
            if short.startswith(place) and len(short) - len(place) >= 2:
                short = short[len(place) :]
                break
        if short == before:
            break
    return short


@extractor("aliases", stage="expand", order=10)
def aliases(doc: Doc) -> None:
    """Add mentions for defined short names and for company short forms found at word boundaries."""
    text = doc.text
    for m in list(doc.mentions):
        if m.type not in _ABBREVIATING:
            continue
        d = _DEFINED.match(text, m.end)
        if d:
            short = _add(doc, d.start(1), d.end(1), m, "aliases", 0.95)
            if short is not None:
                doc.facts.append(Fact("same_as", m, short, doc.sentence_at(m.start), "aliases", 0.95))
    boundaries = {s for _, s, _ in doc.tokens} | {e for _, _, e in doc.tokens}
    shorts: dict[str, Mention] = {}
    for m in doc.mentions:
        if m.type == "Company" and m.extractor in ("markup", "gazetteer"):
            short = short_form(m.text)
            if short != m.text and short not in shorts:
                shorts[short] = m
    if not shorts:
        return
    for start, end, short in Matcher((s, s) for s in sorted(shorts)).longest(text):
        if start in boundaries and end in boundaries:
            _add(doc, start, end, shorts[short], "aliases", 0.75)


def _add(
    doc: Doc, start: int, end: int, full: Mention, extractor_name: str, confidence: float
) -> Mention | None:
    """A mention of `full` under another name at [start, end), reusing a mention already there."""
    same = [m for m in doc.mentions if (m.start, m.end) == (start, end) and m.type == full.type]
    if same:
        doc.aliases[same[0].text] = full.text
        return same[0]
    if any(m.start < end and start < m.end for m in doc.mentions):
        return None
    m = Mention(start, end, doc.text[start:end], full.type, extractor_name, confidence, full.ticker)
    doc.aliases[m.text] = full.text
    doc.mentions.append(m)
    doc.mentions.sort(key=lambda x: (x.start, x.end))
    return m

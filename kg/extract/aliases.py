"""Other names of a company in the same article: 以下简称 definitions and short forms (贵州茅台 -> 茅台)."""

from __future__ import annotations

import re
from functools import cache

from kg.extract import extractor
from kg.extract.doc import Doc
from kg.extract.lexicon import Matcher, words, wordset
from kg.model import Fact, Mention

_DEFINED = re.compile(
    r"\s*[（(]\s*(?:以下)?(?:简称|下称|又称|以下称)\s*[:：]?\s*[“\"「]?([^”\"」）)，,]{2,15})[”\"」]?\s*[）)]"
)
_ABBREVIATING = ("Company", "Organization", "GovernmentBody")
_GROUP_AND_LISTED = {"集团", "股份"}  # endings of a parent group and of its listed company


@cache
def short_form(name: str) -> str:
    """A company name without its leading place and trailing legal/industry words."""
    short = name
    for _ in range(3):
        before = short
        ending = _longest_affix(short, wordset("name_endings"), suffix=True)
        if ending:
            short = short[: -len(ending)]
        place = _longest_affix(
            short, wordset("locations"), keep=lambda rest: rest not in wordset("industries")
        )
        if place:
            short = short[len(place) :]
        if short == before:
            break
    return short


def _not_industry(rest: str) -> bool:
    return rest not in wordset("industries")


def _longest_affix(name: str, affixes: frozenset[str], suffix: bool = False, keep=lambda rest: True) -> str:
    """The longest of `affixes` starting (or ending) `name`, leaving 2+ characters that `keep` accepts."""
    for n in range(len(name) - 2, 0, -1):
        affix, rest = (name[-n:], name[:-n]) if suffix else (name[:n], name[n:])
        if affix in affixes and keep(rest):
            return affix
    return ""


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
    if shorts:
        for start, end, short in Matcher((s, s) for s in sorted(shorts)).longest(text):
            if start in boundaries and end in boundaries:
                _add(doc, start, end, shorts[short], "aliases", 0.75)
    _abbreviations(doc)


def abbreviation_confidence(short: str, full: str) -> float:
    """How surely `short` abbreviates the company name `full` (0 when it does not).

    上海建工 / 建工集团 share a short form; 联通 is 中国联通 without its place; 东航 takes characters of
    东方航空 in order. A remainder that is a business word (华润 / 华润置地) means a different company, and
    so does a group beside its listed company (宝钢集团 / 宝钢股份).
    """
    if len(short) < 2 or short == full or {short[-2:], full[-2:]} == _GROUP_AND_LISTED:
        return 0.0
    core = short_form(full)
    if short_form(short) == core and len(core) >= 2:
        return 0.9
    if len(short) >= len(full) or (core.startswith(short) and core != short):
        return 0.0  # 华润 / 华润置地: the parent's name inside a subsidiary's
    if short.endswith(words("company_suffixes")):
        return 0.0  # 中国银行 / 中国建设银行: a full name of its own, not an abbreviation
    for body in (full, _without_place(full)):
        if short[0] == body[0] and _subsequence(short, body) and not _is_word(short, body):
            return 0.6
    return 0.0


@cache
def _without_place(name: str) -> str:
    return name[len(_longest_affix(name, wordset("locations"))) :]


def _subsequence(short: str, full: str) -> bool:
    it = iter(full)
    return all(c in it for c in short)


def _is_word(short: str, full: str) -> bool:
    """True when `short` stands in `full` as a contiguous piece that is not its start (华润置地 has 置地)."""
    return short in full and not full.startswith(short)


def _abbreviations(doc: Doc) -> None:
    """Link company names of the article that abbreviate one another; a same_as fact where they meet."""
    companies = [m for m in doc.mentions if m.type == "Company" and m.extractor != "coref"]
    names = sorted({m.text for m in companies}, key=lambda n: (-len(n), n))
    for i, full in enumerate(names):
        for short in names[i + 1 :]:
            if short in doc.aliases or full in doc.aliases:
                continue
            confidence = abbreviation_confidence(short, full)
            if not confidence:
                continue
            doc.aliases[short] = full
            for span in doc.sentences:
                here = [m for m in companies if span[0] <= m.start < span[1]]
                a = next((m for m in here if m.text == full), None)
                b = next((m for m in here if m.text == short), None)
                if a and b:
                    doc.facts.append(Fact("same_as", a, b, span, "aliases", confidence))
                    break


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
    m = Mention(start, end, doc.surface(start, end), full.type, extractor_name, confidence, full.ticker)
    doc.aliases[m.text] = full.text
    doc.mentions.append(m)
    doc.mentions.sort(key=lambda x: (x.start, x.end))
    return m

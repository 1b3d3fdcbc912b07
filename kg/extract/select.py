"""Chooses one consistent, non-overlapping set of mentions from the candidates."""

from __future__ import annotations

from kg.extract import extractor
from kg.extract.doc import Doc
from kg.model import Mention

# How far each extractor is trusted when candidates overlap: higher first, then the longer span. The
# trained recogniser outranks the lexicons and patterns, which fill the gaps it leaves; names marked up by
# the publisher outrank everything.
TRUST = {
    "markup": 4,
    "known": 3,
    "ner": 2,
    "gazetteer": 2,
    "positions": 1,
    "persons": 1,
    "quoted": 1,
    "trained": 0,
    "names": 0,
}


def _rank(m: Mention) -> tuple:
    # On the very same span a curated lexicon's type beats the model's (黑猫投诉平台 is an Organization).
    curated = m.extractor == "gazetteer"
    return (-TRUST.get(m.extractor, 0), -(m.end - m.start), not curated, -m.confidence, m.start, m.type)


_ORG_TYPES = ("Company", "Organization", "GovernmentBody")
_CONFIRMING = ("markup", "known", "gazetteer", "persons")


def _within(m: Mention, c: Mention) -> bool:
    """True when candidate `c` covers `m` and more."""
    return c.start <= m.start and m.end <= c.end and c.end - c.start > m.end - m.start


def _inside_organisation(m: Mention, wider: list[Mention]) -> bool:
    """True for a place inside a proposed organisation name (海南 in 海南航空股份有限公司)."""
    return m.type == "Location" and any(c.type in _ORG_TYPES for c in wider)


def _inside_quoted_name(m: Mention, wider: list[Mention]) -> bool:
    """True for a recogniser span inside a name the article quotes as a product or project (茅台 in
    “i茅台”): the quotes mark where that name begins and ends."""
    return m.extractor == "ner" and any(c.extractor == "quoted" for c in wider)


def _extended(m: Mention, wider: list[Mention]) -> bool:
    """True when a candidate one step less trusted widens `m` into a longer name of the same type
    (代行总经理职责 around 总经理, 销售总经理 around 总经理): the wider reading is kept."""
    tier = TRUST.get(m.extractor, 0)
    return any(c.type == m.type and TRUST.get(c.extractor, 0) == tier - 1 for c in wider)


def _covering(candidates: list[Mention], size: int) -> list[list[Mention]]:
    """For each offset of the text, the candidates whose span holds it."""
    cover: list[list[Mention]] = [[] for _ in range(size)]
    for c in candidates:
        for i in range(c.start, c.end):
            cover[i].append(c)
    return cover


@extractor("select", stage="select", order=10)
def select(doc: Doc) -> None:
    """Keep the most trusted, longest candidates that do not overlap a kept one."""
    kept: list[Mention] = []
    occupied = bytearray(len(doc.text) + 1)
    # A name the article confirms (a curated lexicon name, a person named beside a title) keeps its type
    # where the model reads the very same span as something else.
    confirmed = {(c.start, c.end): c.type for c in doc.candidates if c.extractor in _CONFIRMING}
    cover = _covering(doc.candidates, len(doc.text))
    for m in sorted(doc.candidates, key=_rank):
        if m.extractor == "ner" and confirmed.get((m.start, m.end), m.type) != m.type:
            continue
        if any(occupied[m.start : m.end]):
            continue
        wider = [c for c in cover[m.start] if _within(m, c)]
        if _extended(m, wider) or _inside_organisation(m, wider) or _inside_quoted_name(m, wider):
            continue
        occupied[m.start : m.end] = b"\x01" * (m.end - m.start)
        kept.append(m)
    doc.mentions = _join_places(doc, sorted(kept, key=lambda m: (m.start, m.end)))


def _join_places(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A place written right before a company name is part of it (合肥 + 国轩高科 = 合肥国轩高科)."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev and prev.type == "Location" and m.type == "Company" and prev.end == m.start and not m.ticker:
            out[-1] = Mention(
                prev.start, m.end, doc.surface(prev.start, m.end), "Company", m.extractor, m.confidence
            )
        else:
            out.append(m)
    return out

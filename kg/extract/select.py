"""Chooses one consistent, non-overlapping set of mentions from the candidates."""

from __future__ import annotations

from kg.extract import extractor
from kg.extract.doc import Doc
from kg.model import Mention

# How far each extractor is trusted when candidates overlap: higher first, then the longer span.
TRUST = {
    "markup": 3,
    "gazetteer": 2,
    "positions": 2,
    "persons": 2,
    "quoted": 2,
    "ner": 1,
    "trained": 1,
    "names": 1,
}
# A lexicon name of these types may stand inside an organisation's name (北京市 in 北京市人民政府); then the
# organisation wins when a confident model span or a name-ending pattern proposes it.
_NESTABLE = {"Location"}
_ORG_TYPES = {"Company", "Organization", "GovernmentBody"}
_MODEL_CONFIDENT = 0.75


def _rank(m: Mention) -> tuple:
    return (-TRUST.get(m.extractor, 1), -(m.end - m.start), -m.confidence, m.start, m.type)


@extractor("select", stage="select", order=10)
def select(doc: Doc) -> None:
    """Keep the most trusted, longest candidates that do not overlap a kept one."""
    confident = [
        m
        for m in doc.candidates
        if m.type in _ORG_TYPES
        and (m.extractor == "names" or (m.extractor == "ner" and m.confidence >= _MODEL_CONFIDENT))
    ]
    kept: list[Mention] = []
    occupied = bytearray(len(doc.text) + 1)
    for m in sorted(doc.candidates, key=_rank):
        if m.type in _NESTABLE and any(
            c.start <= m.start and m.end <= c.end and (c.end - c.start) > (m.end - m.start) for c in confident
        ):
            continue
        if any(occupied[m.start : m.end]):
            continue
        occupied[m.start : m.end] = b"\x01" * (m.end - m.start)
        kept.append(m)
    doc.mentions = sorted(kept, key=lambda m: (m.start, m.end))

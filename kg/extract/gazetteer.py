"""Names known in advance: lexicons of organisations, government bodies and places; marked-up companies."""

from __future__ import annotations

from functools import cache

from kg.extract import extractor
from kg.extract.doc import Doc
from kg.extract.lexicon import Matcher, words

LEXICON_TYPES = {"organizations": "Organization", "government": "GovernmentBody", "locations": "Location"}


@cache
def _matcher() -> Matcher:
    return Matcher((w, type_) for name, type_ in LEXICON_TYPES.items() for w in words(name))


@extractor("gazetteer", stage="mentions", order=20)
def gazetteer(doc: Doc) -> None:
    """Every lexicon name and every company name known to the build is a candidate mention."""
    for start, end, type_ in _matcher().find(doc.text):
        doc.add(start, end, type_, "gazetteer", 0.9)
    _trained(doc)
    known = doc.known
    if known is not None:
        for start, end, (type_, ticker) in known.matcher().find(doc.text):
            doc.add(start, end, type_, "known", 0.95, ticker=ticker)


def _trained(doc: Doc) -> None:
    """Names from the gazetteer learnt from the training splits; short ones only as whole words."""
    from kg.learn.gazetteer import load

    matcher = load()
    if matcher is None:
        return
    boundaries = {s for _, s, _ in doc.tokens} | {e for _, _, e in doc.tokens}
    for start, end, type_ in matcher.find(doc.text):
        if end - start >= 4 or (start in boundaries and end in boundaries):
            doc.add(start, end, type_, "trained", 0.7)

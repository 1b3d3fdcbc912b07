"""Company anaphora: 公司, 该公司, 他们 referring to the company named just before."""

from __future__ import annotations

from kg.extract import extractor
from kg.extract.doc import Doc
from kg.model import Mention
from kg.text.segment import word_tags

ANAPHORS = {"公司": 2, "该公司": 2, "本公司": 2, "该集团": 2, "他们": 0}  # word -> sentences to look back
_ORG_TYPES = ("Company",)
# jieba tags of a word that makes a bare 公司 after it a kind of company rather than an anaphor: nouns,
# numerals and measure words (基金公司, 两家公司; 这家公司 is a pronoun's); 等 and 之 (澳彩等公司): u.
_MODIFIER_TAGS = ("n", "m", "q")


@extractor("coref", stage="expand", order=20)
def coref(doc: Doc) -> None:
    """Each anaphor word standing alone becomes a Company mention of its antecedent."""
    taken = bytearray(len(doc.text) + 1)
    for m in doc.mentions:
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    added: list[Mention] = []
    previous = ""
    for word, start, end in doc.tokens:
        before, previous = previous, word
        back = ANAPHORS.get(word)
        if back is None or any(taken[start:end]) or (word == "公司" and _modified(before)):
            continue
        antecedent = _antecedent(doc, start, back)
        if antecedent is None:
            continue
        m = Mention(start, end, word, antecedent.type, "coref", 0.6, antecedent.ticker)
        doc.coref[id(m)] = antecedent
        added.append(m)
    if added:
        doc.mentions = sorted(doc.mentions + added, key=lambda x: (x.start, x.end))


def _modified(before: str) -> bool:
    """True when the word `before` a bare 公司 modifies it (基金公司: a kind, not a company named before)."""
    tag = word_tags().get(before, "")
    return tag.startswith(_MODIFIER_TAGS) or tag == "u"


def _antecedent(doc: Doc, pos: int, sentences_back: int) -> Mention | None:
    """The nearest preceding company mention within `sentences_back` sentences, if no person intervenes."""
    first = doc.sentences[max(doc.sentence_index(pos) - sentences_back, 0)][0] if doc.sentences else 0
    for m in reversed(doc.mentions):
        if m.end > pos or m.start < first:
            continue
        if m.type == "Person" and sentences_back == 0:
            return None
        if m.type in _ORG_TYPES and m.extractor != "coref":
            return doc.coref.get(id(m), m)
    return None

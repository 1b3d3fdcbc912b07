"""Mentions from the statistical entity recogniser shipped in kg/models (skipped when it is absent)."""

from __future__ import annotations

import re
from collections.abc import Collection

from kg.extract import extractor
from kg.extract.doc import Doc
from kg.extract.lexicon import generic_kind, wordset

# Characters a name never starts or ends with; a span the model widened over them is trimmed.
_EDGE = "“”\"'‘’「」『』《》（）()【】[]，,。、；;：:！!？? \u3000"
# Types whose names never hold an enumeration: "鞍钢股份与鞍钢集团" is two names. An institution's name
# may (西南财经大学信托与理财研究所), so Organization spans stay whole.
_SPLIT_TYPES = ("Company", "GovernmentBody")
_SEPARATOR = re.compile(r"[、与及]")
_COUNTED = re.compile(r"[一二三四五六七八九十两几多数]家?(?:公司|企业)$")
# Spans whose labels the model gives less than even odds on average are left out: on the CLUENER hold-out
# this drops more wrong companies than right ones (Company F1 0.699 -> 0.709; FinRE 0.468 -> 0.463).
MIN_CONFIDENCE = 0.5
_ORG_TYPES = ("Company", "Organization", "GovernmentBody")  # a kind of organisation is no name of these
_FUNCTION_TAGS = ("t", "m", "f", "r", "d", "p", "c", "u", "q")  # jieba: time, number, direction, pronoun...


def spans(
    text: str, start: int, end: int, type_: str, word_starts: Collection[int] | None = None
) -> list[tuple[int, int]]:
    """The clean name spans inside a model span: edges trimmed, enumerations split. word_starts: where
    the text's words start; a separator inside a word (及 in 埃及) then splits nothing."""
    pieces = [(start, end)]
    if type_ in _SPLIT_TYPES:
        pieces, cut = [], start
        for m in _SEPARATOR.finditer(text, start, end):
            if word_starts is not None and not (m.start() in word_starts and m.end() in word_starts):
                continue
            pieces.append((cut, m.start()))
            cut = m.end()
        pieces.append((cut, end))
        if any(e - s < 2 for s, e in pieces):
            pieces = [(start, end)]  # 和黄, 与德: a separator inside a name
    out = []
    for s, e in pieces:
        while s < e and text[s] in _EDGE:
            s += 1
        while e > s and text[e - 1] in _EDGE:
            e -= 1
        counted = _COUNTED.search(text, s, e) if type_ == "Company" else None
        if counted and counted.start() - s >= 2:
            e = counted.start()  # 江东金具三家公司: the last name of an enumeration and their count
        if e > s:
            out.append((s, e))
    return out


def _function_word(doc: Doc, start: int, end: int) -> bool:
    """True when the span is one word that jieba's dictionary knows as a time, number, direction,
    pronoun, adverb or other function word (深夜 in 10日深夜): no organisation's name."""
    from kg.text.segment import word_tags

    words = [w for w, a, b in doc.tokens_in((start, end)) if a >= start and b <= end]
    whole = len(words) == 1 and len(words[0]) == end - start
    return whole and word_tags().get(words[0], "n").startswith(_FUNCTION_TAGS)


@extractor("ner", stage="mentions", order=70)
def ner(doc: Doc) -> None:
    """Every span the trained recogniser tags with at least MIN_CONFIDENCE becomes a candidate."""
    from kg.learn import ner as model

    tagger = model.load()
    if tagger is None:
        return
    word_starts = {a for _, a, _ in doc.tokens} | {len(doc.text)}
    for span in tagger.predict(doc.text, doc.tokens):
        if span.confidence < MIN_CONFIDENCE:
            continue
        for start, end in spans(doc.text, span.start, span.end, span.type, word_starts):
            name = doc.text[start:end]
            if name in wordset("not_names") or (span.type in _ORG_TYPES and generic_kind(name)):
                continue
            if span.type in _ORG_TYPES and _function_word(doc, start, end):
                continue
            doc.add(start, end, span.type, "ner", span.confidence)

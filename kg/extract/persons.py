"""Person names, confirmed by context: right after a job title, or before a speech verb."""

from __future__ import annotations

import re
from functools import cache

from kg.extract import extractor
from kg.extract.doc import Doc
from kg.extract.lexicon import Matcher, words, wordset
from kg.text.segment import word_tags

_CJK = re.compile(r"[\u4e00-\u9fff]")
_SPEECH_AFTER_NAME = re.compile(
    r"(?:还|也|则|曾)?(?:表示|称|说|认为|指出|介绍|透露|坦言|强调|回复|回应|直言|提到)"
)


@cache
def _cues() -> tuple[str, ...]:
    return words("person_cues")


def _surname_length(text: str, pos: int) -> int:
    """Length of the surname starting at `pos` (compound first), or 0."""
    surnames = wordset("surnames")
    if text[pos : pos + 2] in surnames:
        return 2
    return 1 if text[pos : pos + 1] in surnames else 0


def _boundary(text: str, pos: int) -> bool:
    """True when a name may end at `pos`: end of text, a non-Chinese character, or a cue word."""
    if pos >= len(text) or not _CJK.match(text[pos]):
        return True
    return text.startswith(_cues(), pos)


def name_at(text: str, pos: int) -> int:
    """End offset of a plausible personal name starting at `pos`, or 0 if there is none."""
    sur = _surname_length(text, pos)
    if not sur:
        return 0
    ends = [pos + sur + given for given in (2, 1) if _plausible(text, pos, pos + sur + given)]
    if len(ends) == 2 and text[ends[1]] in _cues():
        return ends[1]  # 张伟也表示: a one-character cue word ends the name before it
    return ends[0] if ends else 0


def _plausible(text: str, start: int, end: int) -> bool:
    candidate = text[start:end]
    if end > len(text) or not all(_CJK.match(c) for c in candidate):
        return False
    if candidate in wordset("positions") or any(t in candidate for t in ("公司", "集团")):
        return False
    return _boundary(text, end)


def _is_common_word(word: str) -> bool:
    tag = word_tags().get(word)
    return tag is not None and not tag.startswith("nr")


# jieba tags of words that open a clause rather than a name: conjunctions, adverbs, pronouns (但, 都, 他).
_CLAUSE_TAGS = ("c", "d", "r")


def _against_words(doc: Doc, start: int, end: int) -> bool:
    """True when text[start:end] cuts a word (武侠|小说, 银行|辩称) or opens with a conjunction, adverb or
    pronoun the segmenter keeps apart (但|人们, 都|是): not a name, however its first character reads."""
    inside = doc.tokens_in((start, end))
    if any(a < start < b or a < end < b for _, a, b in inside):
        return True
    first = next(((w, a, b) for w, a, b in inside if a == start), None)
    if first is None or first[2] == end:
        return False
    return word_tags().get(first[0], "").startswith(_CLAUSE_TAGS)


@extractor("persons", stage="mentions", order=40)
def persons(doc: Doc) -> None:
    """Names right after a title or before a speech verb are Person mentions; then every repeat of them."""
    text = doc.text
    found: set[str] = set()
    for m in list(doc.candidates):
        if m.type != "Position":
            continue
        end = name_at(text, m.end)
        if end and not _is_common_word(text[m.end : end]):
            found.add(text[m.end : end])
    title_ends = {m.end for m in doc.candidates if m.type == "Position"}
    for verb in _SPEECH_AFTER_NAME.finditer(text):
        end = verb.start()
        for start in (end - 3, end - 2, end - 4):
            if start < 0 or name_at(text, start) != end or _is_common_word(text[start:end]):
                continue
            if _against_words(doc, start, end):
                continue
            if (
                start == 0
                or not _CJK.match(text[start - 1])
                or start in title_ends
                or text[start - 1] in "据和与及"
            ):
                found.add(text[start:end])
                break
    if not found:
        return
    taken = [(m.start, m.end) for m in doc.candidates if m.type in ("Position", "Company")]
    for start, end, _ in Matcher((n, None) for n in sorted(found)).longest(text):
        if not any(s < end and start < e for s, e in taken):
            doc.add(start, end, "Person", "persons", 0.85)

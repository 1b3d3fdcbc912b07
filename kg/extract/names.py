"""Organisation names found by their ending (XX股份, XX集团, XX银行, XX有限公司, XX公证处, XX人民政府)."""

from __future__ import annotations

import re
from functools import cache

from kg.extract import extractor
from kg.extract.doc import Doc
from kg.extract.lexicon import BARE_ENDING, Matcher, generic_kind, words, wordset
from kg.text.segment import word_tags

_WORDLIKE = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9（）()]+$")
ENDING_TYPES = {
    "company_suffixes": "Company",
    "org_suffixes": "Organization",
    "gov_suffixes": "GovernmentBody",
}
MAX_PREFIX = 12
# jieba dictionary tags of words that cannot be inside a name: verbs, prepositions, conjunctions,
# particles, adverbs, pronouns, numerals, measure words, time and direction words.
_STOP_TAGS = ("v", "p", "c", "u", "d", "r", "m", "q", "t", "f", "y", "e", "o")
_NAME_PARTS = ("company_suffixes", "name_endings")


@cache
def _endings() -> Matcher:
    return Matcher((w, t) for name, t in ENDING_TYPES.items() for w in words(name))


@extractor("names", stage="mentions", order=50)
def names(doc: Doc) -> None:
    """A name ending followed by nothing name-like is grown leftwards over the words before it."""
    text = doc.text
    token_end = {end: (word, start) for word, start, end in doc.tokens}
    token_start = {}
    for _, start, end in doc.tokens:
        for i in range(start + 1, end):
            token_start[i] = start
    stop = wordset("name_stopwords")
    for start, end, type_ in _endings().longest(text):
        if end < len(text) and text[end] in "会局处部厅":
            continue
        begin = token_start.get(start, start)
        while begin in token_end:
            word, word_start = token_end[begin]
            if word in stop or not _WORDLIKE.match(word) or start - word_start > MAX_PREFIX:
                break
            if word_tags().get(word, "n").startswith(_STOP_TAGS) and not _is_name_part(word):
                break
            begin = word_start
        if (
            start - begin >= 2
            and not generic_kind(text[begin:end])
            and not generic_kind(text[begin:start])  # 上市公司股份: shares, not a company
            and not holds_kind(doc, begin, start, end)  # 仍为上市公司控股, 国内上市公司
            and has_proper_word(doc, begin, end)
        ):
            confidence = 0.6 if type_ == "Company" else 0.55
            doc.add(begin, end, type_, "names", confidence)


# jieba tags of words that can make a name proper: people, places, organisations, other proper nouns,
# abbreviations, foreign words. A name made of common nouns only (金融公司, 寿险公司) is a kind, not a name.
_PROPER_TAGS = ("nr", "ns", "nt", "nz", "j", "eng", "x")


def holds_kind(doc: Doc, begin: int, ending: int, end: int) -> bool:
    """True when a word of text[begin:end] that starts before the name's ending is a kind of organisation
    of three characters or more (上市公司): a name is not built around one."""
    return any(
        len(word) > BARE_ENDING and generic_kind(word)
        for word, start, stop in doc.tokens_in((begin, end))
        if begin <= start < ending and stop <= end
    )


def has_proper_word(doc: Doc, begin: int, end: int) -> bool:
    """True when some word of text[begin:end] is a proper noun or unknown to jieba's dictionary."""
    tags = word_tags()
    for word, start, stop in doc.tokens:
        if start >= begin and stop <= end and not _is_name_part(word):
            tag = tags.get(word)
            if tag is None or tag.startswith(_PROPER_TAGS):
                return True
        elif start < end and stop > begin and tags.get(word, "nt").startswith(_PROPER_TAGS[:4]):
            return True  # a proper word that the name ending cuts into (招商银行)
    return False


def _is_name_part(word: str) -> bool:
    return any(word in wordset(name) for name in _NAME_PARTS)

"""Organisation names found by their ending (XX股份, XX集团, XX银行, XX有限公司, XX公证处, XX人民政府)."""

from __future__ import annotations

import re
from functools import cache

from kg.extract import extractor
from kg.extract.doc import Doc
from kg.extract.lexicon import Matcher, words, wordset

_WORDLIKE = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9（）()]+$")
ENDING_TYPES = {
    "company_suffixes": "Company",
    "org_suffixes": "Organization",
    "gov_suffixes": "GovernmentBody",
}
MAX_PREFIX = 12


@cache
def _endings() -> Matcher:
    return Matcher((w, t) for name, t in ENDING_TYPES.items() for w in words(name))


@extractor("names", stage="mentions", order=50)
def names(doc: Doc) -> None:
    """A name ending followed by nothing name-like is grown leftwards over the words before it."""
    text = doc.text
    token_end = {end: (word, start) for word, start, end in doc.tokens}
    stop = wordset("name_stopwords")
    for start, end, type_ in _endings().longest(text):
        if end < len(text) and text[end] in "会局处部厅":
            continue
        begin = start
        while begin in token_end:
            word, word_start = token_end[begin]
            if word in stop or not _WORDLIKE.match(word) or start - word_start > MAX_PREFIX:
                break
            begin = word_start
        if start - begin >= 2:
            confidence = 0.6 if type_ == "Company" else 0.55
            doc.add(begin, end, type_, "names", confidence)

"""FinRE's training sentences as recogniser examples: the tagger's own reading, corrected by FinRE's names.

FinRE annotates only the two names of each pair, so a sentence's other names come from a tagger trained on
CLUENER alone; FinRE's names then replace what that tagger read over them. This teaches the recogniser the
short company names of financial news (横店东磁, 信达资产) that CLUENER's mixed domains rarely show. Only
the clauses from the first to the last FinRE name are kept: the farther from them, the more the tagger's
own misses would be taught as right.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from kg.learn.cluener import Example
from kg.learn.finre import Record

if TYPE_CHECKING:
    from kg.learn.ner import NerTagger

_CLAUSE_END = re.compile(r"[,，;；:：]")
COMPANY = "company"  # the CLUENER label of a FinRE name the tagger did not read exactly
PERSON = "name"


def finre_examples(tagger: NerTagger, records: Iterable[Record]) -> list[Example]:
    """One example per distinct FinRE sentence that names a pair the tagger can be taught."""
    names: dict[str, set[str]] = {}
    for rec in records:
        names.setdefault(rec.sentence, set()).update((rec.head, rec.tail))
    out = []
    for sentence, pair_names in names.items():
        example = _example(tagger, sentence, pair_names)
        if example is not None:
            out.append(example)
    return out


def _example(tagger: NerTagger, text: str, names: set[str]) -> Example | None:
    read = [(a, b, label) for a, b, label, _ in tagger.predict_labels(text)]
    exact = {(a, b): label for a, b, label in read}
    taken = bytearray(len(text))
    gold: list[tuple[int, int, str]] = []
    for name in sorted(names, key=lambda n: (-len(n), n)):
        if len(name) < 2:
            continue
        for m in re.finditer(re.escape(name), text):
            a, b = m.span()
            if any(taken[a:b]) or _kept_reading(read, a, b):
                continue
            taken[a:b] = b"\x01" * (b - a)
            gold.append((a, b, exact.get((a, b), COMPANY)))
    if not gold:
        return None
    start, end = _clauses(text, min(a for a, _, _ in gold), max(b for _, b, _ in gold))
    rest = [s for s in read if not any(taken[s[0] : s[1]]) and start <= s[0] and s[1] <= end]
    return Example(text[start:end], tuple(sorted((a - start, b - start, t) for a, b, t in gold + rest)))


def _clauses(text: str, first: int, last: int) -> tuple[int, int]:
    """The span of the clauses of `text` that hold offsets first to last - 1 (clauses end after , ; :)."""
    breaks = [m.end() for m in _CLAUSE_END.finditer(text)]
    start = max((b for b in breaks if b <= first), default=0)
    end = min((b for b in breaks if b >= last), default=len(text))
    return start, end


def _kept_reading(read: list[tuple[int, int, str]], a: int, b: int) -> bool:
    """True where the tagger's reading is kept over FinRE's name at [a, b): a person's name overlapping
    it (FinRE's pairs are mostly companies), or a longer name opening with it (FinRE often writes 中石化
    for the 中石化集团 of the sentence, which CLUENER labels whole)."""
    return any(
        (label == PERSON and x < b and a < y and (x, y) != (a, b)) or (x == a and y > b and label != PERSON)
        for x, y, label in read
    )

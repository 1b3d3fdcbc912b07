"""Lexicons (data files under kg/data/lexicons) and a fast multi-pattern matcher over them."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources

import ahocorasick


@cache
def words(name: str) -> tuple[str, ...]:
    """The entries of lexicon `name` (kg/data/lexicons/NAME.txt), longest first, in file order otherwise."""
    text = resources.files("kg.data.lexicons").joinpath(f"{name}.txt").read_text(encoding="utf-8")
    entries = [line.strip() for line in text.splitlines()]
    unique = dict.fromkeys(e for e in entries if e and not e.startswith("#"))
    return tuple(sorted(unique, key=len, reverse=True))


@cache
def wordset(name: str) -> frozenset[str]:
    """The entries of lexicon `name` as a set."""
    return frozenset(words(name))


BARE_ENDING = 2  # 银行, 集团, 公司: the length of an ending that a place before it makes a name


@cache
def generic_kind(name: str) -> bool:
    """True for a kind of organisation rather than a name (上市公司), also after a place (贵州省上市公司);
    a place before a bare ending is a name (北京银行, 大同集团)."""
    kinds = wordset("generic_orgs")
    if name in kinds:
        return True
    for place in words("locations"):
        if name.startswith(place):
            rest = name[len(place) :]
            return rest in kinds and len(rest) > BARE_ENDING
    return False


class Matcher:
    """Finds every occurrence of a set of strings in a text (Aho-Corasick), each with its payload."""

    def __init__(self, entries: Iterable[tuple[str, object]]) -> None:
        self._automaton = ahocorasick.Automaton()
        count = 0
        for key, payload in entries:
            if key:
                self._automaton.add_word(key, (key, payload))
                count += 1
        self._empty = count == 0
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[tuple[int, int, object]]:
        """All (start, end, payload) matches, overlapping ones included, sorted by start then longest."""
        if self._empty or not text:
            return []
        found = [(end + 1 - len(key), end + 1, payload) for end, (key, payload) in self._automaton.iter(text)]
        found.sort(key=lambda m: (m[0], -m[1]))
        return found

    def longest(self, text: str) -> list[tuple[int, int, object]]:
        """Non-overlapping matches, leftmost-longest first."""
        out: list[tuple[int, int, object]] = []
        last_end = -1
        for start, end, payload in self.find(text):
            if start >= last_end:
                out.append((start, end, payload))
                last_end = end
        return out


@cache
def matcher(*names: str) -> Matcher:
    """A matcher over one or more lexicons; the payload is the lexicon name."""
    return Matcher((w, name) for name in names for w in words(name))

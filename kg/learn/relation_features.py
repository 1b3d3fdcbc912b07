"""Features of an entity pair in a sentence for the relation classifier: words, characters, cues, names."""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from kg.extract.lexicon import Matcher
from kg.schema import predicates

Span = tuple[int, int]
Token = tuple[str, int, int]

CONTEXT_TOKENS = 4  # words taken before the first and after the second entity
CONTEXT_CHARS = 10  # characters searched for cues before the first and after the second entity
PLANNED_REACH = 6  # characters before an acquisition cue searched for a "planned" marker

_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*")


@dataclass(frozen=True)
class Cue:
    """A cue word of the lexicon; `parts` holds the pieces of a gapped cue such as 持有…股份."""

    text: str
    group: str
    parts: tuple[str, ...]


@cache
def cues() -> tuple[Cue, ...]:
    """The cue lexicon of kg/data/relation_cues.tsv."""
    text = resources.files("kg.data").joinpath("relation_cues.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return tuple(Cue(cue, group, tuple(cue.split("…"))) for cue, group in rows)


@cache
def _gapped_pattern(parts: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(".*?".join(map(re.escape, parts)))


def normalize(text: str) -> str:
    """Text as features see it: full-width forms folded (NFKC), lower case, every number written 0."""
    return _NUMBER.sub("0", unicodedata.normalize("NFKC", text).lower())


def tokenize(text: str, span: Span) -> list[Token]:
    """jieba words of text[span] with offsets into `text`."""
    import jieba  # loaded only when the caller brings no tokens; loading costs about half a second

    tokens, pos = [], span[0]
    for word in jieba.cut(text[span[0] : span[1]]):
        tokens.append((word, pos, pos + len(word)))
        pos += len(word)
    return tokens


@cache
def _plain_cues() -> Matcher:
    """A matcher of the ungapped cues; the payload of a cue text is its places in the lexicon."""
    plain: dict[str, list[int]] = {}
    for i, c in enumerate(cues()):
        if len(c.parts) == 1:
            plain.setdefault(c.text, []).append(i)
    return Matcher(plain.items())


@cache
def _gapped_cues() -> tuple[int, ...]:
    return tuple(i for i, c in enumerate(cues()) if len(c.parts) > 1)


@cache
def _passive_cues() -> frozenset[str]:
    return frozenset(c.text for c in cues() if c.group == "passive")


def cues_in(text: str) -> list[Cue]:
    """The cues of the lexicon that occur in `text`, in lexicon order (a gapped cue: its pieces in order)."""
    found = {i for _, _, places in _plain_cues().find(text) for i in places}
    lexicon = cues()
    for i in _gapped_cues():
        parts = lexicon[i].parts
        if parts[0] in text and _gapped_pattern(parts).search(text) is not None:
            found.add(i)
    return [lexicon[i] for i in sorted(found)]


def states_relation(text: str, sentence: Span, first: Span, second: Span) -> bool:
    """True when a cue of some predicate occurs between the two spans or near them in text[sentence]."""
    s0, s1 = sentence
    window = normalize(text[max(s0, first[0] - CONTEXT_CHARS) : min(s1, second[1] + CONTEXT_CHARS)])
    return any(cue.group in predicates() for cue in cues_in(window))


def is_planned(text: str, first: Span, second: Span) -> bool:
    """True when an acquisition between the two spans is announced as planned (拟收购, 计划收购...)."""
    context = normalize(text[max(0, first[0] - CONTEXT_CHARS) : second[1] + CONTEXT_CHARS])
    planned = [c.text for c in cues() if c.group == "planned"]
    for cue in cues():
        if cue.group != "acquires" or len(cue.parts) != 1:
            continue
        at = context.find(cue.text)
        while at >= 0:
            if any(p in context[max(0, at - PLANNED_REACH) : at] for p in planned):
                return True
            at = context.find(cue.text, at + 1)
    return False


def sentence_words(tokens: Sequence[Token], sentence: Span) -> list[Token]:
    """The words of `tokens` that reach into text[sentence], normalized, blanks left out."""
    s0, s1 = sentence
    return [(normalize(w), st, en) for w, st, en in tokens if en >= s0 and st < s1 and w.strip()]


def pair_features(
    text: str,
    sentence: Span,
    first: Span,
    second: Span,
    tokens: Sequence[Token],
    words: Sequence[Token] | None = None,
) -> list[str]:
    """Feature names of the pair (first, second) in text[sentence]; `first` starts no later than `second`.

    `words`, when given, is sentence_words(tokens, sentence), computed once for all pairs of a sentence.
    """
    s0, s1 = sentence
    a_name, b_name = normalize(text[first[0] : first[1]]), normalize(text[second[0] : second[1]])
    mid_span = (first[1], max(first[1], second[0]))
    left = normalize(text[max(s0, first[0] - CONTEXT_CHARS) : first[0]])
    mid = normalize(text[mid_span[0] : mid_span[1]])
    right = normalize(text[second[1] : min(s1, second[1] + CONTEXT_CHARS)])
    feats = [f"MID={mid}" if len(mid) <= 4 else "MID=long", f"DIST={_bin(len(mid), (0, 1, 2, 4, 8, 16, 32))}"]
    if first[1] > second[0]:
        feats.append("OVERLAP")

    if words is None:
        words = sentence_words(tokens, sentence)
    before = [w for w, _, en in words if s0 <= en <= first[0]][-CONTEXT_TOKENS:]
    between = [w for w, st, en in words if st >= mid_span[0] and en <= mid_span[1]]
    after = [w for w, st, _ in words if second[1] <= st and st < s1][:CONTEXT_TOKENS]
    feats += [f"L:{w}" for w in before] + [f"M:{w}" for w in between] + [f"R:{w}" for w in after]
    feats += [f"S:{w}" for w, st, en in words if s0 <= st and en <= s1 and _outside(st, en, first, second)]
    feats.append(f"L1:{before[-1]}" if before else "L1:^")
    feats.append(f"R1:{after[0]}" if after else "R1:$")
    if between:
        feats += [f"M1:{between[0]}", f"M9:{between[-1]}"]
    feats.append(f"MWORDS={_bin(len(between), (0, 1, 2, 3, 5, 8, 13))}")

    feats += [f"MC:{mid[i : i + 2]}" for i in range(len(mid) - 1)]
    feats += [f"LC:{left[i : i + 2]}" for i in range(len(left) - 1)]
    feats += [f"RC:{right[i : i + 2]}" for i in range(len(right) - 1)]
    for mark, name in ((",", "COMMA"), ("、", "LIST"), ("(", "PAREN"), ("“", "QUOTE"), (";", "SEMI")):
        if mark in mid:
            feats.append(f"M_{name}")

    cue_feats, mid_groups = _cue_features({"L": left, "M": mid, "R": right}, set(between))
    feats += cue_feats
    names = _name_features(a_name, b_name)
    feats += names
    if "SIMILAR" in names:
        # similar names with a relation cue between them are rarely two names of one entity
        feats += [f"SIM+CG:{g}@M" for g in sorted(mid_groups)] or ["SIM+NOCUE@M"]
        feats.append(f"SIM+MID={mid}" if len(mid) <= 4 else "SIM+MID=long")
    if first[0] - s0 <= 1:
        feats.append("A_AT_START")
    if s1 - second[1] <= 1:
        feats.append("B_AT_END")
    return feats


def _outside(start: int, end: int, first: Span, second: Span) -> bool:
    return (end <= first[0] or start >= first[1]) and (end <= second[0] or start >= second[1])


def _cue_features(segments: dict[str, str], mid_words: set[str]) -> tuple[list[str], set[str]]:
    """Cue features of the segments L, M, R, and the cue groups found in M."""
    passive = not _passive_cues().isdisjoint(mid_words)
    feats = ["PASSIVE@M"] if passive else []
    mid_groups: set[str] = set()
    for where, segment in segments.items():
        groups = set()
        for cue in cues_in(segment):
            if cue.group != "passive":
                feats.append(f"CUE:{cue.text}@{where}")
                groups.add(cue.group)
        feats += [f"CG:{g}@{where}" for g in sorted(groups)]
        if passive and where != "L":
            feats += [f"PASSIVE+CG:{g}@{where}" for g in sorted(groups)]
        if where == "M":
            mid_groups = groups
    return feats, mid_groups


def _name_features(a: str, b: str) -> list[str]:
    short, long_ = sorted((a, b), key=len)
    feats = [f"AEND:{a[-1:]}", f"BEND:{b[-1:]}", f"AEND2:{a[-2:]}", f"BEND2:{b[-2:]}"]
    feats += [f"ALEN={_bin(len(a), (1, 2, 3, 4, 6, 9))}", f"BLEN={_bin(len(b), (1, 2, 3, 4, 6, 9))}"]
    prefix = _common_prefix(a, b)
    if short and short in long_:
        feats += ["CONTAINS" if long_.startswith(short) else "CONTAINS_INNER", "SIMILAR"]
    elif short and _is_subsequence(short, long_):
        feats += ["ABBREVIATION", "SIMILAR"]
    elif len(prefix) >= 2:
        feats.append("SIMILAR")
    shared = len(set(a) & set(b)) / max(1, len(set(short)))
    feats.append(f"SHARED={_bin(round(shared * 10), (0, 1, 3, 5, 7, 9, 10))}")
    feats.append(f"PREFIX={_bin(len(prefix), (0, 1, 2, 3, 4))}")
    return feats


def _is_subsequence(short: str, long_: str) -> bool:
    it = iter(long_)
    return all(ch in it for ch in short)


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def _bin(value: int, edges: Sequence[int]) -> str:
    """The smallest edge >= value, or '>' the largest."""
    for edge in edges:
        if value <= edge:
            return str(edge)
    return f">{edges[-1]}"


def hash_features(features: Sequence[str], bits: int, distinct: bool = True) -> np.ndarray:
    """Hash ids in [0, 2**bits) of feature names (CRC-32, stable across runs and machines): sorted and
    distinct, or with `distinct` False one per name in order."""
    mask = (1 << bits) - 1
    hashed = np.fromiter((zlib.crc32(f.encode()) & mask for f in features), np.int64, len(features))
    return np.unique(hashed) if distinct else hashed

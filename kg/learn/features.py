"""Per-character features of a text for the entity tagger: characters, jieba tokens, POS and lexicons."""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain, repeat
from pathlib import Path

import ahocorasick
import numpy as np

Token = tuple[str, int, int]  # word, start, end (exclusive), as jieba.tokenize yields them


def _fold_table() -> dict[int, str]:
    """Full-width ASCII to ASCII, latin to lower case, every decimal digit to 0, white space to _."""
    table: dict[int, str] = {}
    for code in range(0xFF01, 0xFF5F):
        table[code] = chr(code - 0xFEE0).lower()
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code).lower()
    for code in range(0x10000):
        ch = chr(code)
        if ch.isdecimal():
            table[code] = "0"
        elif ch.isspace():
            table[code] = "_"
    table[0x3000] = "_"
    return table


_FOLD = _fold_table()
_CN_NUMERALS = set("零〇一二三四五六七八九十百千万亿两")


class _ClassCache(dict):
    """Character -> class: D digit, L latin, N Chinese numeral, H han, P punctuation/symbol, S space, O."""

    def __missing__(self, ch: str) -> str:
        if ch == "0":
            cls = "D"
        elif ch == "_":
            cls = "S"
        elif ch in _CN_NUMERALS:
            cls = "N"
        elif "a" <= ch <= "z":
            cls = "L"
        elif "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\U00020000" <= ch <= "\U0002ffff":
            cls = "H"
        elif unicodedata.category(ch)[0] in "PS":
            cls = "P"
        elif ch.isalpha():
            cls = "L"
        else:
            cls = "O"
        self[ch] = cls
        return cls


_CLASSES = _ClassCache()


def fold(text: str) -> str:
    """The text as the features see it: same length, case and width folded, digits as 0."""
    return text.translate(_FOLD)


def char_classes(folded: str) -> list[str]:
    """The class letter of every character of a folded text."""
    return [_CLASSES[ch] for ch in folded]


class Lexicon:
    """Named sets of strings found in a text at once; each hit tags its characters B/I/E (or S)."""

    def __init__(self, entries: dict[str, Iterable[str]]) -> None:
        self.entries = {
            name: sorted({fold(s) for s in strings if s}) for name, strings in sorted(entries.items())
        }
        owners: dict[str, list[str]] = {}
        for name, strings in self.entries.items():
            for s in strings:
                owners.setdefault(s, []).append(name)
        # one-character strings are looked up per character, not searched for
        self._single = {s: tuple(f"{n}:S" for n in names) for s, names in owners.items() if len(s) == 1}
        longer = {s: names for s, names in owners.items() if len(s) > 1}
        self._automaton = ahocorasick.Automaton() if longer else None
        for s, names in sorted(longer.items()):
            begin, inside, end = ([f"{n}:{t}" for n in names] for t in "BIE")
            self._automaton.add_word(s, (len(s), begin, inside, end, "+".join(names)))
        if self._automaton is not None:
            self._automaton.make_automaton()

    def tags(self, folded: str) -> list[tuple[str, ...]]:
        """Per character, the sorted tags (lexicon:B/I/E/S) of every lexicon string found over it."""
        hits: list[set[str] | None] = [None] * len(folded)
        if self._automaton is not None and folded:
            for last, (length, begin, inside, end, _) in self._automaton.iter(folded):
                first = last - length + 1
                _add(hits, first, begin)
                _add(hits, last, end)
                for i in range(first + 1, last):
                    _add(hits, i, inside)
        out = list(map(self._single.get, folded, repeat(())))
        for i, h in enumerate(hits):
            if h:
                out[i] = tuple(sorted(h.union(out[i])))
        return out

    def longest(self, folded: str) -> list[str]:
        """Per character, B/I/E + the lexicon names of the leftmost-longest hit of 2+ characters over it."""
        out = [""] * len(folded)
        if self._automaton is None:
            return out
        best: dict[int, tuple[int, str]] = {}
        for last, value in self._automaton.iter(folded):
            length, names = value[0], value[4]
            first = last - length + 1
            if length > 1 and length > best.get(first, (0, ""))[0]:
                best[first] = (length, names)
        i, n = 0, len(folded)
        while i < n:
            length, names = best.get(i, (0, ""))
            if not length:
                i += 1
                continue
            out[i] = "B" + names
            out[i + length - 1] = "E" + names
            for k in range(i + 1, i + length - 1):
                out[k] = "I" + names
            i += length
        return out

    def save(self, path: Path) -> None:
        """Write the lexicon as sorted `name<TAB>string` lines."""
        from kg.io import atomic_write

        lines = [f"{name}\t{s}\n" for name, strings in self.entries.items() for s in strings]
        atomic_write(path, "".join(lines))

    @classmethod
    def load(cls, path: Path) -> Lexicon:
        """Read a lexicon written by save()."""
        entries: dict[str, list[str]] = {}
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            name, _, s = line.partition("\t")
            if s:
                entries.setdefault(name, []).append(s)
        return cls(entries)


def _add(hits: list[set[str] | None], i: int, tags: list[str]) -> None:
    if hits[i] is None:
        hits[i] = set(tags)
    else:
        hits[i].update(tags)


def read_word_list(path: Path) -> list[str]:
    """Entries of a one-per-line word list; blank lines and # comments are skipped."""
    words = []
    for line in Path(path).read_text(encoding="utf-8-sig").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.append(word)
    return words


def project_lexicons(folder: Path) -> dict[str, list[str]]:
    """The project's word lists (kg/data/lexicons/*.txt) by file stem; empty when there are none."""
    if not folder.is_dir():
        return {}
    return {p.stem: read_word_list(p) for p in sorted(folder.glob("*.txt"))}


_POS_TABLE: dict[str, str] | None = None


def _pos_table() -> dict[str, str]:
    global _POS_TABLE
    if _POS_TABLE is None:
        import jieba.posseg

        _POS_TABLE = jieba.posseg.dt.word_tag_tab
    return _POS_TABLE


def token_pos(word: str, table: dict[str, str]) -> str:
    """A dictionary POS tag for a jieba token; words outside the dictionary get a class-based tag."""
    tag = table.get(word)
    if tag is not None:
        return tag
    cls = _CLASSES[fold(word[0])] if word else "O"
    if cls == "H":
        return "nw" if len(word) > 1 else "x"
    return {"D": "m", "N": "m", "L": "eng"}.get(cls, "x")


def tokenize(text: str) -> list[Token]:
    """jieba tokens (HMM on) of the text with their offsets."""
    import jieba

    return list(jieba.tokenize(text))


def tokens_within(tokens: Sequence[Token], starts: Sequence[int], start: int, end: int) -> list[Token]:
    """The tokens overlapping text[start:end], clipped to it and re-based to start at 0."""
    first = max(bisect_right(starts, start) - 1, 0)
    last = bisect_left(starts, end)
    out = []
    for word, a, b in tokens[first:last]:
        a2, b2 = max(a, start), min(b, end)
        if a2 < b2:
            out.append((word if (a2, b2) == (a, b) else word[a2 - a : b2 - a], a2 - start, b2 - start))
    return out


@dataclass(frozen=True)
class FeatureSet:
    """Which feature groups the tagger uses; the defaults are the shipped model's."""

    trigrams: bool = True
    pos: bool = False  # jieba dictionary POS: no gain on the held-out part (0.761 vs 0.762), slower
    token_window: bool = True
    lexicon_window: bool = True
    longest_match: bool = True


SHIPPED_FEATURES = FeatureSet()


_BMES: dict[int, list[str]] = {}


def _bmes(length: int) -> list[str]:
    """The B/M/E/S position letters of the characters of a token of `length` characters."""
    letters = _BMES.get(length)
    if letters is None:
        letters = _BMES[length] = ["S"] if length == 1 else ["B", *("M" * (length - 2)), "E"]
    return letters


# Each part of a text is laid out as two pad items, its characters, two pad items; window features
# read neighbours in this layout, so no feature crosses from one part into the next.
PAD = 2


def _select(seq: Sequence[str], bases: Sequence[tuple[int, int]], shift: int = 0) -> list[str]:
    """The items of the laid-out `seq` at each part's characters, moved by `shift`."""
    out: list[str] = []
    for base, n in bases:
        out += seq[base + shift : base + shift + n]
    return out


def _covering(tokens: Sequence[Token], n: int) -> list[tuple[int, int]]:
    """Token offsets that cover 0..n exactly: gaps become tokens, overlaps are cut."""
    out: list[tuple[int, int]] = []
    pos = 0
    for _, a, b in tokens:
        a = max(a, pos)
        if a >= b:
            continue
        if a > pos:
            out.append((pos, a))
        out.append((a, b))
        pos = b
    if pos < n:
        out.append((pos, n))
    return out


def _token_columns(
    text: str, folded: str, parts: Sequence[tuple[int, int]], tokens: Sequence[Token], feats: FeatureSet
) -> list[tuple[str, list[str]]]:
    """Template columns from the tokens, per character of the parts: position in token, token,
    neighbour tokens, POS."""
    starts = [a for _, a, _ in tokens]
    table = _pos_table() if feats.pos else {}
    lengths: list[int] = []
    forms: list[str] = []
    before: list[str] = []
    after: list[str] = []
    tags: list[str] = []
    tags_before: list[str] = []
    tags_after: list[str] = []
    for a, b in parts:
        spans = _covering(tokens_within(tokens, starts, a, b), b - a)
        here = [folded[a + x : a + y] for x, y in spans]
        forms += here
        lengths += [y - x for x, y in spans]
        before += ["^", *here[:-1]]
        after += [*here[1:], "$"]
        if feats.pos:
            pos = [token_pos(text[a + x : a + y], table) for x, y in spans]
            tags += pos
            tags_before += ["^", *pos[:-1]]
            tags_after += [*pos[1:], "$"]
    token_of = list(chain.from_iterable(repeat(k, m) for k, m in enumerate(lengths)))
    letters = list(chain.from_iterable(_bmes(m) for m in lengths))
    columns = [("t", letters), ("w", [x + forms[k] for x, k in zip(letters, token_of, strict=False)])]
    if feats.token_window:
        columns += [("w-", [before[k] for k in token_of]), ("w+", [after[k] for k in token_of])]
    if feats.pos:
        columns += [
            ("p", [x + tags[k] for x, k in zip(letters, token_of, strict=False)]),
            ("p-", [tags_before[k] for k in token_of]),
            ("p+", [tags_after[k] for k in token_of]),
        ]
    return columns


class _Prefixed(dict):
    """(template, lexicon tags) -> their feature names; characters share tags, so each set of tags is
    spelled out once."""

    def __missing__(self, key: tuple[str, tuple[str, ...]]) -> list[str]:
        template, tags = key
        value = [f"{template}|{t}" for t in tags]
        if len(self) < 100_000:
            self[key] = value
        return value


_LEXICON_FEATURES = _Prefixed()


def lexicon_feature_names(template: str, tags: tuple[str, ...]) -> list[str]:
    """The feature names (template|tag) of the lexicon tags a character reads through `template`."""
    return _LEXICON_FEATURES[template, tags]


# Lexicon templates: the tags over a character, over the character before it and over the one after it.
LEXICON_TEMPLATES = ("g", "g<", "g>")
_GRAM_BITS = 21  # a code point fits in 21 bits, so three fit in an int64


def ngram_keys(codes: np.ndarray, order: int) -> np.ndarray:
    """One int64 key per run of `order` consecutive code points of `codes`, by where the run starts."""
    n = max(len(codes) - order + 1, 0)
    keys = np.zeros(n, dtype=np.int64)
    for j in range(order):
        keys = (keys << _GRAM_BITS) | codes[j : j + n]
    return keys


def code_points(text: str) -> np.ndarray:
    """The code points of the characters of text (lone surrogates included) as int64."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4").astype(np.int64)


@dataclass
class CharFeatures:
    """The features of a run of characters, grouped so that a model can look them up in bulk."""

    positions: np.ndarray  # where each character sits in the padded layout
    layout: str  # the padded layout: every part's characters between two ^ and two $
    windows: list[tuple[str, int, tuple[int, ...]]]  # (prefix, n-gram order, shifts)
    columns: list[tuple[str, list[str]]]  # (template, value per character)
    lexicon: list[tuple[str, list[tuple[str, ...]]]]  # (template, per character the lexicon tags it reads)

    def grams(self, order: int) -> list[str]:
        """The runs of `order` layout characters, by where they start: window template prefix + k of the
        character at position p has the value grams(order)[p + k]."""
        lay = self.layout
        return [lay[i : i + order] for i in range(len(lay) - order + 1)]

    def names(self) -> list[list[str]]:
        """One list of feature names (template|value) per character; window template k is prefix + k."""
        positions = self.positions.tolist()
        columns = []
        for prefix, order, shifts in self.windows:
            grams = self.grams(order)
            columns += [(f"{prefix}{k}", [grams[p + k] for p in positions]) for k in shifts]
        columns += self.columns
        rows = [
            list(r)
            for r in zip(*([name + "|" + v for v in values] for name, values in columns), strict=False)
        ]
        for template, tags in self.lexicon:
            for row, here in zip(rows, tags, strict=False):
                row.extend(lexicon_feature_names(template, here))
        return rows


def feature_columns(
    text: str,
    parts: Sequence[tuple[int, int]],
    tokens: Sequence[Token] | None,
    lexicon: Lexicon,
    feats: FeatureSet = SHIPPED_FEATURES,
) -> CharFeatures:
    """The features of the characters of text[a:b] for each part (a, b), parts tagged independently.
    tokens: jieba tokens of the whole text, or None to segment it here."""
    folded = fold(text)
    if tokens is None:
        tokens = tokenize(text)
    cls: list[str] = []
    bases: list[tuple[int, int]] = []
    size = 0
    for a, b in parts:
        bases.append((size + PAD, b - a))
        size += b - a + 2 * PAD
        cls += ["^", "^", *char_classes(folded[a:b]), "$", "$"]
    layout = "".join(f"^^{folded[a:b]}$$" for a, b in parts)
    positions = np.concatenate([np.arange(base, base + m) for base, m in bases] or [np.zeros(0, np.int64)])
    windows = [("u", 1, (-2, -1, 0, 1, 2)), ("b", 2, (-2, -1, 0, 1))]
    if feats.trigrams:
        windows.append(("t", 3, (-1, -2, 0)))
    columns: list[tuple[str, list[str]]] = [
        ("b", [""] * len(positions)),
        ("k", _select([x + y + z for x, y, z in zip(cls, cls[1:], cls[2:], strict=False)], bases, -1)),
        *_token_columns(text, folded, parts, tokens, feats),
    ]

    # lexicon hits never cross parts: pads are line breaks, which folded text and entries lack
    joined = "".join(f"\n\n{folded[a:b]}\n\n" for a, b in parts)
    if feats.longest_match:
        columns.append(("L", _select(lexicon.longest(joined), bases)))
    hits = lexicon.tags(joined)
    shifts = (0, -1, 1) if feats.lexicon_window else (0,)
    tags = [
        (template, _select(hits, bases, k)) for template, k in zip(LEXICON_TEMPLATES, shifts, strict=False)
    ]
    return CharFeatures(positions, layout, windows, columns, tags)


def sentence_features(
    text: str, tokens: Sequence[Token] | None, lexicon: Lexicon, feats: FeatureSet = SHIPPED_FEATURES
) -> list[list[str]]:
    """One list of feature names (template|value) per character of `text`."""
    if not text:
        return []
    return feature_columns(text, [(0, len(text))], tokens, lexicon, feats).names()

"""The working state of extraction over one article: text, sentences, tokens, mentions, facts."""

from __future__ import annotations

from bisect import bisect_right
from functools import cached_property

from kg.extract.known import KnownNames
from kg.model import Article, Fact, Mention
from kg.text.placeholders import mask_placeholders
from kg.text.segment import Token, tokens
from kg.text.sentences import split_sentences


class Doc:
    """One article under extraction; extractors read it and add candidate mentions and facts."""

    def __init__(self, article: Article, known: KnownNames | None = None) -> None:
        self.article = article
        self.known = known
        # What extractors read; mentions quote the article itself (see surface()).
        self.text = mask_placeholders(article.text)
        self.sentences: list[tuple[int, int]] = split_sentences(self.text)
        self._sentence_starts = [s for s, _ in self.sentences]
        self.candidates: list[Mention] = []
        self.mentions: list[Mention] = []
        self.facts: list[Fact] = []
        self.aliases: dict[str, str] = {}  # short name -> the full name it abbreviates
        self.coref: dict[int, Mention] = {}  # id(anaphor mention) -> antecedent mention

    @cached_property
    def tokens(self) -> list[Token]:
        """jieba tokens of the whole text, computed once when first needed."""
        return tokens(self.text)

    @cached_property
    def _token_starts(self) -> list[int]:
        return [st for _, st, _ in self.tokens]

    def tokens_in(self, span: tuple[int, int]) -> list[Token]:
        """The tokens touching `span`: inside it, across its edges, or ending where it starts."""
        s, e = span
        i = bisect_right(self._token_starts, s) - 1  # the token holding s, or ending at s
        while i > 0 and self.tokens[i - 1][2] >= s:
            i -= 1
        return [t for t in self.tokens[max(i, 0) : bisect_right(self._token_starts, e - 1)] if t[2] >= s]

    def add(
        self,
        start: int,
        end: int,
        type_: str,
        extractor: str,
        confidence: float = 0.8,
        ticker: str | None = None,
    ) -> Mention | None:
        """Add a candidate mention of `type_` over text[start:end] (blank or empty spans are ignored), its
        brackets balanced."""
        start, end = balanced(self.text, start, end)
        if not 0 <= start < end <= len(self.text) or not self.text[start:end].strip():
            return None
        m = Mention(start, end, self.surface(start, end), type_, extractor, confidence, ticker)
        self.candidates.append(m)
        return m

    def surface(self, start: int, end: int) -> str:
        """The article's own text over [start, end), placeholders as written."""
        return self.article.text[start:end]

    def sentence_at(self, pos: int) -> tuple[int, int]:
        """The sentence holding offset `pos` (or the nearest one before it)."""
        i = bisect_right(self._sentence_starts, pos) - 1
        return self.sentences[max(i, 0)] if self.sentences else (0, len(self.text))

    def sentence_index(self, pos: int) -> int:
        """Index in self.sentences of the sentence holding `pos`."""
        return max(bisect_right(self._sentence_starts, pos) - 1, 0)

    def mentions_in(self, span: tuple[int, int]) -> list[Mention]:
        """Final mentions inside `span`, in text order."""
        s, e = span
        return [m for m in self.mentions if m.start >= s and m.end <= e]


_OPEN, _CLOSE = "(（", ")）"


def balanced(text: str, start: int, end: int) -> tuple[int, int]:
    """The span with its brackets balanced: after an unclosed opening bracket (点心(北京风灵创景科技有限公司),
    empty where a bracket closes that the span did not open (香港）有限公司 is the end of a longer name)."""
    depth, opened = 0, start
    for i in range(start, end):
        if text[i] in _OPEN:
            depth += 1
            if depth == 1:
                opened = i
        elif text[i] in _CLOSE:
            if depth == 0:
                return start, start
            depth -= 1
    return (opened + 1, end) if depth else (start, end)

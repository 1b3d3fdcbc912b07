"""Names known to a whole build: companies marked up with tickers anywhere are recognised everywhere."""

from __future__ import annotations

from collections.abc import Iterable

from kg.extract.lexicon import Matcher
from kg.model import Article


class KnownNames:
    """A table of company names and their tickers, learnt from the publisher's markup."""

    def __init__(self) -> None:
        self._tickers: dict[str, str] = {}  # name -> ticker
        self._names: dict[str, set[str]] = {}  # ticker -> names
        self._matcher: Matcher | None = None

    def add(self, name: str, ticker: str) -> None:
        """Record that `name` denotes the listed company `ticker`."""
        name = name.strip()
        if len(name) < 2 or self._tickers.get(name) == ticker:
            return
        self._tickers.setdefault(name, ticker)
        self._names.setdefault(ticker, set()).add(name)
        self._matcher = None

    def learn(self, articles: Iterable[Article]) -> KnownNames:
        """Add every anchored company name of `articles`."""
        for article in articles:
            for anchor in article.anchors:
                self.add(article.text[anchor.start : anchor.end], anchor.ticker)
        return self

    def ticker(self, name: str) -> str | None:
        """The ticker known for `name`, if any."""
        return self._tickers.get(name)

    def canonical(self, ticker: str) -> str | None:
        """The canonical name of a ticker: its longest known name (ties: the smallest)."""
        names = self._names.get(ticker)
        return min(names, key=lambda n: (-len(n), n)) if names else None

    def matcher(self) -> Matcher:
        """A matcher over all known names; payload (type, ticker)."""
        if self._matcher is None:
            self._matcher = Matcher((n, ("Company", t)) for n, t in sorted(self._tickers.items()))
        return self._matcher

    def __len__(self) -> int:
        return len(self._tickers)

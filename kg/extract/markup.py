"""Companies marked up by the publisher (Eastmoney stock links) become Company mentions with tickers."""

from __future__ import annotations

from kg.extract import extractor
from kg.extract.doc import Doc


@extractor("markup", stage="mentions", order=10)
def markup(doc: Doc) -> None:
    """Each stock anchor in the article is an exact Company mention."""
    for anchor in doc.article.anchors:
        doc.add(anchor.start, anchor.end, "Company", "markup", 1.0, ticker=anchor.ticker)

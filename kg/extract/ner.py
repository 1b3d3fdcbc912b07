"""Mentions from the statistical entity recogniser shipped in kg/models (skipped when it is absent)."""

from __future__ import annotations

from kg.extract import extractor
from kg.extract.doc import Doc


@extractor("ner", stage="mentions", order=70)
def ner(doc: Doc) -> None:
    """Every span the trained recogniser tags becomes a candidate with the model's confidence."""
    from kg.learn import ner as model

    tagger = model.load()
    if tagger is None:
        return
    for span in tagger.predict(doc.text, doc.tokens):
        doc.add(span.start, span.end, span.type, "ner", span.confidence)

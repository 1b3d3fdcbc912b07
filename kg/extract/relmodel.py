"""Relations from the statistical classifier shipped in kg/models, for pairs no pattern has decided."""

from __future__ import annotations

from itertools import combinations

from kg.extract import extractor
from kg.extract.doc import Doc
from kg.model import Fact

# The classifier learnt relations between organisations (FinRE); other pairs are left to the patterns.
PAIR_TYPES = frozenset({"Company", "Organization", "GovernmentBody"})
MAX_MENTIONS = 12  # per sentence; beyond that the pairs are too many to be worth classifying


@extractor("relmodel", stage="relations", order=20)
def relation_model(doc: Doc) -> None:
    """Classify each pair of organisation-like mentions in a sentence that the rules left undecided."""
    from kg.learn import relations as model

    classifier = model.load()
    if classifier is None:
        return
    decided = {frozenset((id(f.subject), id(f.object))) for f in doc.facts}
    for span in doc.sentences:
        mentions = [m for m in doc.mentions_in(span) if m.type in PAIR_TYPES][:MAX_MENTIONS]
        pairs = [
            (a, b)
            for a, b in combinations(mentions, 2)
            if frozenset((id(a), id(b))) not in decided and a.text != b.text
        ]
        if not pairs:
            continue
        tokens = doc.tokens_in(span)
        inputs = [
            (doc.text, span, (a.start, a.end, a.type), (b.start, b.end, b.type), tokens) for a, b in pairs
        ]
        for (a, b), pred in zip(pairs, classifier.predict_many(inputs), strict=True):
            if pred is None:
                continue
            subj, obj = (a, b) if pred.forward else (b, a)
            doc.facts.append(
                Fact(pred.predicate, subj, obj, span, "relmodel", pred.confidence, dict(pred.qualifiers))
            )

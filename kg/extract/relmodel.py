"""Relations from the statistical classifier shipped in kg/models, for pairs no pattern has decided."""

from __future__ import annotations

import re
from functools import cache
from itertools import combinations

from kg.data import tsv_rows
from kg.extract import extractor
from kg.extract.doc import Doc
from kg.learn.relation_features import Span
from kg.model import Fact, Mention

# The classifier learnt relations between organisations (FinRE); other pairs are left to the patterns.
PAIR_TYPES = frozenset({"Company", "Organization", "GovernmentBody"})
MAX_MENTIONS = 12  # per sentence; beyond that the pairs are too many to be worth classifying
# A pair with no cue of any predicate near it needs at least even odds: FinRE, whose sentences were chosen
# for a relation, teaches the model to read one into enumerations (苹果、华为、三星… as competitors), which
# real articles are full of. On FinRE valid: micro-F1 0.463 -> 0.452 (precision 0.64 -> 0.67), same_as
# 0.708 -> 0.718; on the 125 cfn_figshare articles it drops 214 of 1,100 facts (competes_with 206 -> 96),
# of which 2 in a sample of 30 read by hand were right.
UNCUED_MIN_CONFIDENCE = 0.5
# Below this the classifier is rarely right, cue or not: on FinRE valid the facts it drops were 4 right and
# 12 wrong (micro-F1 0.465 -> 0.464, precision 0.67 -> 0.71); on the 125 cfn_figshare articles it drops
# 111 of 878 classifier facts, of which 2 in a sample of 25 read by hand were right.
MIN_CONFIDENCE = 0.3
# A newspaper followed by its reporter (证券时报·e公司记者, 《证券日报》记者) reports facts, it is in none.
_REPORTER = re.compile(r"[》”]?(?:·\S{1,8}?)?记者")
_LATIN = re.compile(r"[A-Za-z]")


@cache
def _type_limits() -> frozenset[tuple[str, str, str]]:
    """(predicate, side, type) rows of kg/data/rules/type_limits.tsv, either side written as both."""
    rows = set()
    for predicate, side, type_ in tsv_rows("kg.data.rules", "type_limits.tsv"):
        sides = ("subject", "object") if side == "either" else (side,)
        rows.update((predicate, s, type_) for s in sides)
    return frozenset(rows)


def _types_allowed(predicate: str, subject: Mention, obj: Mention) -> bool:
    """Whether the entity types of subject and object can stand in `predicate` (type_limits.tsv)."""
    return not {(predicate, "subject", subject.type), (predicate, "object", obj.type)} & _type_limits()


def _may_be_one_name(a: Mention, b: Mention) -> bool:
    """Whether two mentions can be two names of one entity: neither is an anaphor (公司 and the name it
    stands for are one name read twice), and their short forms share a character or one is written in
    Latin letters (GSK / 葛兰素史克). 96% of FinRE's training 自己 pairs share a character; 宇瞳光学公司 and
    华为公司 do not."""
    from kg.extract.aliases import short_form

    if "coref" in (a.extractor, b.extractor):
        return False
    return bool(set(short_form(a.text)) & set(short_form(b.text))) or any(
        _LATIN.search(m.text) for m in (a, b)
    )


@extractor("relmodel", stage="relations", order=20)
def relation_model(doc: Doc) -> None:
    """Classify each pair of organisation-like mentions in a sentence that the rules left undecided."""
    from kg.learn import relations as model
    from kg.learn.relation_features import states_relation

    classifier = model.load()
    if classifier is None:
        return
    decided = {frozenset((id(f.subject), id(f.object))) for f in doc.facts}
    pairs: list[tuple[Span, Mention, Mention]] = []
    inputs = []
    for span in doc.sentences:
        mentions = [
            m for m in doc.mentions_in(span) if m.type in PAIR_TYPES and not _REPORTER.match(doc.text, m.end)
        ][:MAX_MENTIONS]
        here = [
            (a, b)
            for a, b in combinations(mentions, 2)
            if frozenset((id(a), id(b))) not in decided and a.text != b.text
        ]
        if here:
            tokens = doc.tokens_in(span)
            pairs += [(span, a, b) for a, b in here]
            inputs += [
                (doc.text, span, (a.start, a.end, a.type), (b.start, b.end, b.type), tokens) for a, b in here
            ]
    # one call for the whole article: the classifier's cost is mostly per call, not per pair
    for (span, a, b), pred in zip(pairs, classifier.predict_many(inputs), strict=True):
        if pred is None or pred.confidence < MIN_CONFIDENCE:
            continue
        if pred.predicate == "same_as" and not _may_be_one_name(a, b):
            continue
        first, second = sorted([(a.start, a.end), (b.start, b.end)])
        if pred.confidence < UNCUED_MIN_CONFIDENCE and not states_relation(doc.text, span, first, second):
            continue
        subj, obj = (a, b) if pred.forward else (b, a)
        if not _types_allowed(pred.predicate, subj, obj):
            # the model is surer of a relation than of its direction: 由国资委控股 is read either way
            if not _types_allowed(pred.predicate, obj, subj):
                continue
            subj, obj = obj, subj
        doc.facts.append(
            Fact(pred.predicate, subj, obj, span, "relmodel", pred.confidence, dict(pred.qualifiers))
        )

"""FinRE gold: `head<TAB>tail<TAB>label<TAB>sentence` records, labels mapped to contract predicates."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import PurePath

from kg.evaluate.gold import GOLD_FORMATS, Gold, GoldDoc, GoldFormat, read_lines
from kg.evaluate.predictions import PredDoc, Predictions
from kg.evaluate.report import FALSE_POSITIVE, MISS, NOT_SCORED, Finding, RunReport
from kg.evaluate.scoring import FactKey, fact_key, fact_table, fact_text
from kg.ingest.errors import InputError

PASSIVE = "被"
LABELS_FILE = "finre_labels.tsv"  # in kg/data


@dataclass(frozen=True)
class LabelRule:
    """What a FinRE label means: a predicate (None for none) read head->tail, or tail->head if reverse."""

    predicate: str | None
    reverse: bool = False
    qualifiers: tuple[tuple[str, str], ...] = ()


@cache
def label_rules() -> dict[str, LabelRule]:
    """The label mapping of kg/data/finre_labels.tsv, for scoring and for training alike."""
    text = resources.files("kg.data").joinpath(LABELS_FILE).read_text(encoding="utf-8")
    rules = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            label, predicate, direction, qualifiers = line.split("\t")
            quals = () if qualifiers == "-" else tuple(tuple(q.split("=", 1)) for q in qualifiers.split(","))
            rules[label] = LabelRule(None if predicate == "-" else predicate, direction == "reverse", quals)
    return rules


def rule_for(label: str) -> LabelRule | None:
    """The rule of `label`; an unlisted passive `被X` is X read in the other direction."""
    rules = label_rules()
    if label in rules:
        return rules[label]
    if label.startswith(PASSIVE) and label[1:] in rules:
        active = rules[label[1:]]
        return LabelRule(active.predicate, not active.reverse)
    return None


@dataclass
class Pair:
    """Two names annotated together in a sentence, with every label given and the facts they mean."""

    head: str
    tail: str
    labels: set[str] = field(default_factory=set)
    facts: set[FactKey] = field(default_factory=set)

    def describe(self) -> str:
        """The pair's gold labels and facts, for an error note."""
        labels = ", ".join(sorted(self.labels))
        facts = "; ".join(fact_text(k) for k in sorted(self.facts)) or "no predicate"
        return f"gold for {self.head}/{self.tail}: {labels} ({facts})"


@dataclass(kw_only=True)
class FinreDoc(GoldDoc):
    """One distinct FinRE sentence and its annotated pairs."""

    pairs: dict[frozenset[str], Pair] = field(default_factory=dict)

    def gold_facts(self) -> set[FactKey]:
        """Every gold fact of the sentence, one per (subject, predicate, object)."""
        return {k for p in self.pairs.values() for k in p.facts}


def sniff(first_line: str) -> bool:
    """True for a FinRE line."""
    return not first_line.lstrip().startswith("{") and len(first_line.split("\t")) == 4


def read_finre(path: str) -> Gold:
    """One doc per distinct sentence; both directions of a pair merge into one set of gold facts."""
    name = PurePath(path).name
    docs: dict[str, FinreDoc] = {}
    for number, line in read_lines(path):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 4:
            raise InputError(
                path,
                f"expected 4 tab-separated fields (head, tail, label, sentence), found {len(parts)}",
                number,
            )
        head, tail, label, sentence = parts
        if not head or not tail or not sentence:
            raise InputError(path, "empty head, tail or sentence", number)
        rule = rule_for(label)
        if rule is None:
            raise InputError(path, f"unknown FinRE label {label!r} (add it to {LABELS_FILE})", number)
        doc = docs.get(sentence)
        if doc is None:
            doc = docs[sentence] = FinreDoc(id=f"{name}:{number}", where=f"{name}:{number}", text=sentence)
        pair = doc.pairs.setdefault(frozenset((head, tail)), Pair(head, tail))
        pair.labels.add(label)
        if rule.predicate:
            subject, object = (tail, head) if rule.reverse else (head, tail)
            pair.facts.add(fact_key(rule.predicate, subject, object))
    return Gold("finre", path, list(docs.values()), "sentences")


def _place(predicate: str, subj: set[str], obj: set[str], doc: FinreDoc) -> tuple[FactKey, Pair] | None:
    """The predicted fact as a key on the annotated pair it names, preferring a reading that is gold."""
    gold = doc.gold_facts()
    found: list[tuple[FactKey, Pair]] = []
    for pair in doc.pairs.values():
        for a, b in ((pair.head, pair.tail), (pair.tail, pair.head)):
            if a in subj and b in obj:
                found.append((fact_key(predicate, a, b), pair))
    return next((f for f in found if f[0] in gold), found[0] if found else None)


def score_finre(gold: Gold, preds: Predictions, report: RunReport) -> None:
    """Score predicted facts on the annotated pairs; facts on other pairs are counted as not scored."""
    table = fact_table()
    not_scored = 0
    for doc in gold.docs:
        gold_facts = doc.gold_facts()
        for key in sorted(gold_facts):
            table.row(key[0])
        pred = preds.by_doc.get(doc.id) or PredDoc(doc.id)
        placed: dict[FactKey, Pair] = {}
        for f in pred.facts:
            subj, obj = f.get("subject") or {}, f.get("object") or {}
            predicate = str(f.get("predicate"))
            hit = _place(predicate, pred.names(subj, aliases=False), pred.names(obj, aliases=False), doc)
            if hit is None:
                not_scored += 1
                shown = f"{subj.get('text')} {predicate} {obj.get('text')}"
                report.findings.append(Finding(NOT_SCORED, predicate, shown, doc.where, doc.text or ""))
                continue
            placed.setdefault(*hit)
        for key, pair in sorted(placed.items()):
            if key in gold_facts:
                table.row(key[0]).tp += 1
            else:
                table.row(key[0]).fp += 1
                report.findings.append(
                    Finding(
                        FALSE_POSITIVE, key[0], fact_text(key), doc.where, doc.text or "", pair.describe()
                    )
                )
        for key in sorted(gold_facts - placed.keys()):
            table.row(key[0]).fn += 1
            report.findings.append(Finding(MISS, key[0], fact_text(key), doc.where, doc.text or ""))
    report.tables.append(table)
    report.counters["not_scored"] = not_scored
    if not_scored:
        report.notes.append(f"not scored: {not_scored} predicted facts on pairs FinRE does not annotate")


GOLD_FORMATS.register("finre")(
    GoldFormat(
        sniff, read_finre, score_finre, "FinRE: head<TAB>tail<TAB>label<TAB>sentence, blank lines between"
    )
)

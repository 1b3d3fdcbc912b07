"""FinRE files as labelled entity pairs, their contract facts, and scoring of predicted facts against them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.evaluate.finre import label_rules
from kg.evaluate.scoring import fact_key, fact_table
from kg.schema import is_symmetric


class FinreError(ValueError):
    """A FinRE file that cannot be read; the message names the file, the line and the reason."""


@dataclass(frozen=True)
class Record:
    """One line of a FinRE file."""

    head: str
    tail: str
    label: str
    sentence: str
    line: int


@dataclass(frozen=True)
class GoldFact:
    """A contract fact named by a FinRE label: predicate, subject name, object name."""

    predicate: str
    subject: str
    object: str
    qualifiers: tuple[tuple[str, str], ...] = ()

    def key(self) -> tuple[str, str, str]:
        """Identity for scoring: symmetric predicates ignore direction."""
        return fact_key(self.predicate, self.subject, self.object)


@dataclass(frozen=True)
class PairExample:
    """One decision: an unordered entity pair in one sentence, `a` being the earlier span."""

    sentence: str
    a: tuple[int, int]
    b: tuple[int, int]
    a_name: str
    b_name: str
    labels: tuple[tuple[str, str, str], ...]  # (head, label, tail) as annotated, both directions
    facts: tuple[GoldFact, ...]


def read_records(path: str | Path) -> list[Record]:
    """The records of a FinRE file (head, tail, label, sentence per line; blank lines ignored)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FinreError(f"{path}: cannot read FinRE file ({exc})") from None
    meanings = label_rules()
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 4:
            raise FinreError(f"{path}:{number}: expected 4 tab-separated fields, found {len(fields)}")
        # FinRE writes numbers as <N>; a digit keeps the text like real news for tokenizer and features
        head, tail, label, sentence = (f.strip().replace("<N>", "0") for f in fields)
        if label not in meanings:
            raise FinreError(f"{path}:{number}: unknown FinRE label {label!r}")
        if not head or not tail or head not in sentence or tail not in sentence:
            raise FinreError(f"{path}:{number}: head and tail must both occur in the sentence")
        records.append(Record(head, tail, label, sentence, number))
    return records


def gold_fact(record: Record) -> GoldFact | None:
    """The contract fact a record states, or None when its label maps to no predicate."""
    meaning = label_rules()[record.label]
    if meaning.predicate is None:
        return None
    subject, obj = (record.tail, record.head) if meaning.reverse else (record.head, record.tail)
    if is_symmetric(meaning.predicate) and obj < subject:
        subject, obj = obj, subject
    return GoldFact(meaning.predicate, subject, obj, meaning.qualifiers)


def locate(sentence: str, first: str, second: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """Spans of two names in `sentence`: the closest pair of occurrences, preferring non-overlapping ones."""
    best: tuple[tuple[int, int, int], tuple[int, int], tuple[int, int]] | None = None
    for s1 in _occurrences(sentence, first):
        for s2 in _occurrences(sentence, second):
            overlap = s1[0] < s2[1] and s2[0] < s1[1]
            gap = max(s2[0] - s1[1], s1[0] - s2[1], 0)
            rank = (int(overlap), gap, min(s1[0], s2[0]))
            if best is None or rank < best[0]:
                best = (rank, s1, s2)
    if best is None:
        raise ValueError(f"{first!r} or {second!r} does not occur in the sentence")
    return best[1], best[2]


def _occurrences(text: str, name: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(name)
    while start >= 0:
        spans.append((start, start + len(name)))
        start = text.find(name, start + 1)
    return spans


def pair_examples(records: Iterable[Record]) -> list[PairExample]:
    """One example per (sentence, unordered name pair), in file order, with all its gold facts."""
    groups: dict[tuple[str, frozenset[str]], list[Record]] = {}
    for rec in records:
        if rec.head != rec.tail:
            groups.setdefault((rec.sentence, frozenset((rec.head, rec.tail))), []).append(rec)
    examples = []
    for (sentence, _), recs in groups.items():
        first = recs[0]
        span_h, span_t = locate(sentence, first.head, first.tail)
        (a, a_name), (b, b_name) = sorted([(span_h, first.head), (span_t, first.tail)])
        facts = {f for f in map(gold_fact, recs) if f is not None}
        labels = sorted({(r.head, r.label, r.tail) for r in recs})
        gold = tuple(sorted(facts, key=GoldFact.key))
        examples.append(PairExample(sentence, a, b, a_name, b_name, tuple(labels), gold))
    return examples


def read_examples(path: str | Path) -> list[PairExample]:
    """The pair examples of a FinRE file."""
    return pair_examples(read_records(path))


def score(examples: Sequence[PairExample], predicted: Sequence[tuple[str, str, str] | None]) -> dict:
    """Per-predicate and micro (same_as kept apart) scores of one predicted fact per pair, or None."""
    table = fact_table()
    for example, guess in zip(examples, predicted, strict=True):
        gold = {f.key() for f in example.facts}
        guessed = fact_key(*guess) if guess else None
        for key in gold:
            row = table.row(key[0])
            if key == guessed:
                row.tp += 1
            else:
                row.fn += 1
        if guessed and guessed not in gold:
            table.row(guessed[0]).fp += 1
    return table.record()

"""The contract's own gold: article, entity, fact, mention and negative records in JSON Lines."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from kg.evaluate.gold import GOLD_FORMATS, Gold, GoldDoc, GoldFormat, json_object, read_lines
from kg.evaluate.metrics import Table
from kg.evaluate.predictions import PredDoc, Predictions
from kg.evaluate.report import FALSE_POSITIVE, MISS, VIOLATION, Finding, RunReport
from kg.evaluate.scoring import Span, context, fact_table, predicted_spans, score_mentions
from kg.ingest.errors import InputError
from kg.schema import entity_types, predicates

KINDS = ("article", "entity", "fact", "mention", "negative")


@dataclass(frozen=True)
class GoldEntity:
    """An entity the article must yield."""

    name: str
    type: str
    ticker: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class GoldFact:
    """A fact the article must yield; `position` only for holds_position, and only if given."""

    subject: str
    predicate: str
    object: str
    position: str | None
    evidence: str

    def text(self) -> str:
        """The fact as a person reads it."""
        pos = f" ({self.position})" if self.position else ""
        return f"{self.subject} {self.predicate}{pos} {self.object}"


@dataclass(kw_only=True)
class ContractDoc(GoldDoc):
    """One article's gold records."""

    entities: list[GoldEntity] = field(default_factory=list)
    facts: list[GoldFact] = field(default_factory=list)
    mentions: set[Span] = field(default_factory=set)
    negatives: list[tuple[str, str]] = field(default_factory=list)  # (name, why)

    def names_of(self, name: str) -> set[str]:
        """`name` with the aliases the gold gives the entity of that name."""
        out = {name}
        for e in self.entities:
            if e.name == name:
                out.update(e.aliases)
        return out


def sniff(first_line: str) -> bool:
    """True for a contract gold line."""
    try:
        obj = json.loads(first_line)
    except json.JSONDecodeError:
        return False
    return isinstance(obj, dict) and obj.get("kind") in KINDS


def _str(path: str, number: int, rec: dict, key: str, required: bool = True) -> str | None:
    value = rec.get(key)
    if value is None and not required:
        return None
    if isinstance(value, int) and key in ("id", "article"):
        value = str(value)
    if not isinstance(value, str) or not value:
        raise InputError(path, f"{rec.get('kind')} record needs {key!r} as a non-empty string", number)
    return value


def read_contract_gold(path: str) -> Gold:
    """The gold of each article in the file; records without an `article` key belong to its only article."""
    records = [(n, json_object(path, n, line)) for n, line in read_lines(path) if line.strip()]
    docs: dict[str, ContractDoc] = {}
    for n, rec in records:
        kind = rec.get("kind")
        if kind not in KINDS:
            raise InputError(path, f"unknown record kind {kind!r} (known: {', '.join(KINDS)})", n)
        if kind == "article":
            doc_id = _str(path, n, rec, "id")
            if doc_id in docs:
                raise InputError(path, f"article {doc_id} is given twice", n)
            file = _str(path, n, rec, "path", required=False)
            docs[doc_id] = ContractDoc(
                id=doc_id,
                where=f"{PurePath(path).name}:{n}",
                text=_str(path, n, rec, "text", required=False),
                url=_str(path, n, rec, "url", required=False),
                file=str(Path(path).parent / file) if file else None,
            )
    if not docs:
        raise InputError(path, 'no article record (add {"kind": "article", "id": ...})')
    for n, rec in records:
        if rec["kind"] != "article":
            _add(path, n, rec, _doc_of(path, n, rec, docs))
    return Gold("contract", path, list(docs.values()), "articles")


def _doc_of(path: str, number: int, rec: dict, docs: dict[str, ContractDoc]) -> ContractDoc:
    aid = _str(path, number, rec, "article", required=False)
    if aid is None:
        if len(docs) > 1:
            raise InputError(path, "several articles in the file: say which with an 'article' key", number)
        return next(iter(docs.values()))
    if aid not in docs:
        raise InputError(path, f"no article record with id {aid}", number)
    return docs[aid]


def _entity_type(path: str, n: int, rec: dict[str, Any]) -> str:
    etype = _str(path, n, rec, "type")
    if etype not in entity_types():
        raise InputError(path, f"unknown entity type {etype!r} (known: {', '.join(entity_types())})", n)
    return etype


def _add(path: str, n: int, rec: dict[str, Any], doc: ContractDoc) -> None:
    kind = rec["kind"]
    if kind == "entity":
        etype = _entity_type(path, n, rec)
        aliases = rec.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise InputError(path, "entity aliases must be a list of strings", n)
        ticker = _str(path, n, rec, "ticker", required=False)
        doc.entities.append(GoldEntity(_str(path, n, rec, "name"), etype, ticker, tuple(aliases)))
    elif kind == "fact":
        predicate = _str(path, n, rec, "predicate")
        if predicate not in predicates():
            raise InputError(path, f"unknown predicate {predicate!r} (known: {', '.join(predicates())})", n)
        doc.facts.append(
            GoldFact(
                _str(path, n, rec, "subject"),
                predicate,
                _str(path, n, rec, "object"),
                _str(path, n, rec, "position", required=False),
                _str(path, n, rec, "evidence", required=False) or "",
            )
        )
    elif kind == "mention":
        mtype, start, end = _entity_type(path, n, rec), rec.get("start"), rec.get("end")
        if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end:
            raise InputError(path, "mention record needs integer 'start' < 'end' (end exclusive)", n)
        if doc.text is not None and rec.get("text") is not None and doc.text[start:end] != rec["text"]:
            raise InputError(path, f"mention [{start},{end}) is not {rec['text']!r} in the article text", n)
        doc.mentions.add((mtype, start, end))
    elif kind == "negative":
        doc.negatives.append((_str(path, n, rec, "name"), str(rec.get("why") or "")))


def _entity_names(e: dict[str, Any]) -> set[str]:
    return {n for n in [e.get("name"), *(e.get("aliases") or [])] if isinstance(n, str)}


def _score_entities(
    doc: ContractDoc, pred: PredDoc, table: Table, types: set[str], report: RunReport
) -> None:
    """Gold entities found by type, name (canonical or alias) and ticker; other predictions are false."""
    candidates = [e for e in pred.entities if e.get("type") in types]
    used: set[int] = set()
    for g in doc.entities:
        same = [i for i, e in enumerate(candidates) if i not in used and e["type"] == g.type]
        named = [i for i in same if g.name in _entity_names(candidates[i])]
        hit = next((i for i in named if g.ticker in (None, candidates[i].get("ticker"))), None)
        if hit is not None:
            used.add(hit)
            table.row(g.type).tp += 1
            continue
        table.row(g.type).fn += 1
        note = ""
        if named:
            note = f"found with ticker {candidates[named[0]].get('ticker')}, gold ticker {g.ticker}"
        shown = f"{g.name} ({g.ticker})" if g.ticker else g.name
        report.findings.append(Finding(MISS, g.type, shown, doc.where, "", note))
    for i, e in enumerate(candidates):
        if i in used:
            continue
        table.row(e["type"]).fp += 1
        shown = f"{e.get('name')} ({e['ticker']})" if e.get("ticker") else str(e.get("name"))
        first = next((m for m in pred.mentions if m.get("entity") == e.get("id")), None)
        sentence = context(pred.text, first["start"], first["end"]) if first else ""
        report.findings.append(Finding(FALSE_POSITIVE, e["type"], shown, doc.where, sentence))


def _fact_matches(g: GoldFact, f: dict[str, Any], doc: ContractDoc, pred: PredDoc) -> bool:
    if f.get("predicate") != g.predicate:
        return False
    q = f.get("qualifiers") or {}
    if g.position is not None and g.position not in (q.get("position"), q.get("as_written")):
        return False
    gs, go = doc.names_of(g.subject), doc.names_of(g.object)
    ps, po = pred.names(f.get("subject") or {}), pred.names(f.get("object") or {})
    if gs & ps and go & po:
        return True
    return predicates()[g.predicate].symmetric and bool(gs & po and go & ps)


def _score_facts(doc: ContractDoc, pred: PredDoc, table: Table, kinds: set[str], report: RunReport) -> int:
    """Gold facts found, one predicted fact each; returns the predicted facts not scored."""
    candidates = [f for f in pred.facts if f.get("predicate") in kinds]
    used: set[int] = set()
    # Facts with a position first, so that a fact without one does not take their match.
    for g in sorted(doc.facts, key=lambda g: g.position is None):
        hit = next(
            (i for i, f in enumerate(candidates) if i not in used and _fact_matches(g, f, doc, pred)), None
        )
        if hit is None:
            table.row(g.predicate).fn += 1
            report.findings.append(Finding(MISS, g.predicate, g.text(), doc.where, g.evidence))
        else:
            used.add(hit)
            table.row(g.predicate).tp += 1
    for i, f in enumerate(candidates):
        if i in used or any(_fact_matches(g, f, doc, pred) for g in doc.facts):
            continue  # a repeat of a fact already found is neither right nor wrong
        table.row(f["predicate"]).fp += 1
        subj, obj = f.get("subject") or {}, f.get("object") or {}
        pos = (f.get("qualifiers") or {}).get("position")
        shown = f"{subj.get('name')} {f['predicate']}{f' ({pos})' if pos else ''} {obj.get('name')}"
        report.findings.append(
            Finding(
                FALSE_POSITIVE,
                f["predicate"],
                shown,
                doc.where,
                (f.get("evidence") or {}).get("sentence", ""),
            )
        )
    return len(pred.facts) - len(candidates)


def _check_negatives(doc: ContractDoc, pred: PredDoc, report: RunReport) -> int:
    """Names that must not become entities but did; returns how many."""
    violated = 0
    for name, why in doc.negatives:
        entities = [e for e in pred.entities if name in _entity_names(e)]
        mentions = [m for m in pred.mentions if m.get("text") == name]
        if not entities and not mentions:
            continue
        violated += 1
        found = [f"{e.get('type')} entity" for e in entities] + (
            [f"{len(mentions)} mention(s) as {', '.join(sorted({str(m.get('type')) for m in mentions}))}"]
            if mentions
            else []
        )
        first = mentions[0] if mentions else None
        sentence = context(pred.text, first["start"], first["end"]) if first else ""
        note = f"found as {'; '.join(found)}" + (f"; must not be an entity: {why}" if why else "")
        report.findings.append(Finding(VIOLATION, "negative", name, doc.where, sentence, note))
    return violated


def score_contract(gold: Gold, preds: Predictions, report: RunReport) -> None:
    """Score entities, facts, mentions (if annotated) and negatives of each gold article."""
    etypes = {e.type for d in gold.docs for e in d.entities}
    kinds = {f.predicate for d in gold.docs for f in d.facts}
    mtypes = {m[0] for d in gold.docs for m in d.mentions}
    entities, facts, mentions = Table("entities by type"), fact_table(), Table("mentions by type")
    for t in sorted(etypes):
        entities.row(t)
    for p in sorted(kinds):
        facts.row(p)
    not_scored = violations = negatives = 0
    for doc in gold.docs:
        pred = preds.by_doc.get(doc.id) or PredDoc(doc.id)
        _score_entities(doc, pred, entities, etypes, report)
        not_scored += _score_facts(doc, pred, facts, kinds, report)
        if doc.mentions:
            spans = predicted_spans(pred.mentions, mtypes)
            score_mentions(mentions, report.findings, doc.where, doc.text or pred.text, doc.mentions, spans)
        violations += _check_negatives(doc, pred, report)
        negatives += len(doc.negatives)
    report.tables.extend(t for t in (entities, facts, mentions) if t.rows)
    report.counters.update(not_scored=not_scored, negatives=negatives, violations=violations)
    if not_scored:
        report.notes.append(f"not scored: {not_scored} predicted facts with predicates the gold does not use")
    report.notes.append(f"negatives: {violations} of {negatives} names that must not be entities were found")


def fully_satisfied(report: RunReport) -> bool:
    """True when every gold entity, fact and mention was found and no negative was violated."""
    rows = [c for t in report.tables for c in t.rows.values()]
    return bool(rows) and all(c.fn == 0 for c in rows) and report.counters.get("violations", 0) == 0


GOLD_FORMATS.register("contract")(
    GoldFormat(sniff, read_contract_gold, score_contract, "the contract's records: article, entity, fact...")
)

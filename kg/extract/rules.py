"""Relations from patterns (kg/data/rules/relations.tsv) over sentences whose mentions are masked by type."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.data import tsv_rows
from kg.extract import extractor
from kg.extract.doc import Doc
from kg.extract.positions import title_of
from kg.model import Fact, Mention
from kg.schema import entity_types

_QUOTES = set('“”"「」『』')
_GAP = r"[^，。；！？,;!?]{0,10}?"


@cache
def type_chars() -> dict[str, str]:
    """One private-use character per entity type, standing for a mention of that type."""
    return {t: chr(0xE001 + i) for i, t in enumerate(entity_types())}


def _expand(pattern: str) -> str:
    chars = type_chars()
    org = "".join(chars[t] for t in ("Company", "Organization", "GovernmentBody"))
    macros = {"ORG": f"[{org}]", "AGENT": f"[{org}{chars['Person']}]", "GAP": _GAP}
    macros.update({t: c for t, c in chars.items()})
    return re.sub(r"\{(\w+)\}", lambda m: macros[m.group(1)], pattern)


@dataclass(frozen=True)
class Rule:
    """One relation pattern."""

    predicate: str
    extractor: str
    confidence: float
    status: str
    regex: re.Pattern


@cache
def rules() -> tuple[Rule, ...]:
    """The relation patterns of the rules file, compiled."""
    out = []
    for predicate, name, confidence, status, pattern in tsv_rows("kg.data.rules", "relations.tsv"):
        out.append(Rule(predicate, name, float(confidence), status, re.compile(_expand(pattern))))
    return tuple(out)


def mask(doc: Doc, span: tuple[int, int]) -> tuple[str, dict[int, Mention]]:
    """The sentence with each mention as one type character (quotes dropped), and where each one stands."""
    chars = type_chars()
    s, e = span
    out: list[str] = []
    where: dict[int, Mention] = {}
    pos = s
    for m in doc.mentions_in(span):
        out.extend(c for c in doc.text[pos : m.start] if c not in _QUOTES)
        where[len(out)] = m
        out.append(chars[m.type])
        pos = m.end
    out.extend(c for c in doc.text[pos:e] if c not in _QUOTES)
    return "".join(out), where


@extractor("rules", stage="relations", order=10)
def relation_rules(doc: Doc) -> None:
    """Every pattern match in a sentence is a fact (one per title for positions)."""
    for span in doc.sentences:
        masked, where = mask(doc, span)
        if len(where) < 2:
            continue
        for rule in rules():
            for m in rule.regex.finditer(masked):
                subj, obj = where[m.start("s")], where[m.start("o")]
                if subj is obj or _same_entity(doc, subj, obj):
                    continue
                qualifiers = {"status": rule.status} if rule.status else {}
                if "t" not in rule.regex.groupindex:
                    doc.facts.append(
                        Fact(rule.predicate, subj, obj, span, rule.extractor, rule.confidence, qualifiers)
                    )
                    continue
                for i in range(m.start("t"), m.end("t")):
                    if i in where:
                        title, acting = title_of(where[i].text)
                        q = dict(qualifiers, position=title)
                        if acting:
                            q.update(acting=True, as_written=where[i].text)
                        doc.facts.append(
                            Fact(rule.predicate, subj, obj, span, rule.extractor, rule.confidence, q)
                        )


def _same_entity(doc: Doc, a: Mention, b: Mention) -> bool:
    ra, rb = doc.coref.get(id(a), a), doc.coref.get(id(b), b)
    if ra.ticker and ra.ticker == rb.ticker:
        return True
    return doc.aliases.get(ra.text, ra.text) == doc.aliases.get(rb.text, rb.text)

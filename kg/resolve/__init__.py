"""Entity resolution: mentions grouped into entities with deterministic IRIs; duplicate facts merged."""

from __future__ import annotations

from collections import defaultdict

from kg.extract.doc import Doc
from kg.extract.positions import title_of
from kg.model import Entity, Fact, Mention
from kg.rdf.vocab import entity_iri
from kg.schema import is_symmetric

_ANAPHOR_EXTRACTORS = {"coref"}


def resolve(doc: Doc) -> dict[str, Entity]:
    """Assign each mention its entity IRI and return the article's entities by IRI."""
    employers = _employers(doc)
    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in doc.mentions:
        root = doc.coref.get(id(m), m)
        groups[_key(doc, root, employers)].append(m)
    entities: dict[str, Entity] = {}
    for (type_, key), mentions in sorted(groups.items()):
        iri = str(entity_iri(type_, key))
        named = [m for m in mentions if m.extractor not in _ANAPHOR_EXTRACTORS]
        surfaces = sorted({_surface(m) for m in named})
        ticker = next((m.ticker for m in mentions if m.ticker), None)
        if ticker is None and type_ == "Company" and doc.known is not None:
            ticker = next((doc.known.ticker(s) for s in surfaces if doc.known.ticker(s)), None)
        canonical = doc.known.canonical(ticker) if ticker and doc.known is not None else None
        name = canonical or _canonical_name(type_, surfaces)
        aliases = sorted(set(surfaces) - {name})
        entities[iri] = Entity(iri, type_, name, aliases, ticker)
        for m in mentions:
            m.entity = iri
            if ticker and not m.ticker:
                m.ticker = ticker
    if doc.article.source:
        source = Entity(
            str(entity_iri("Organization", doc.article.source)), "Organization", doc.article.source
        )
        entities.setdefault(source.id, source)
    doc.facts = merge_facts(doc.facts)
    return entities


def merge_facts(facts: list[Fact]) -> list[Fact]:
    """One fact per (predicate, subject, object, position): the most confident, first in the text."""
    best: dict[tuple, Fact] = {}
    for fact in facts:
        if fact.subject.entity == fact.object.entity and fact.predicate != "same_as":
            continue
        key = fact.key()
        if is_symmetric(fact.predicate):
            key = (key[0], *sorted((str(key[1]), str(key[2]))), key[3])
        kept = best.get(key)
        if kept is None or (fact.confidence, -fact.sentence[0]) > (kept.confidence, -kept.sentence[0]):
            best[key] = fact
    return sorted(
        best.values(),
        key=lambda f: (
            f.sentence[0],
            f.subject.start,
            f.predicate,
            f.object.start,
            str(f.qualifiers.get("position", "")),
        ),
    )


def _surface(m: Mention) -> str:
    return title_of(m.text)[0] if m.type == "Position" else m.text


def _canonical_name(type_: str, surfaces: list[str]) -> str:
    """The longest name (ties: the smallest), which is the fullest form of a name in an article."""
    return min(surfaces, key=lambda s: (-len(s), s)) if surfaces else ""


def _key(doc: Doc, m: Mention, employers: dict[str, str]) -> tuple[str, str]:
    if m.type == "Company":
        if m.ticker:
            return ("Company", m.ticker)
        name = _full_name(doc, m.text)
        ticker = doc.known.ticker(name) if doc.known is not None else None
        return ("Company", ticker or name)
    if m.type == "Person":
        employer = employers.get(m.text)
        return ("Person", f"{m.text}@{employer}" if employer else f"{m.text}@article:{doc.article.id}")
    if m.type == "Position":
        return ("Position", title_of(m.text)[0])
    return (m.type, _full_name(doc, m.text))


def _full_name(doc: Doc, name: str) -> str:
    seen = {name}
    while name in doc.aliases and doc.aliases[name] not in seen:
        name = doc.aliases[name]
        seen.add(name)
    return name


def _employers(doc: Doc) -> dict[str, str]:
    """Person name -> the key of the first organisation they hold a position at, in this article."""
    out: dict[str, str] = {}
    for fact in sorted(doc.facts, key=lambda f: f.sentence):
        if fact.predicate == "holds_position" and fact.subject.text not in out:
            org = doc.coref.get(id(fact.object), fact.object)
            out[fact.subject.text] = "/".join(_key(doc, org, {}))
    return out

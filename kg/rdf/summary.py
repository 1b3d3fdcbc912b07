"""The summary graph: every distinct fact once, with how often and when it was read.

The article graphs keep each fact with its own evidence, so a question about a company named in
thousands of articles touches thousands of fact nodes. The summary graph (`SUMMARY_GRAPH`) holds, for
each distinct edge (subject, predicate, object, and for a position its title and whether it is acting),
a `kg:Edge` node with the numbers of facts and of articles stating it, the first and last date reported
and `kg:latest`, the fact node of its latest report (among equals the least article IRI and its first
sentence, so the choice does not depend on the order articles came in), whose evidence, confidence,
title and article it repeats (so a query reads the summary graph alone);
for each predicate, its numbers of facts and articles; and the names, types and tickers of the
entities. The named queries read it; a store keeps it up to date as articles are added, replaced and
removed, and a graph file gets it computed when it is queried.

It works on Oxigraph terms, whose hashing and comparison run in Rust: a store digests every article it
stores.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from kg.rdf.vocab import KG, SUMMARY_GRAPH, edge_iri


def _iri(term) -> ox.NamedNode:
    return ox.NamedNode(str(term))


GRAPH = _iri(SUMMARY_GRAPH)
TYPE, SUBJECT, PREDICATE, OBJECT = _iri(RDF.type), _iri(RDF.subject), _iri(RDF.predicate), _iri(RDF.object)
FACT, ARTICLE, EDGE, PROPERTY = _iri(KG.Fact), _iri(KG.Article), _iri(KG.Edge), _iri(RDF.Property)
TITLE, ACTING, START, SOURCE = (
    _iri(KG.positionTitle),
    _iri(KG.acting),
    _iri(KG.start),
    _iri(PROV.wasDerivedFrom),
)
REPORTED, DATE = _iri(KG.reportedOn), _iri(KG.date)
FROM, VIA, TO, LATEST = _iri(KG["from"]), _iri(KG.via), _iri(KG.to), _iri(KG.latest)
FACT_COUNT, ARTICLE_COUNT = _iri(KG.factCount), _iri(KG.articleCount)
FIRST, LAST = _iri(KG.firstReported), _iri(KG.lastReported)
# What an edge repeats from its latest fact: where and how it was said (and so its place among the
# edge's statements, read back without the fact when the edge is updated).
SHOWN = (TITLE, ACTING, _iri(KG.titleAsWritten), _iri(KG.sentence), _iri(KG.confidence), SOURCE, START)
_INTEGER = _iri(XSD.integer)
# What describes an entity (and so is copied into the summary graph once).
DESCRIPTIONS = frozenset({TYPE, _iri(RDFS.label), _iri(SKOS.altLabel), _iri(KG.ticker)})

EdgeKey = tuple[
    ox.NamedNode, ox.NamedNode, ox.NamedNode, str, str
]  # subject, predicate, object, title, acting


@dataclass(frozen=True)
class Sample:
    """One statement of an edge, ordered so that the greatest is the one to show."""

    date: str  # the date reported, "" when unknown
    article: str  # compared reversed: among equal dates the least IRI wins
    start: int  # compared reversed: the first sentence wins
    fact: ox.NamedNode = field(compare=False)
    shown: tuple = field(compare=False, default=())  # (predicate, object) pairs the edge repeats

    def __lt__(self, other: Sample) -> bool:
        return (self.date, other.article, other.start) < (other.date, self.article, self.start)

    def __gt__(self, other: Sample) -> bool:
        return other < self


@dataclass
class EdgeStats:
    """How one distinct edge was read: counts, dates and its latest statement."""

    facts: int = 0
    articles: int = 0
    latest: Sample | None = None
    first: ox.Literal | None = None
    last: ox.Literal | None = None

    def merge(self, other: EdgeStats) -> None:
        """Add the statistics of facts from other articles."""
        self.facts += other.facts
        self.articles += other.articles
        self.latest = _most(self.latest, other.latest)
        self.first = _least(self.first, other.first)
        self.last = _most(self.last, other.last)


@dataclass
class Digest:
    """What a set of articles adds to the summary graph."""

    descriptions: set[ox.Triple] = field(default_factory=set)
    edges: dict[EdgeKey, EdgeStats] = field(default_factory=dict)
    predicates: dict[ox.NamedNode, list[int]] = field(default_factory=dict)  # -> [facts, articles]

    def merge(self, other: Digest) -> None:
        """Add the digest of other articles."""
        self.descriptions |= other.descriptions
        for key, stats in other.edges.items():
            self.edges.setdefault(key, EdgeStats()).merge(stats)
        for pred, (facts, articles) in other.predicates.items():
            counts = self.predicates.setdefault(pred, [0, 0])
            counts[0] += facts
            counts[1] += articles


def digest_quads(quads: Iterable[ox.Quad]) -> Digest:
    """The digest of the articles whose quads (or the fact nodes' quads alone) are given."""
    by_subject: dict[object, dict] = defaultdict(dict)
    facts, articles = [], set()
    for q in quads:
        s, p, o = q.subject, q.predicate, q.object
        if p == TYPE:
            if o == FACT:
                facts.append(s)
            elif o == ARTICLE:
                articles.add(s)
        by_subject[s].setdefault(p, []).append(o)
    out = Digest()
    sources: dict[EdgeKey, set] = defaultdict(set)
    predicate_sources: dict[ox.NamedNode, set] = defaultdict(set)
    for node in facts:
        key, stats, source = _fact_stats(node, by_subject[node])
        if key is None:
            continue
        out.edges.setdefault(key, EdgeStats()).merge(stats)
        sources[key].add(source)
        predicate_sources[key[1]].add(source)
        out.predicates.setdefault(key[1], [0, 0])[0] += 1
    for key, seen in sources.items():
        out.edges[key].articles = len(seen)
    for pred, seen in predicate_sources.items():
        out.predicates[pred][1] = len(seen)
    skip = articles.union(facts)
    for subject, props in by_subject.items():
        if subject not in skip:
            for p in DESCRIPTIONS.intersection(props):
                out.descriptions.update(ox.Triple(subject, p, o) for o in props[p])
    return out


def _fact_stats(node: ox.NamedNode, props: dict) -> tuple[EdgeKey | None, EdgeStats, object]:
    """A fact node's edge key, its statistics as one fact, and the article it comes from."""
    one = {p: values[0] for p, values in props.items()}
    s, pred, o = one.get(SUBJECT), one.get(PREDICATE), one.get(OBJECT)
    if s is None or pred is None or o is None:
        return None, EdgeStats(), None
    title, acting = one.get(TITLE), one.get(ACTING)
    key = (s, pred, o, title.value if title else "", acting.value if acting else "")
    date = one.get(REPORTED, one.get(DATE))
    stats = EdgeStats(facts=1, articles=1, latest=_sample(node, one, date), first=date, last=date)
    return key, stats, one.get(SOURCE)


def _sample(node: ox.NamedNode, one: dict, date: ox.Literal | None) -> Sample:
    start, source = one.get(START), one.get(SOURCE)
    shown = tuple((p, one[p]) for p in SHOWN if p in one)
    return Sample(
        date.value if date else "",
        source.value if source else "",
        int(start.value) if start else 0,
        node,
        shown,
    )


def article_quads(store: ox.Store) -> Iterator[ox.Quad]:
    """Every quad of `store` outside the summary graph."""
    for q in store.quads_for_pattern(None, None, None, None):
        if q.graph_name != GRAPH:
            yield q


def summary_quads(digest: Digest) -> Iterator[ox.Quad]:
    """The summary graph's quads for `digest`, in a deterministic order."""
    for t in sorted(digest.descriptions, key=str):
        yield ox.Quad(t.subject, t.predicate, t.object, GRAPH)
    for key in sorted(digest.edges, key=_text):
        for s, p, o in edge_triples(key, digest.edges[key]):
            yield ox.Quad(s, p, o, GRAPH)
    for pred in sorted(digest.predicates, key=str):
        for s, p, o in predicate_triples(pred, *digest.predicates[pred]):
            yield ox.Quad(s, p, o, GRAPH)


def _text(key: EdgeKey) -> tuple[str, ...]:
    return tuple(map(str, key))


def edge_node(key: EdgeKey) -> ox.NamedNode:
    """The summary node of an edge."""
    s, p, o, title, acting = key
    return ox.NamedNode(edge_iri(s.value, p.value, o.value, title, acting))


def edge_triples(key: EdgeKey, stats: EdgeStats) -> Iterator[tuple]:
    """The triples of one edge's summary node."""
    node = edge_node(key)
    yield node, TYPE, EDGE
    yield node, FROM, key[0]
    yield node, VIA, key[1]
    yield node, TO, key[2]
    yield node, FACT_COUNT, _count(stats.facts)
    yield node, ARTICLE_COUNT, _count(stats.articles)
    if stats.latest is not None:
        yield node, LATEST, stats.latest.fact
        for p, o in stats.latest.shown:
            yield node, p, o
    if stats.first is not None:
        yield node, FIRST, stats.first
        yield node, LAST, stats.last


def edge_stats(edge: Iterable[ox.Quad], latest: Iterable[ox.Quad]) -> EdgeStats:
    """An edge's statistics read back from its summary node's quads and its latest fact's quads."""
    one = {q.predicate: q.object for q in edge}
    fact, last = one.get(LATEST), one.get(LAST)
    said = {q.predicate: q.object for q in latest}
    return EdgeStats(
        facts=int(one[FACT_COUNT].value) if FACT_COUNT in one else 0,
        articles=int(one[ARTICLE_COUNT].value) if ARTICLE_COUNT in one else 0,
        latest=_sample(fact, said, last) if fact is not None else None,
        first=one.get(FIRST),
        last=last,
    )


def predicate_triples(pred: ox.NamedNode, facts: int, articles: int) -> Iterator[tuple]:
    """The triples counting one predicate's facts and articles."""
    yield pred, TYPE, PROPERTY
    yield pred, FACT_COUNT, _count(facts)
    yield pred, ARTICLE_COUNT, _count(articles)


def _count(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=_INTEGER)


def _least(a, b):
    if a is None or b is None:
        return b if a is None else a
    return b if _key(b) < _key(a) else a


def _most(a, b):
    if a is None or b is None:
        return b if a is None else a
    return b if _key(b) > _key(a) else a


def _key(value):
    """Dates compare by their text (2022-05 before 2022-05-09), samples by their own order."""
    return value.value if isinstance(value, ox.Literal) else value

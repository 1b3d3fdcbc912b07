"""The summary graph of an Oxigraph store, kept in step with its article graphs.

Adding articles adds their digest to the summary's counts; replacing or removing an article recounts
the edges it held from the article graphs that remain (their latest report may have come from it). The
changes are written in the same update as the article graphs, or, for new articles written in bulk,
flagged as pending with the articles and applied right after (`PENDING`), so a build killed in between
is completed by the next one.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.rdf.summary import (
    ARTICLE_COUNT,
    FACT_COUNT,
    GRAPH,
    LATEST,
    PROPERTY,
    START,
    SUBJECT,
    TYPE,
    Digest,
    EdgeKey,
    EdgeStats,
    digest_quads,
    edge_node,
    edge_stats,
    edge_triples,
    summary_quads,
)
from kg.rdf.vocab import KG

SUMMARY = GRAPH
PENDING = ox.NamedNode(KG.summaryPending)  # article kg:summaryPending true, in the summary graph
_TRUE = ox.Literal(True)
EDGE_CACHE = 100_000  # edges whose statistics a writer keeps (about 1 KB each)


class EdgeCache:
    """The statistics of the summary's edges as this writer last wrote them, least recently used first.

    Reading an edge back from the database costs a lookup for every string of its quads, more as the
    database grows; the process holding the store's lock is its only writer, so what it wrote stays true.
    """

    def __init__(self, limit: int = EDGE_CACHE) -> None:
        self.limit = limit
        self._stats: OrderedDict[EdgeKey, EdgeStats] = OrderedDict()

    def get(self, key: EdgeKey) -> EdgeStats | None:
        """An edge's statistics, when known."""
        stats = self._stats.get(key)
        if stats is not None:
            self._stats.move_to_end(key)
        return stats

    def update(self, edges: dict[EdgeKey, EdgeStats]) -> None:
        """Record the statistics just written (no facts: the edge is gone)."""
        for key, stats in edges.items():
            self._stats.pop(key, None)
            if stats.facts:
                self._stats[key] = stats
        while len(self._stats) > self.limit:
            self._stats.popitem(last=False)


def pending_quads(iris: Iterable[str]) -> Iterator[ox.Quad]:
    """The flags saying these articles are stored but not yet counted in the summary."""
    for iri in iris:
        yield ox.Quad(ox.NamedNode(iri), PENDING, _TRUE, SUMMARY)


def pending_articles(store: ox.Store) -> list[str]:
    """The articles stored but not yet counted in the summary (a build stopped in between)."""
    return sorted(q.subject.value for q in store.quads_for_pattern(None, PENDING, None, SUMMARY))


def graph_quads(store: ox.Store, iri: str) -> list[ox.Quad]:
    """Every quad of one article graph."""
    return list(store.quads_for_pattern(None, None, None, ox.NamedNode(iri)))


@dataclass
class SummaryChange:
    """One update of the summary graph: the quads it deletes and inserts, and the edges it touches."""

    delete: list[ox.Quad] = field(default_factory=list)
    insert: list[ox.Quad] = field(default_factory=list)
    edges: dict[EdgeKey, EdgeStats] = field(default_factory=dict)  # each touched edge's new stats


def summary_change(
    store: ox.Store,
    plus: Digest,
    minus: Digest,
    dropped: frozenset[str] = frozenset(),
    cache: EdgeCache | None = None,
) -> SummaryChange:
    """The change of the summary graph when articles with digest `plus` come in and the `dropped`
    article graphs (digest `minus`) go."""
    change = SummaryChange()
    digest = Digest(descriptions=set(plus.descriptions))  # what is written whole
    for t in minus.descriptions - plus.descriptions:
        if not _held_elsewhere(store, t, dropped):
            change.delete.append(ox.Quad(t.subject, t.predicate, t.object, SUMMARY))
    for key in set(plus.edges) | set(minus.edges):
        known = cache.get(key) if cache is not None else None
        if known is None:  # read back from the database
            old = list(store.quads_for_pattern(edge_node(key), None, None, SUMMARY))
        else:
            old = list(_edge_quads(key, known))
        if key in minus.edges:  # its latest report may have gone: counted afresh
            stats = _recount(store, key, dropped)
        else:
            stats = EdgeStats()
            stats.merge(known if known is not None else _stored_stats(store, old))
        stats.merge(plus.edges.get(key, EdgeStats()))
        new = list(_edge_quads(key, stats)) if stats.facts else []
        # only what changed is written: fewer deleted versions for the database to skip and compact
        kept, was = set(new), set(old)
        change.delete.extend(q for q in old if q not in kept)
        change.insert.extend(q for q in new if q not in was)
        change.edges[key] = stats
    for pred in set(plus.predicates) | set(minus.predicates):
        counts = [0, 0]
        change.delete.extend(store.quads_for_pattern(pred, TYPE, PROPERTY, SUMMARY))
        for i, count in enumerate((FACT_COUNT, ARTICLE_COUNT)):
            for quad in store.quads_for_pattern(pred, count, None, SUMMARY):
                change.delete.append(quad)
                counts[i] = int(quad.object.value)
        for i in range(2):
            counts[i] += plus.predicates.get(pred, (0, 0))[i] - minus.predicates.get(pred, (0, 0))[i]
        if counts[0] > 0:
            digest.predicates[pred] = counts
    change.insert.extend(summary_quads(digest))
    return change


def _edge_quads(key: EdgeKey, stats: EdgeStats) -> Iterator[ox.Quad]:
    for s, p, o in edge_triples(key, stats):
        yield ox.Quad(s, p, o, SUMMARY)


def _stored_stats(store: ox.Store, edge: list[ox.Quad]) -> EdgeStats:
    """An edge's statistics as the summary graph holds them (with its latest fact's date and place)."""
    if any(q.predicate == START for q in edge):
        return edge_stats(edge, edge)  # the edge repeats what places its latest fact
    latest = next((q.object for q in edge if q.predicate == LATEST), None)  # a store made before it did
    fact = [] if latest is None else store.quads_for_pattern(latest, None, None, None)
    return edge_stats(edge, fact)


def _held_elsewhere(store: ox.Store, t: ox.Triple, dropped: frozenset[str]) -> bool:
    """Whether an article graph other than the dropped ones still holds triple `t`."""
    quads = store.quads_for_pattern(t.subject, t.predicate, t.object, None)
    return any(_remaining(q.graph_name, dropped) for q in quads)


def _recount(store: ox.Store, key: EdgeKey, dropped: frozenset[str]) -> EdgeStats:
    """An edge's statistics counted afresh from the article graphs other than the dropped ones."""
    quads: list[ox.Quad] = []
    for quad in store.quads_for_pattern(None, SUBJECT, key[0], None):
        if _remaining(quad.graph_name, dropped):
            quads.extend(store.quads_for_pattern(quad.subject, None, None, quad.graph_name))
    return digest_quads(quads).edges.get(key, EdgeStats())


def _remaining(graph, dropped: frozenset[str]) -> bool:
    """Whether `graph` is an article graph that stays (not the summary, not one of the dropped)."""
    return isinstance(graph, ox.NamedNode) and graph != SUMMARY and graph.value not in dropped


def update_text(delete: list[ox.Quad], drop: Iterable[str], insert: list[ox.Quad]) -> str:
    """One SPARQL update (one transaction) deleting, dropping graphs and inserting, in that order."""
    parts = []
    if delete:
        parts.append(f"DELETE DATA {{\n{_data(delete)}}}")
    parts.extend(f"DROP SILENT GRAPH <{iri}>" for iri in drop)
    if insert:
        parts.append(f"INSERT DATA {{\n{_data(insert)}}}")
    return " ;\n".join(parts)


def _data(quads: list[ox.Quad]) -> str:
    """Quads as the body of INSERT DATA / DELETE DATA: a GRAPH block per graph."""
    by_graph: dict[ox.NamedNode, list[ox.Triple]] = {}
    for q in quads:
        by_graph.setdefault(q.graph_name, []).append(ox.Triple(q.subject, q.predicate, q.object))
    blocks = []
    for graph, triples in by_graph.items():
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        blocks.append(f"GRAPH {graph} {{\n{body}}}\n")
    return "".join(blocks)

"""The part of an entity network a page shows: filters, the neighbourhood of focus entities, a size cap."""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from kg.analyze import pagerank, undirected
from kg.network import edge_attributes, find_entities
from kg.viz.options import VizOptions

# Entity types drawn as edge labels rather than nodes unless asked for with --types.
LABEL_TYPES = frozenset({"Position"})


@dataclass
class Selection:
    """The graph to draw, each node's importance (PageRank) and what was left out."""

    graph: nx.MultiDiGraph
    importance: dict[str, float]
    focus: list[str] = field(default_factory=list)
    total_nodes: int = 0
    total_edges: int = 0
    filtered_nodes: int = 0  # nodes left after the filters and focus, before the size cap


def select(graph: nx.MultiDiGraph, options: VizOptions) -> Selection:
    """Apply the filters of `options` to `graph`, then the focus, then keep the most important nodes."""
    options.validate()
    focus = list(dict.fromkeys(n for q in options.focus for n in find_entities(graph, q)))
    sub = _filtered(graph, options)
    for node in focus:
        if node not in sub:
            label = graph.nodes[node].get("label", node)
            raise ValueError(f"focus entity {label!r} is excluded by the other filters")
    simple = undirected(sub)
    if focus:
        reach = set()
        for node in focus:
            reach |= set(nx.single_source_shortest_path_length(simple, node, cutoff=options.hops))
        sub, simple = sub.subgraph(reach), simple.subgraph(reach)
    importance = pagerank(sub, simple)
    filtered_nodes = sub.number_of_nodes()
    if options.max_nodes is not None and filtered_nodes > options.max_nodes:
        sub = sub.subgraph(_most_important(simple, importance, focus, options.max_nodes))
    sub = sub.copy()  # the views above become one graph, in the original order
    return Selection(
        graph=sub,
        importance={v: importance[v] for v in sub},
        focus=focus,
        total_nodes=graph.number_of_nodes(),
        total_edges=graph.number_of_edges(),
        filtered_nodes=filtered_nodes,
    )


def _most_important(simple: nx.Graph, importance: dict[str, float], focus: list[str], n: int) -> list[str]:
    """The focus, then whole connected components from the largest down, the top PageRank of the last one
    that does not fit: a partial picture that stays connected rather than scattered hubs."""
    rank = lambda v: (-importance[v], v)  # noqa: E731
    components = [sorted(c, key=rank) for c in nx.connected_components(simple)]
    components.sort(key=lambda c: (-len(c), rank(c[0])))
    chosen = list(dict.fromkeys([*focus, *(v for c in components for v in c)]))
    return chosen[:n]


def _filtered(graph: nx.MultiDiGraph, options: VizOptions) -> nx.MultiDiGraph:
    """The nodes and edges that pass the type, predicate, date and confidence filters (a view of `graph`,
    or a new graph when facts are dropped from edges for their date or confidence)."""
    types = set(options.types)
    preds = set(options.predicates)
    base = _evidence_filtered(graph, options) if options.filters_evidence else graph
    if preds or types:
        graph = nx.subgraph_view(base, filter_edge=lambda u, v, k: _edge_passes(base, u, v, k, types, preds))
    else:
        graph = base
    with_edges = {n for n, degree in graph.degree() if degree}
    edge_filter = bool(preds) or options.min_confidence is not None
    period = options.since is not None or options.until is not None
    keep = set()
    for node, data in graph.nodes(data=True):
        if types and data["type"] not in types:
            continue
        if node in with_edges:
            keep.add(node)
        elif not types and data["type"] in LABEL_TYPES:
            continue  # a job title on its own: it already labels the holds_position edges
        elif not edge_filter and (not period or any(map(options.in_period, data["dates"]))):
            keep.add(node)
    return graph if len(keep) == len(graph) and graph is base else graph.subgraph(keep)


def _edge_passes(graph: nx.MultiDiGraph, u: str, v: str, key: str, types: set, preds: set) -> bool:
    if preds and key not in preds:
        return False
    return not types or (graph.nodes[u]["type"] in types and graph.nodes[v]["type"] in types)


def _evidence_filtered(graph: nx.MultiDiGraph, options: VizOptions) -> nx.MultiDiGraph:
    """A copy of `graph` whose edges keep only the facts in the period and above the confidence."""
    out = nx.MultiDiGraph()
    out.add_nodes_from(graph.nodes(data=True))
    for u, v, key, data in graph.edges(keys=True, data=True):
        evidence = [e for e in data.get("evidence", ()) if _passes(e, options)]
        if evidence:
            out.add_edge(u, v, key=key, **edge_attributes(key, evidence))
    return out


def _passes(evidence, options: VizOptions) -> bool:
    if options.min_confidence is not None and (evidence.confidence or 0.0) < options.min_confidence:
        return False
    return options.in_period(evidence.date)

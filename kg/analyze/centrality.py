"""The most central entities, the communities and the connected components of an entity network."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import networkx as nx

from kg.network import describe

# Exact betweenness up to this many nodes; above it, sampled (see `samples`).
EXACT_BETWEENNESS_NODES = 1000
DEFAULT_SAMPLES = 100


def undirected(graph: nx.MultiDiGraph) -> nx.Graph:
    """The graph as undirected simple connections, weighted by the number of facts between two entities."""
    weights: Counter = Counter()
    for u, v in graph.edges():
        if u != v:
            weights[(v, u) if (v, u) in weights else (u, v)] += 1
    simple = nx.Graph()
    simple.add_nodes_from(graph)
    simple.add_weighted_edges_from((u, v, w) for (u, v), w in weights.items())
    return simple


def pagerank(graph: nx.MultiDiGraph, simple: nx.Graph | None = None) -> dict[str, float]:
    """PageRank of every entity, with facts counted in both directions (who mentions whom is not rank)."""
    simple = undirected(graph) if simple is None else simple
    if simple.number_of_nodes() == 0:
        return {}
    return nx.pagerank(simple, weight="weight")


@dataclass
class Analysis:
    """Every entity ranked by PageRank, with its degree, betweenness, community and component."""

    nodes: int
    edges: int
    betweenness_samples: int | None  # None when betweenness is exact
    entities: list[dict] = field(default_factory=list)
    communities: list[list[str]] = field(default_factory=list)  # entity ids, largest first
    components: list[list[str]] = field(default_factory=list)  # entity ids, largest first


def analyze(graph: nx.MultiDiGraph, samples: int | None = None, seed: int = 0) -> Analysis:
    """Rank the entities of `graph` and split it into communities (Louvain, seeded) and components.

    `samples` is the number of source nodes for approximate betweenness: None picks exact betweenness on
    small graphs and DEFAULT_SAMPLES above EXACT_BETWEENNESS_NODES; 0 skips betweenness.
    """
    simple = undirected(graph)
    n = simple.number_of_nodes()
    if samples is None:
        samples = DEFAULT_SAMPLES if n > EXACT_BETWEENNESS_NODES else n
    sampled = samples if 0 < samples < n else None
    ranks = pagerank(graph, simple)
    between = nx.betweenness_centrality(simple, k=sampled, seed=seed) if samples > 0 and n else {}
    communities = _ordered(nx.community.louvain_communities(simple, weight="weight", seed=seed), ranks)
    components = _ordered(nx.connected_components(simple), ranks)
    community_of = {node: i for i, members in enumerate(communities, 1) for node in members}
    component_of = {node: i for i, members in enumerate(components, 1) for node in members}
    order = sorted(
        graph, key=lambda v: (-round(ranks.get(v, 0.0), 12), -graph.degree(v), describe(graph, v), v)
    )
    entities = []
    for rank, node in enumerate(order, 1):
        data = graph.nodes[node]
        entities.append(
            {
                "rank": rank,
                "id": node,
                "name": data.get("label", ""),
                "type": data.get("type", ""),
                "ticker": data.get("ticker") or "",
                "degree": graph.degree(node),
                "pagerank": round(ranks.get(node, 0.0), 6),
                "betweenness": round(between[node], 6) if node in between else None,
                "community": community_of.get(node),
                "component": component_of.get(node),
            }
        )
    return Analysis(
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        betweenness_samples=sampled if samples > 0 else 0,
        entities=entities,
        communities=communities,
        components=components,
    )


def _ordered(groups, ranks: dict[str, float]) -> list[list[str]]:
    """Groups as lists, members by PageRank, groups largest first (ties: best-ranked member)."""
    out = [sorted(g, key=lambda v: (-round(ranks.get(v, 0.0), 12), v)) for g in groups]
    return sorted(out, key=lambda g: (-len(g), -round(ranks.get(g[0], 0.0), 12), g[0]))

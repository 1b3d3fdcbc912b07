"""The shortest chains of facts between two entities, each hop shown in the direction it was stated."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import networkx as nx

from kg.analyze.centrality import undirected
from kg.network import Evidence, describe


class NoPath(LookupError):
    """The two entities are not connected (within the hop limit, when one is given)."""


@dataclass(frozen=True)
class Hop:
    """One fact on a chain: walked from `source` to `target`, stated as subject -predicate-> object."""

    source: str
    target: str
    subject: str
    predicate: str
    object: str
    confidence: float | None
    evidence: tuple[Evidence, ...]

    @property
    def forward(self) -> bool:
        """True when the fact is stated in the direction the chain walks."""
        return self.subject == self.source


def shortest_chains(
    graph: nx.MultiDiGraph, source: str, target: str, limit: int = 10, max_hops: int | None = None
) -> list[list[Hop]]:
    """Up to `limit` shortest chains of facts from `source` to `target`, connections taken as undirected."""
    if source == target:
        raise ValueError(f"{describe(graph, source)} is both ends of the path")
    simple = undirected(graph)
    try:
        length = nx.shortest_path_length(simple, source, target)
    except nx.NetworkXNoPath:
        raise NoPath(f"no path between {describe(graph, source)} and {describe(graph, target)}") from None
    if max_hops is not None and length > max_hops:
        raise NoPath(
            f"no path of at most {max_hops} hops between {describe(graph, source)} and "
            f"{describe(graph, target)} (the shortest has {length})"
        )
    chains: list[list[Hop]] = []
    for nodes in nx.all_shortest_paths(simple, source, target):
        steps = [_hops(graph, u, v) for u, v in itertools.pairwise(nodes)]
        for chain in itertools.product(*steps):
            chains.append(list(chain))
            if len(chains) >= limit:
                return chains
    return chains


def _hops(graph: nx.MultiDiGraph, u: str, v: str) -> list[Hop]:
    """Every fact between u and v, in either direction."""
    out = []
    for subj, obj in ((u, v), (v, u)):
        for pred, data in sorted((graph.get_edge_data(subj, obj) or {}).items()):
            out.append(Hop(u, v, subj, pred, obj, data.get("confidence"), tuple(data.get("evidence", ()))))
    return out

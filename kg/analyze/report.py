"""Analysis results and chains of facts as text tables, JSON or CSV."""

from __future__ import annotations

import networkx as nx

from kg.analyze.centrality import Analysis
from kg.analyze.output import table, to_csv, to_json
from kg.analyze.paths import Hop
from kg.network import Evidence, describe
from kg.schema import predicates

ENTITY_COLUMNS = [
    "rank",
    "name",
    "type",
    "ticker",
    "degree",
    "pagerank",
    "betweenness",
    "community",
    "component",
]
GROUP_COLUMNS = ["group", "size", "members"]
HOP_COLUMNS = [
    "chain",
    "hop",
    "from",
    "to",
    "subject",
    "predicate",
    "object",
    "direction",
    "confidence",
    "sentence",
    "title",
    "date",
    "url",
]
MEMBERS_SHOWN = 10


def analysis_report(analysis: Analysis, graph: nx.MultiDiGraph, top: int, fmt: str, name: str) -> str:
    """The `top` most central entities, communities and components of `graph` in format `fmt`."""
    entities = analysis.entities[:top]
    if fmt == "csv":
        return to_csv(entities, ["id", *ENTITY_COLUMNS])
    communities = _groups(analysis.communities[:top], graph)
    components = _groups(analysis.components[:top], graph)
    if fmt == "json":
        return to_json(
            {
                "graph": name,
                "entities_total": analysis.nodes,
                "edges_total": analysis.edges,
                "betweenness": _betweenness(analysis),
                "communities_total": len(analysis.communities),
                "components_total": len(analysis.components),
                "central": entities,
                "communities": communities,
                "components": components,
            }
        )

    def shown(groups: list[dict]) -> list[dict]:
        return [{**g, "members": _names(g["members"], g["size"])} for g in groups]

    return "\n".join(
        [
            f"{name}: {analysis.nodes} entities, {analysis.edges} relations, "
            f"{len(analysis.components)} connected components, {len(analysis.communities)} communities",
            "",
            f"Most central entities (PageRank; betweenness {_betweenness(analysis)})",
            table(entities, ENTITY_COLUMNS),
            "Communities (Louvain, largest first)",
            table(shown(communities), GROUP_COLUMNS),
            "Connected components (largest first)",
            table(shown(components), GROUP_COLUMNS),
        ]
    )


def _betweenness(analysis: Analysis) -> str:
    if analysis.betweenness_samples is None:
        return "exact"
    if analysis.betweenness_samples == 0:
        return "skipped"
    return f"sampled from {analysis.betweenness_samples} sources"


def _groups(groups: list[list[str]], graph: nx.MultiDiGraph) -> list[dict]:
    return [
        {
            "group": i,
            "size": len(members),
            "members": [{"id": m, "name": graph.nodes[m].get("label", "")} for m in members[:MEMBERS_SHOWN]],
        }
        for i, members in enumerate(groups, 1)
    ]


def _names(members: list[dict], size: int) -> str:
    more = f" … (+{size - len(members)})" if size > len(members) else ""
    return "、".join(m["name"] for m in members) + more


def best_evidence(hop: Hop) -> Evidence | None:
    """The evidence to show first for a hop: the most confident, then the earliest."""
    if not hop.evidence:
        return None
    return min(hop.evidence, key=lambda e: (-(e.confidence or 0.0), e.date, e.fact))


def chains_report(chains: list[list[Hop]], graph: nx.MultiDiGraph, source: str, target: str, fmt: str) -> str:
    """Chains of facts between two entities in format `fmt`."""
    if fmt == "json":
        return to_json(
            {
                "from": _ref(graph, source),
                "to": _ref(graph, target),
                "hops": len(chains[0]) if chains else None,
                "chains": [[_hop_json(h, graph) for h in chain] for chain in chains],
            }
        )
    rows = [_hop_row(i, j, h, graph) for i, chain in enumerate(chains, 1) for j, h in enumerate(chain, 1)]
    if fmt == "csv":
        return to_csv(rows, HOP_COLUMNS)
    hops = len(chains[0]) if chains else 0
    lines = [
        f"{_count(len(chains), 'shortest chain')} of {_count(hops, 'hop')}"
        f" between {describe(graph, source)} and {describe(graph, target)}",
    ]
    for i, chain in enumerate(chains, 1):
        lines += ["", f"Chain {i}"]
        for hop in chain:
            lines.append("  " + _hop_line(hop, graph))
            ev = best_evidence(hop)
            if ev:
                lines.append(f"      “{ev.sentence}”")
                lines.append("      " + " · ".join(x for x in (ev.title, ev.date, ev.url) if x))
            more = len(hop.evidence) - 1
            if more > 0:
                lines.append(f"      (+{more} more evidence)")
    return "\n".join(lines) + "\n"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _predicate_label(pred: str) -> str:
    term = predicates().get(pred)
    return f"{pred} {term.label_zh}" if term else pred


def _hop_line(hop: Hop, graph: nx.MultiDiGraph) -> str:
    src, dst = describe(graph, hop.source), describe(graph, hop.target)
    positions = "、".join(dict.fromkeys(e.position for e in hop.evidence if e.position))
    label = _predicate_label(hop.predicate) + (f"（{positions}）" if positions else "")
    if hop.forward:
        return f"{src} —[{label}]→ {dst}"
    return f"{src} ←[{label}]— {dst}"


def _hop_row(chain: int, n: int, hop: Hop, graph: nx.MultiDiGraph) -> dict:
    ev = best_evidence(hop)
    return {
        "chain": chain,
        "hop": n,
        "from": describe(graph, hop.source),
        "to": describe(graph, hop.target),
        "subject": describe(graph, hop.subject),
        "predicate": hop.predicate,
        "object": describe(graph, hop.object),
        "direction": "forward" if hop.forward else "backward",
        "confidence": hop.confidence,
        "sentence": ev.sentence if ev else "",
        "title": ev.title if ev else "",
        "date": ev.date if ev else "",
        "url": ev.url if ev else "",
    }


def _ref(graph: nx.MultiDiGraph, node: str) -> dict:
    data = graph.nodes[node]
    return {
        "id": node,
        "name": data.get("label", ""),
        **({"ticker": data["ticker"]} if data.get("ticker") else {}),
    }


def _hop_json(hop: Hop, graph: nx.MultiDiGraph) -> dict:
    return {
        "from": hop.source,
        "to": hop.target,
        "subject": _ref(graph, hop.subject),
        "predicate": hop.predicate,
        "object": _ref(graph, hop.object),
        "direction": "forward" if hop.forward else "backward",
        "confidence": hop.confidence,
        "evidence": [
            {
                "sentence": e.sentence,
                "article": e.article,
                "title": e.title,
                "date": e.date,
                "url": e.url,
                "confidence": e.confidence,
                **({"position": e.position} if e.position else {}),
            }
            for e in hop.evidence
        ],
    }

"""The data a graph page embeds: nodes, edges, their evidence and the legend, in compact arrays.

Node: [label, type index, size, x, y, ticker, aliases, degree, first date, last date, article count]
Edge: [from, to, predicate index, confidence, [[sentence, article index, position, acting, confidence]...]]
Article: [title, date, url]
"""

from __future__ import annotations

import math
from collections import Counter

from kg.network import UNTYPED
from kg.schema import entity_types, predicates
from kg.viz.layout import layout
from kg.viz.options import VizOptions
from kg.viz.select import Selection
from kg.viz.styles import predicate_style, type_style

MIN_SIZE, MAX_SIZE = 10, 42
# Evidence sentences shown per edge; the count of the rest is shown instead.
MAX_EVIDENCE = 20


def payload(selection: Selection, options: VizOptions) -> dict:
    """Everything the page script needs, JSON-ready and in a deterministic order."""
    graph = selection.graph
    nodes = list(graph)
    index = {v: i for i, v in enumerate(nodes)}
    positions = layout(graph, seed=options.seed)
    type_names = _present([*entity_types(), UNTYPED], Counter(graph.nodes[v]["type"] for v in nodes))
    pred_names = _present(list(predicates()), Counter(k for _u, _v, k in graph.edges(keys=True)))
    type_index = {t: i for i, (t, _n) in enumerate(type_names)}
    pred_index = {p: i for i, (p, _n) in enumerate(pred_names)}
    articles: dict[str, int] = {}
    article_rows: list[list[str]] = []
    top = max(selection.importance.values(), default=0.0) or 1.0

    node_rows = []
    for v in nodes:
        data = graph.nodes[v]
        x, y = positions[v]
        size = MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(selection.importance.get(v, 0.0) / top)
        dates = data.get("dates") or [""]
        node_rows.append(
            [
                data.get("label", ""),
                type_index[data["type"]],
                round(size, 1),
                x,
                y,
                data.get("ticker") or "",
                list(data.get("aliases", ())),
                graph.degree(v),
                dates[0],
                dates[-1],
                len(data.get("articles", ())),
            ]
        )

    edge_rows = []
    for u, v, key, data in graph.edges(keys=True, data=True):
        evidence = data.get("evidence", ())
        rows = []
        for e in evidence[:MAX_EVIDENCE]:
            if e.article not in articles:
                articles[e.article] = len(article_rows)
                article_rows.append([e.title, e.date, _web_url(e.url)])
            rows.append([e.sentence, articles[e.article], e.position, e.acting, e.confidence])
        if len(evidence) > MAX_EVIDENCE:
            rows.append(len(evidence) - MAX_EVIDENCE)
        edge_rows.append([index[u], index[v], pred_index[key], data.get("confidence"), rows])

    physics = len(nodes) <= options.physics_max_nodes
    return {
        "title": options.title,
        "physics": physics,
        "edgeLabels": len(edge_rows) <= options.edge_label_max_edges,
        "shown": {"nodes": len(nodes), "edges": len(edge_rows)},
        "total": {"nodes": selection.total_nodes, "edges": selection.total_edges},
        "filtered": selection.filtered_nodes,
        "filters": describe_filters(options),
        "focus": [index[v] for v in selection.focus if v in index],
        "types": [_type_entry(t, n) for t, n in type_names],
        "predicates": [_predicate_entry(p, n) for p, n in pred_names],
        "articles": article_rows,
        "nodes": node_rows,
        "edges": edge_rows,
    }


def _web_url(url: str) -> str:
    """`url` when it is an http(s) address; anything else (javascript:, data:...) is never linked."""
    return url if url.lower().startswith(("http://", "https://")) else ""


def _present(order: list[str], counts: Counter) -> list[tuple[str, int]]:
    """Names that occur, in schema order, unknown ones last, with their counts."""
    known = [(name, counts[name]) for name in order if counts[name]]
    extra = sorted((name, n) for name, n in counts.items() if name not in order)
    return known + extra


def _type_entry(name: str, count: int) -> dict:
    term = entity_types().get(name)
    style = type_style(name)
    return {
        "name": name,
        "label": term.label_zh if term else "其他",
        "color": style.color,
        "shape": style.shape,
        "count": count,
    }


def _predicate_entry(name: str, count: int) -> dict:
    term = predicates().get(name)
    return {
        "name": name,
        "label": term.label_zh if term else name,
        "symmetric": bool(term and term.symmetric),
        "color": predicate_style(name).color,
        "count": count,
    }


def describe_filters(options: VizOptions) -> list[str]:
    """The filters in force, in words, for the page header."""
    out = []
    if options.focus:
        out.append(f"focus {', '.join(options.focus)} within {options.hops} hops")
    if options.types:
        out.append("types " + ", ".join(options.types))
    if options.predicates:
        out.append("predicates " + ", ".join(options.predicates))
    if options.since or options.until:
        out.append(f"dates {options.since or '…'} to {options.until or '…'}")
    if options.min_confidence is not None:
        out.append(f"confidence ≥ {options.min_confidence}")
    return out

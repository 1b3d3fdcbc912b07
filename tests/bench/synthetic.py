"""A synthetic entity network shaped like a news graph, for benchmarks only.

Articles are generated one after another: each names one or two companies (well-known ones come back
often: preferential attachment) and a few other entities, mostly new (people, products, projects),
linked to them by facts; some entities are named without any fact.
"""

from __future__ import annotations

import random

import networkx as nx

from kg.network import Evidence, edge_attributes

OTHER_TYPES = [
    ("Person", 0.40),
    ("Product", 0.15),
    ("Company", 0.15),
    ("Organization", 0.10),
    ("Location", 0.06),
    ("GovernmentBody", 0.05),
    ("Project", 0.05),
    ("Event", 0.04),
]
PREDICATES = {
    "Person": ["holds_position"],
    "Product": ["owns", "supplies_to"],
    "Project": ["wins_bid"],
    "Company": [
        "holds_shares_in",
        "cooperates_with",
        "acquires",
        "invests_in",
        "supplies_to",
        "competes_with",
    ],
}
SYLLABLES = "华中国泰安宏达信通盛源恒丰科技新金海天长城东方鑫瑞博远明光电子医药能源集团控股"


def synthetic_network(n: int, seed: int = 0) -> nx.MultiDiGraph:
    """A MultiDiGraph of about `n` entities and 0.9 n relations, with attributes as kg.network makes them."""
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    tickets: list[str] = []  # a company appears once per article that named it

    def new(kind: str) -> str:
        node = f"e{graph.number_of_nodes()}"
        stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        label = {"Person": stem[:3], "Company": stem + "股份"}.get(kind, stem) + str(len(graph))
        ticker = f"SH{600000 + len(graph)}" if kind == "Company" and rng.random() < 0.4 else None
        graph.add_node(node, type=kind, label=label, aliases=[], ticker=ticker, articles=[], dates=[])
        return node

    article = 0
    while graph.number_of_nodes() < n:
        article += 1
        aid, date = f"a{article}", f"2022-{1 + article % 12:02d}-{1 + article % 28:02d}"
        title = f"文章{article}：公司公告与业务进展"
        hubs = [rng.choice(tickets) if tickets and rng.random() < 0.6 else new("Company")]
        if rng.random() < 0.3:
            hubs.append(rng.choice(tickets) if tickets and rng.random() < 0.5 else new("Company"))
        tickets.extend(hubs)
        for _ in range(rng.randint(1, 6)):
            kind = rng.choices([t for t, _ in OTHER_TYPES], weights=[w for _, w in OTHER_TYPES])[0]
            other = new(kind)
            graph.nodes[other]["articles"].append(aid)
            graph.nodes[other]["dates"].append(date)
            if rng.random() < 0.12:
                continue  # named without a fact
            for hub in hubs if rng.random() < 0.3 else hubs[:1]:
                pred = rng.choice(PREDICATES.get(kind, ["cooperates_with"]))
                _link(graph, rng, other, hub, pred, aid, title, date)
        if len(hubs) == 2 and hubs[0] != hubs[1]:
            _link(graph, rng, hubs[0], hubs[1], rng.choice(PREDICATES["Company"]), aid, title, date)
    return graph


def _link(graph: nx.MultiDiGraph, rng: random.Random, s: str, o: str, pred: str, aid, title, date) -> None:
    sentence = (
        f"{graph.nodes[s]['label']}与{graph.nodes[o]['label']}相关的报道称，双方在本年度继续推进业务合作。"
    )
    ev = Evidence(
        f"f{s}-{o}",
        sentence,
        aid,
        title,
        date,
        f"https://example.com/{aid}.html",
        round(rng.uniform(0.5, 1), 2),
    )
    old = graph.get_edge_data(s, o, pred)
    evidence = [*old["evidence"], ev] if old else [ev]
    graph.add_edge(s, o, key=pred, **edge_attributes(pred, evidence))

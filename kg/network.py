"""A built graph (RDF) as a networkx MultiDiGraph of entities joined by the facts read about them."""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from rdflib import Dataset, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from kg.rdf.vocab import KG, SCHEMA
from kg.schema import entity_types, predicates
from kg.store import load_dataset

UNTYPED = "Other"


@dataclass(frozen=True)
class Evidence:
    """One fact behind an edge: the sentence it was read from and the article that holds it."""

    fact: str
    sentence: str
    article: str
    title: str
    date: str  # YYYY-MM-DD: the article's publication day, else the fact's own date
    url: str
    confidence: float | None
    position: str = ""
    acting: bool = False
    status: str = ""
    extractor: str = ""


class EntityNotFound(LookupError):
    """No entity goes by the name asked for; carries close names to suggest."""

    def __init__(self, query: str, suggestions: list[str]) -> None:
        hint = f" (did you mean: {', '.join(suggestions)}?)" if suggestions else ""
        super().__init__(f"no entity named {query!r}{hint}")
        self.query = query
        self.suggestions = suggestions


def load_network(source: str | Path) -> nx.MultiDiGraph:
    """The entity network of a built graph file (see kg.store.load_dataset)."""
    return to_network(load_dataset(source))


def to_network(dataset: Dataset) -> nx.MultiDiGraph:
    """Entities as nodes (type, label, aliases, ticker) and one edge per subject-predicate-object,
    carrying every fact read for it (evidence sentences, article titles, dates, URLs, confidence)."""
    facts = _Collector(dataset)
    graph = nx.MultiDiGraph()
    for node in sorted(facts.entities()):
        graph.add_node(node, **facts.node_attributes(node))
    for s, pred, o in sorted(facts.edges()):
        graph.add_edge(s, o, key=pred, **edge_attributes(pred, facts.evidence.get((s, pred, o), [])))
    return graph


def edge_attributes(predicate: str, evidence: list[Evidence]) -> dict:
    """The attributes of an edge from its predicate and the facts behind it."""
    evidence = sorted(evidence, key=lambda e: (e.date, e.title, e.sentence, e.position, e.fact))
    scores = [e.confidence for e in evidence if e.confidence is not None]
    return {
        "predicate": predicate,
        "confidence": max(scores) if scores else None,
        "evidence": evidence,
        "sentences": _unique(e.sentence for e in evidence),
        "titles": _unique(e.title for e in evidence),
        "dates": _unique(e.date for e in evidence),
        "urls": _unique(e.url for e in evidence),
        "articles": _unique(e.article for e in evidence),
        "positions": _unique(e.position for e in evidence),
    }


def _unique(values) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


class _Collector:
    """One pass over every quad, keeping what the network needs."""

    def __init__(self, dataset: Dataset) -> None:
        self.types: dict[str, set[str]] = defaultdict(set)
        self.labels: dict[str, set[str]] = defaultdict(set)
        self.aliases: dict[str, set[str]] = defaultdict(set)
        self.tickers: dict[str, set[str]] = defaultdict(set)
        self.mentioned_in: dict[str, set[str]] = defaultdict(set)
        self.articles: dict[str, dict[str, str]] = defaultdict(dict)
        self.fact_nodes: dict[str, dict[str, str]] = defaultdict(dict)
        self.direct: set[tuple[str, str, str]] = set()
        known_types = {str(KG[t]): t for t in entity_types()}
        known_predicates = {str(KG[p]): p for p in predicates()}
        fact_props = {
            RDF.subject: "subject",
            RDF.predicate: "predicate",
            RDF.object: "object",
            KG.sentence: "sentence",
            KG.confidence: "confidence",
            KG.extractor: "extractor",
            KG.status: "status",
            KG.date: "date",
            KG.positionTitle: "position",
            KG.acting: "acting",
            PROV.wasDerivedFrom: "article",
        }
        article_props = {SCHEMA.headline: "title", SCHEMA.datePublished: "published", SCHEMA.url: "url"}
        for s, p, o, _g in dataset.quads((None, None, None, None)):
            s_, o_ = str(s), str(o)
            if p == RDF.type:
                if o_ in known_types:
                    self.types[s_].add(known_types[o_])
            elif p == RDFS.label:
                self.labels[s_].add(o_)
            elif p == SKOS.altLabel:
                self.aliases[s_].add(o_)
            elif p == KG.ticker:
                self.tickers[s_].add(o_)
            elif p == SCHEMA.mentions:
                self.mentioned_in[o_].add(s_)
            elif p in article_props:
                self.articles[s_][article_props[p]] = o_
            elif p in fact_props:
                self.fact_nodes[s_][fact_props[p]] = o_
            elif str(p) in known_predicates and isinstance(o, URIRef):
                self.direct.add((s_, known_predicates[str(p)], o_))
        self.evidence = self._evidence(known_predicates)

    def _evidence(self, known_predicates: dict[str, str]) -> dict[tuple[str, str, str], list[Evidence]]:
        out: dict[tuple[str, str, str], list[Evidence]] = defaultdict(list)
        for fact, props in self.fact_nodes.items():
            pred = known_predicates.get(props.get("predicate", ""))
            if not pred or "subject" not in props or "object" not in props:
                continue  # not a fact node, or one about something else
            article = props.get("article", "")
            meta = self.articles.get(article, {})
            confidence = props.get("confidence")
            out[(props["subject"], pred, props["object"])].append(
                Evidence(
                    fact=fact,
                    sentence=props.get("sentence", ""),
                    article=article,
                    title=meta.get("title", ""),
                    date=(meta.get("published") or props.get("date") or "")[:10],
                    url=meta.get("url", ""),
                    confidence=float(confidence) if confidence is not None else None,
                    position=props.get("position", ""),
                    acting=props.get("acting") == "true",
                    status=props.get("status", ""),
                    extractor=props.get("extractor", ""),
                )
            )
        return out

    def edges(self) -> set[tuple[str, str, str]]:
        return self.direct | set(self.evidence)

    def entities(self) -> set[str]:
        ends = {n for s, _p, o in self.edges() for n in (s, o)}
        return ends | set(self.mentioned_in)

    def node_attributes(self, node: str) -> dict:
        order = list(entity_types())
        types = sorted(self.types.get(node, ()), key=order.index)
        labels = sorted(self.labels.get(node, ()))
        label = labels[0] if labels else _local_name(node)
        articles = sorted(self.mentioned_in.get(node, ()))
        return {
            "type": types[0] if types else UNTYPED,
            "label": label,
            "aliases": sorted((self.aliases.get(node, set()) | set(labels[1:])) - {label}),
            "ticker": min(self.tickers[node]) if self.tickers.get(node) else None,
            "articles": articles,
            "dates": sorted(
                {(self.articles.get(a, {}).get("published") or "")[:10] for a in articles} - {""}
            ),
        }


def _local_name(iri: str) -> str:
    return iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _fold(text: str) -> str:
    return "".join(text.split()).casefold()


def names(graph: nx.MultiDiGraph, node: str) -> list[str]:
    """Every name `node` goes by: label, aliases, ticker."""
    data = graph.nodes[node]
    out = [data.get("label", ""), *data.get("aliases", ())]
    if data.get("ticker"):
        out.append(data["ticker"])
    return [n for n in out if n]


def find_entities(graph: nx.MultiDiGraph, query: str) -> list[str]:
    """The entities named `query` (label first, then alias, ticker or bare stock code, or IRI);
    raises EntityNotFound with close names when there is none."""
    if query in graph:
        return [query]
    q = _fold(query)
    by_label, by_other = [], []
    for node, data in graph.nodes(data=True):
        if _fold(data.get("label", "")) == q:
            by_label.append(node)
        elif any(_fold(a) == q for a in data.get("aliases", ())) or _ticker_matches(data.get("ticker"), q):
            by_other.append(node)
    found = by_label or by_other
    if not found:
        raise EntityNotFound(query, suggest(graph, query))
    return sorted(found, key=lambda n: (-graph.degree(n), n))


def _ticker_matches(ticker: str | None, folded_query: str) -> bool:
    if not ticker:
        return False
    t = ticker.casefold()
    return folded_query in (t, t.lstrip("abcdefghijklmnopqrstuvwxyz."))


def suggest(graph: nx.MultiDiGraph, query: str, n: int = 5) -> list[str]:
    """Up to `n` entity names close to `query`, best first."""
    labels = sorted({name for node in graph for name in names(graph, node)})
    close = difflib.get_close_matches(query, labels, n=n, cutoff=0.5)
    if len(close) < n:
        q = _fold(query)
        close += [x for x in labels if q and (q in _fold(x) or _fold(x) in q) and x not in close]
    return close[:n]


def describe(graph: nx.MultiDiGraph, node: str) -> str:
    """A short human name for `node`: its label, with its ticker when it has one."""
    data = graph.nodes[node]
    label = data.get("label") or _local_name(node)
    return f"{label} ({data['ticker']})" if data.get("ticker") else label

"""The entity network for graph tools: GraphML and GEXF (Gephi, yEd, networkx) and Neo4j import CSVs."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter
from rdflib import Dataset

from kg.export import EXPORTERS
from kg.io import atomic_open
from kg.network import to_network
from kg.schema import predicates

# Separator of list values (aliases, sentences...) in GraphML and GEXF, which have no list type.
LIST_SEPARATOR = " | "
NODE_LISTS = ("aliases", "articles", "dates")
EDGE_LISTS = ("sentences", "titles", "dates", "urls", "articles", "positions")
NEO4J_NODE_HEADER = [
    "id:ID",
    "name",
    ":LABEL",
    "type",
    "ticker",
    "aliases:string[]",
    "articles:string[]",
    "dates:string[]",
]
NEO4J_EDGE_HEADER = [
    ":START_ID",
    ":END_ID",
    ":TYPE",
    "predicate",
    "label",
    "confidence:float",
    "evidence:int",
    *(f"{name}:string[]" for name in EDGE_LISTS),
]


def flat_network(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The network with only string and number attributes: lists joined, missing values left out."""
    flat = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        attrs = {"label": data["label"], "type": data["type"]}
        if data.get("ticker"):
            attrs["ticker"] = data["ticker"]
        attrs.update({k: LIST_SEPARATOR.join(data.get(k, ())) for k in NODE_LISTS})
        flat.add_node(node, **attrs)
    for u, v, key, data in graph.edges(keys=True, data=True):
        attrs = {"predicate": key, "label": _label(key), "evidence": len(data.get("evidence", ()))}
        if data.get("confidence") is not None:
            attrs["confidence"] = float(data["confidence"])
        attrs.update({k: LIST_SEPARATOR.join(data.get(k, ())) for k in EDGE_LISTS})
        flat.add_edge(u, v, key=key, **attrs)
    return flat


def _label(predicate: str) -> str:
    term = predicates().get(predicate)
    return term.label_zh if term else predicate


@EXPORTERS.register("graphml", suffix=".graphml", help="GraphML of the entity network (Gephi, yEd, networkx)")
def export_graphml(dataset: Dataset, path: Path) -> list[Path]:
    """Write the entity network as GraphML to `path`."""
    flat = flat_network(to_network(dataset))
    with atomic_open(path, "wb") as fh:
        nx.write_graphml(flat, fh, encoding="utf-8", prettyprint=True)
    return [Path(path)]


@EXPORTERS.register("gexf", suffix=".gexf", help="GEXF 1.2 of the entity network (Gephi)")
def export_gexf(dataset: Dataset, path: Path) -> list[Path]:
    """Write the entity network as GEXF to `path`."""
    flat = flat_network(to_network(dataset))
    for n, (u, v, key) in enumerate(flat.edges(keys=True)):
        flat.edges[u, v, key]["id"] = str(n)
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(flat)
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)  # today's date would make the output differ day to day
    with atomic_open(path, "wb") as fh:
        writer.write(fh)
    return [Path(path)]


@EXPORTERS.register(
    "csv", suffix="", help="Neo4j import CSVs (nodes.csv, relationships.csv) in the folder PATH"
)
def export_neo4j_csv(dataset: Dataset, path: Path) -> list[Path]:
    """Write nodes.csv and relationships.csv for `neo4j-admin database import` into folder `path`."""
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(f"{folder}: exists and is not a folder (the csv format writes a folder)")
    graph = to_network(dataset)
    nodes_csv, edges_csv = folder / "nodes.csv", folder / "relationships.csv"
    with atomic_open(nodes_csv) as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(NEO4J_NODE_HEADER)
        for node, data in graph.nodes(data=True):
            writer.writerow(
                [
                    node,
                    _text(data["label"]),
                    f"Entity;{data['type']}",
                    data["type"],
                    data.get("ticker") or "",
                    _array(data.get("aliases", ())),
                    _array(data.get("articles", ()), url=True),
                    _array(data.get("dates", ())),
                ]
            )
    with atomic_open(edges_csv) as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(NEO4J_EDGE_HEADER)
        for u, v, key, data in graph.edges(keys=True, data=True):
            confidence = data.get("confidence")
            writer.writerow(
                [
                    u,
                    v,
                    key.upper(),
                    key,
                    _label(key),
                    "" if confidence is None else f"{float(confidence):g}",
                    len(data.get("evidence", ())),
                    *(_array(data.get(k, ()), url=k in ("urls", "articles")) for k in EDGE_LISTS),
                ]
            )
    return [nodes_csv, edges_csv]


def _text(value: str) -> str:
    """One line of text: neo4j-admin reads multi-line fields only when told to."""
    return " ".join(value.splitlines())


def _array(values, url: bool = False) -> str:
    """A Neo4j string[] field: items joined by ';', a ';' inside an item kept as its full-width or %-form."""
    return ";".join(_text(v).replace(";", "%3B" if url else "；") for v in values)

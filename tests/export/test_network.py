"""GraphML and GEXF that networkx reads back, and Neo4j `neo4j-admin import` CSVs."""

from __future__ import annotations

import csv

import networkx as nx
import pytest

from kg.export import load_all
from kg.network import to_network
from tests.viz.seed_graph import seed_dataset

EXPORTERS = load_all()


@pytest.fixture(scope="module")
def dataset():
    return seed_dataset(hostile=True)


@pytest.fixture(scope="module")
def network(dataset):
    return to_network(dataset)


def facts_of(graph) -> set[tuple[str, str, str]]:
    return {(u, d["predicate"], v) for u, v, d in graph.edges(data=True)}


def test_the_network_formats_are_registered_with_a_suffix_and_help():
    for name, suffix in (("graphml", ".graphml"), ("gexf", ".gexf"), ("csv", "")):
        assert name in EXPORTERS
        assert EXPORTERS.meta(name)["suffix"] == suffix
        assert EXPORTERS.meta(name)["help"]


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graphml_and_gexf_read_back_with_the_same_nodes_edges_and_key_attributes(
    dataset, network, tmp_path, fmt, read
):
    path = tmp_path / f"graph.{fmt}"
    assert EXPORTERS.get(fmt)(dataset, path) == [path]
    back = read(path)
    assert back.is_directed()
    assert set(back.nodes) == set(network.nodes)
    assert facts_of(back) == facts_of(network)
    for node, data in network.nodes(data=True):
        got = back.nodes[node]
        assert got["label"] == data["label"] and got["type"] == data["type"]
        assert got.get("ticker") == data["ticker"]
        assert got["aliases"] == " | ".join(data["aliases"])
    for u, v, data in back.edges(data=True):
        original = network.edges[u, v, data["predicate"]]
        assert data["confidence"] == pytest.approx(original["confidence"])
        assert data["sentences"] == " | ".join(original["sentences"])
        assert data["titles"] == " | ".join(original["titles"])
        assert data["evidence"] == len(original["evidence"])


def test_exports_are_byte_identical_run_to_run(dataset, tmp_path):
    for fmt in ("graphml", "gexf"):
        first = EXPORTERS.get(fmt)(dataset, tmp_path / f"a.{fmt}")[0].read_bytes()
        second = EXPORTERS.get(fmt)(dataset, tmp_path / f"b.{fmt}")[0].read_bytes()
        assert first == second
    assert b"lastmodifieddate" not in (tmp_path / "a.gexf").read_bytes()


def test_neo4j_csvs_have_the_import_headers(dataset, tmp_path):
    nodes_csv, rels_csv = EXPORTERS.get("csv")(dataset, tmp_path / "neo4j")
    assert (nodes_csv.name, rels_csv.name) == ("nodes.csv", "relationships.csv")
    with nodes_csv.open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header[:3] == ["id:ID", "name", ":LABEL"]
    assert "aliases:string[]" in header
    with rels_csv.open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header[:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert "confidence:float" in header and "sentences:string[]" in header


def test_neo4j_csv_rows_carry_labels_types_and_arrays(dataset, network, tmp_path):
    nodes_csv, rels_csv = EXPORTERS.get("csv")(dataset, tmp_path / "neo4j")
    with nodes_csv.open(encoding="utf-8", newline="") as fh:
        nodes = {row["name"]: row for row in csv.DictReader(fh)}
    assert set(nodes) == {d["label"] for _n, d in network.nodes(data=True)}
    assert nodes["贵州茅台"][":LABEL"] == "Entity;Company"
    assert nodes["贵州茅台"]["ticker"] == "SH600519"
    assert nodes["贵州茅台"]["aliases:string[]"] == "茅台"
    assert nodes["贵州茅台"]["dates:string[]"] == "2022-05-13;2022-06-01"
    with rels_csv.open(encoding="utf-8", newline="") as fh:
        rels = list(csv.DictReader(fh))
    assert len(rels) == network.number_of_edges()
    ids = {row["id:ID"] for row in nodes.values()}
    assert all(r[":START_ID"] in ids and r[":END_ID"] in ids for r in rels)
    by_type = {r[":TYPE"]: r for r in rels}
    assert set(by_type) >= {
        "HOLDS_POSITION",
        "OWNS",
        "PROVIDES_SERVICE_TO",
        "WINS_BID",
        "SIGNS_AGREEMENT_WITH",
    }
    assert by_type["OWNS"]["confidence:float"] == "0.9"
    assert (
        by_type["OWNS"]["urls:string[]"] == "http://finance.eastmoney.com/news/1354,202205132378978254.html"
    )
    holds = [r for r in rels if r[":TYPE"] == "HOLDS_POSITION"]
    assert sorted(r["positions:string[]"] for r in holds) == ["总经理;董事", "董事长"]


def test_neo4j_array_items_never_contain_the_separator(tmp_path):
    from kg.export.network import _array

    assert _array(["甲;乙", "丙"]) == "甲；乙;丙"
    assert _array(["http://x/a;b"], url=True) == "http://x/a%3Bb"
    assert _array(["两\n行"]) == "两 行"


def test_csv_refuses_a_file_in_place_of_its_folder(dataset, tmp_path):
    target = tmp_path / "neo4j"
    target.write_text("not a folder", encoding="utf-8")
    with pytest.raises(NotADirectoryError, match="not a folder"):
        EXPORTERS.get("csv")(dataset, target)

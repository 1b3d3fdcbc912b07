"""The RDF graph as an entity network: nodes, edges with their evidence, and finding entities by name."""

from __future__ import annotations

from dataclasses import replace

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kg.network import EntityNotFound, find_entities, load_network, suggest, to_network
from kg.pipeline import build_dataset
from kg.rdf.vocab import KG, entity_iri
from tests.viz import seed_graph
from tests.viz.seed_graph import seed_dataset

MOUTAI = str(entity_iri("Company", "SH600519"))
JZT = str(entity_iri("Company", "SH600998"))
IMOUTAI = str(entity_iri("Product", "i茅台"))
LI = str(entity_iri("Person", "李静仁"))


@pytest.fixture(scope="module")
def network():
    return to_network(seed_dataset())


def test_every_seed_entity_is_a_node_with_type_label_aliases_and_ticker(network):
    labels = {d["label"]: d for _n, d in network.nodes(data=True)}
    assert set(labels) == {
        "贵州茅台",
        "九州通",
        "i茅台",
        "李静仁",
        "丁雄军",
        "杭州互联网公证处",
        "黑猫投诉平台",
        "财联社",
        "贵州省",
        "茅台数字营销平台",
    }
    assert labels["贵州茅台"]["type"] == "Company"
    assert labels["贵州茅台"]["ticker"] == "SH600519"
    assert labels["贵州茅台"]["aliases"] == ["茅台"]
    assert labels["李静仁"]["type"] == "Person" and labels["李静仁"]["ticker"] is None
    assert labels["财联社"]["dates"] == ["2022-05-13"]


def test_one_edge_per_fact_triple_in_its_stated_direction(network):
    edges = {
        (network.nodes[u]["label"], k, network.nodes[v]["label"]) for u, v, k in network.edges(keys=True)
    }
    assert edges == {
        ("九州通", "provides_service_to", "i茅台"),
        ("李静仁", "holds_position", "贵州茅台"),
        ("丁雄军", "holds_position", "贵州茅台"),
        ("贵州茅台", "owns", "i茅台"),
        ("九州通", "wins_bid", "茅台数字营销平台"),
    }


def test_edges_carry_evidence_sentences_titles_dates_urls_and_confidence(network):
    data = network.edges[JZT, IMOUTAI, "provides_service_to"]
    assert data["predicate"] == "provides_service_to"
    assert data["sentences"] == ["九州通在近期的投资者线上交流会上表示，“i茅台”相关技术服务主要由他们承担。"]
    assert data["titles"] == ["抢到手的酒“飞”了？贵州茅台称支付系统故障"]
    assert data["dates"] == ["2022-05-13"]
    assert data["urls"] == ["http://finance.eastmoney.com/news/1354,202205132378978254.html"]
    assert data["confidence"] == pytest.approx(0.9)
    (evidence,) = data["evidence"]
    assert evidence.article.endswith("/article/202205132378978254")


def test_two_positions_of_one_person_are_one_edge_with_both_titles(network):
    data = network.edges[LI, MOUTAI, "holds_position"]
    assert sorted(data["positions"]) == ["总经理", "董事"]
    assert len(data["evidence"]) == 2
    acting = {e.position: e.acting for e in data["evidence"]}
    assert acting == {"董事": False, "总经理": True}


def test_the_same_fact_in_two_articles_is_one_edge_with_both_articles():
    first = seed_graph.seed_extraction()
    again = seed_graph.seed_extraction(
        replace(first.article, id="seed-again", title="再次报道", published="2022-07-01T08:00:00+08:00")
    )
    graph = to_network(build_dataset([first, again]))
    data = graph.edges[JZT, IMOUTAI, "provides_service_to"]
    assert len(data["evidence"]) == 2
    assert data["dates"] == ["2022-05-13", "2022-07-01"]
    assert data["titles"] == ["抢到手的酒“飞”了？贵州茅台称支付系统故障", "再次报道"]
    assert data["sentences"] == ["九州通在近期的投资者线上交流会上表示，“i茅台”相关技术服务主要由他们承担。"]
    assert graph.nodes[MOUTAI]["dates"] == ["2022-05-13", "2022-07-01"]


def test_a_direct_triple_without_a_fact_node_is_an_edge_without_evidence():
    ds = Dataset(default_union=True)
    g = ds.graph(URIRef("https://example.org/g"))
    a, b = URIRef("https://example.org/a"), URIRef("https://example.org/b")
    g.add((a, RDF.type, KG.Company))
    g.add((a, RDFS.label, Literal("甲公司")))
    g.add((b, RDF.type, KG.Company))
    g.add((a, KG.owns, b))
    graph = to_network(ds)
    assert graph.nodes[str(a)]["label"] == "甲公司"
    assert graph.nodes[str(b)]["label"] == "b"  # no label: the end of its IRI
    data = graph.edges[str(a), str(b), "owns"]
    assert data["evidence"] == [] and data["confidence"] is None


def test_entities_are_found_by_name_alias_ticker_bare_code_or_iri(network):
    assert find_entities(network, "贵州茅台") == [MOUTAI]
    assert find_entities(network, "茅台") == [MOUTAI]
    assert find_entities(network, "sh600519") == [MOUTAI]
    assert find_entities(network, "600998") == [JZT]
    assert find_entities(network, " i茅台 ") == [IMOUTAI]
    assert find_entities(network, MOUTAI) == [MOUTAI]


def test_an_unknown_name_is_an_error_that_suggests_close_names(network):
    with pytest.raises(EntityNotFound) as err:
        find_entities(network, "贵州矛台")
    assert "贵州茅台" in err.value.suggestions
    assert "did you mean" in str(err.value)
    assert suggest(network, "完全无关的名字") == []


def test_a_graph_file_loads_into_the_same_network(tmp_path, network):
    path = tmp_path / "graph.trig"
    build_dataset([seed_graph.seed_extraction()]).serialize(str(path), format="trig")
    loaded = load_network(path)
    assert list(loaded.nodes(data="label")) == list(network.nodes(data="label"))
    assert list(loaded.edges(keys=True)) == list(network.edges(keys=True))


def test_the_network_of_the_real_pipeline_has_the_seed_companies(seed_extraction):
    graph = to_network(build_dataset([seed_extraction]))
    labels = {d["label"] for _n, d in graph.nodes(data=True)}
    assert {"贵州茅台", "九州通"} <= labels
    assert find_entities(graph, "SH600519")

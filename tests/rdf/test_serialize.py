"""Serialisation of built graphs: every format parses back to the same data, and output never varies."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import RDFS, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.pipeline import build_dataset
from kg.rdf.serialize import FORMATS, SerializeError, rdf_format, serialize
from kg.rdf.vocab import KG, PREFIXES, article_iri, entity_iri
from tests.query.articles import position_article

REPO = Path(__file__).resolve().parents[2]
EVIDENCE = "贵州茅台董事、代行总经理职责李静仁回复表示"
NAMED = [name for name, spec in FORMATS.items() if spec.named_graphs]
MERGED = [name for name, spec in FORMATS.items() if not spec.named_graphs]


@pytest.fixture(scope="module")
def quads(seed_extraction) -> list[tuple]:
    """Two articles describing 贵州茅台, plus one statement in the default graph."""
    later = position_article("later-1", "贵州茅台", "王莉", "总经理", "SH600519")
    ds = build_dataset([seed_extraction, later])
    return [*ds.quads(), (KG.build, KG.note, Literal("默认图", lang="zh"), DATASET_DEFAULT_GRAPH_ID)]


def dataset_of(quads) -> Dataset:
    ds = Dataset(default_union=True)
    for s, p, o, g in quads:
        ds.add((s, p, o, g))
    return ds


@pytest.fixture(scope="module")
def dataset(quads) -> Dataset:
    return dataset_of(quads)


def graphs_of(ds: Dataset) -> dict[str, Graph]:
    """The non-empty graphs of `ds` by name, each as a plain Graph."""
    out = {}
    for g in ds.graphs():
        if len(g):
            plain = Graph()
            for triple in g:
                plain.add(triple)
            out[str(g.identifier)] = plain
    return out


def merged(ds: Dataset) -> Graph:
    graph = Graph()
    for s, p, o, _ in ds.quads():
        graph.add((s, p, o))
    return graph


@pytest.mark.parametrize("fmt", NAMED)
def test_named_graph_formats_parse_back_graph_by_graph(dataset, fmt):
    data = serialize(dataset, fmt)
    back = Dataset()
    back.parse(data=data, format=fmt)
    expected, got = graphs_of(dataset), graphs_of(back)
    assert sorted(got) == sorted(expected)
    assert str(article_iri("later-1")) in got
    for name, graph in expected.items():
        assert isomorphic(got[name], graph), name
    assert EVIDENCE in data.decode("utf-8")


@pytest.mark.parametrize("fmt", MERGED)
def test_merged_formats_parse_back_to_the_union_of_the_graphs(dataset, fmt):
    data = serialize(dataset, fmt)
    back = Graph().parse(data=data, format=fmt)
    assert isomorphic(back, merged(dataset))
    assert EVIDENCE in data.decode("utf-8")
    assert Literal("默认图", lang="zh") in set(back.objects())


@pytest.mark.parametrize("fmt", ["turtle", "trig"])
def test_an_entity_named_in_latin_with_a_final_dot_parses_back(fmt):
    company = entity_iri("Company", "AdvancedDairyCompanyLtd.")
    ds = Dataset()
    ds.add((company, RDFS.label, Literal("AdvancedDairyCompanyLtd."), article_iri("a1")))
    back = Dataset()
    back.parse(data=serialize(ds, fmt), format=fmt)
    assert (company, RDFS.label, Literal("AdvancedDairyCompanyLtd.")) in {q[:3] for q in back.quads()}


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_output_does_not_depend_on_insertion_order(quads, dataset, fmt):
    assert serialize(dataset, fmt) == serialize(dataset, fmt)
    assert serialize(dataset_of(reversed(quads)), fmt) == serialize(dataset, fmt)


def test_output_does_not_depend_on_the_hash_seed(dataset, tmp_path):
    path = tmp_path / "graph.nq"
    path.write_bytes(serialize(dataset, "nquads"))
    script = (
        "import hashlib, sys\n"
        "from kg.store import load_dataset\n"
        "from kg.rdf.serialize import FORMATS, serialize\n"
        "ds = load_dataset(sys.argv[1])\n"
        "print(*(hashlib.sha256(serialize(ds, f)).hexdigest() for f in FORMATS))\n"
    )
    digests = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}
        done = subprocess.run(
            [sys.executable, "-c", script, str(path)], env=env, capture_output=True, text=True, check=True
        )
        digests.append(done.stdout.split())
    assert digests[0] == digests[1]
    assert digests[0][list(FORMATS).index("nquads")] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_turtle_binds_every_project_prefix_in_order_and_groups_each_subject(dataset):
    lines = serialize(dataset, "turtle").decode("utf-8").splitlines()
    header = [line for line in lines if line.startswith("@prefix ")]
    assert header == sorted(f"@prefix {p}: <{ns}> ." for p, ns in PREFIXES.items())
    subjects = [line.split(" ", 1)[0] for line in lines[len(header) :] if line and not line[0].isspace()]
    assert len(subjects) == len(set(subjects))
    assert "kgid:company\\/SH600519" in subjects


def test_line_formats_are_sorted_and_merged_lines_are_distinct(dataset):
    nt = serialize(dataset, "nt").decode("utf-8").splitlines()
    nq = serialize(dataset, "nquads").decode("utf-8").splitlines()
    assert nt == sorted(nt) and len(nt) == len(set(nt))
    assert nq == sorted(nq)
    ticker = f'<https://w3id.org/kg-news/id/company/SH600519> <{KG.ticker}> "SH600519"'
    assert sum(line.startswith(ticker) for line in nt) == 1
    assert sum(line.startswith(ticker) for line in nq) == 2  # once per article


def test_trig_writes_each_article_graph_once_and_the_default_graph_first(dataset):
    text = serialize(dataset, "trig").decode("utf-8")
    body = [line for line in text.splitlines() if not line.startswith("@prefix ")]
    assert body[0].startswith("kg:build ")
    blocks = [line for line in body if line.endswith("{")]
    assert blocks == sorted(blocks) and len(blocks) == 2


def test_a_plain_graph_is_written_too():
    graph = Graph()
    graph.add((KG.a, KG.b, Literal("甲")))
    assert serialize(graph, "nt") == f'<{KG.a}> <{KG.b}> "甲" .\n'.encode()
    assert serialize(graph, "nquads") == serialize(graph, "nt")


def test_an_empty_dataset_gives_valid_empty_documents():
    for fmt in FORMATS:
        data = serialize(Dataset(), fmt)
        assert len(Dataset().parse(data=data, format=fmt)) == 0, fmt


def test_formats_are_named_with_aliases_and_unknown_ones_listed():
    assert rdf_format("jsonld") is FORMATS["json-ld"] and rdf_format("ttl") is FORMATS["turtle"]
    with pytest.raises(
        KeyError, match=r"unknown RDF format 'n3' \(known: turtle, trig, nt, nquads, json-ld, xml\)"
    ):
        rdf_format("n3")


def test_an_iri_oxigraph_rejects_is_a_clear_error():
    graph = Graph()
    graph.add((URIRef("http://example.org/a b"), KG.b, Literal("x")))
    with pytest.raises(SerializeError, match="cannot write <http://example.org/a b>"):
        serialize(graph, "turtle")

"""RDF exports: registered formats, files written whole, read back by kg.store, and the `kg export` command."""

from __future__ import annotations

import json

import pytest

from kg.cli import main
from kg.export import load_all
from kg.export.rdf import NAMES
from kg.query import run_named
from kg.rdf.serialize import serialize
from kg.store import RDF_SUFFIXES, load_dataset

EXPORTERS = load_all()
NAMED_GRAPHS = {"trig", "nquads", "jsonld"}


def article_graphs(ds) -> int:
    return sum(
        1 for g in ds.graphs() if len(g) and str(g.identifier).startswith("https://w3id.org/kg-news/id/")
    )


def test_the_rdf_formats_are_registered_with_a_suffix_kg_can_read_back():
    for name in ("turtle", "trig", "nt", "nquads", "jsonld", "xml"):
        meta = EXPORTERS.meta(name)
        assert meta["help"] and RDF_SUFFIXES[meta["suffix"]], name


@pytest.mark.parametrize("fmt", sorted(NAMES))
def test_each_format_is_written_whole_and_loads_back(seed_dataset, tmp_path, fmt):
    path = tmp_path / f"graph{EXPORTERS.meta(fmt)['suffix']}"
    path.write_text("old content")
    assert EXPORTERS.get(fmt)(seed_dataset, path) == [path]
    assert path.read_bytes() == serialize(seed_dataset, NAMES[fmt])
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left behind
    back = load_dataset(path)
    assert len(back) == len(seed_dataset)  # the union: the same triples
    assert article_graphs(back) == (1 if fmt in NAMED_GRAPHS else 0)
    rows = run_named(back, "positions", company="贵州茅台")
    assert [(str(r["person"]), str(r["title"])) for r in rows] == [
        ("丁雄军", "董事长"),
        ("李静仁", "总经理"),
        ("李静仁", "董事"),
    ]


def run(capsys, *argv) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_export_to_standard_output_gives_the_serialised_graph(seed_file, capsysbinary):
    assert main(["export", str(seed_file), "--format", "turtle"]) == 0
    out = capsysbinary.readouterr().out
    assert out == serialize(load_dataset(seed_file), "turtle")


def test_export_format_follows_the_suffix_of_the_output(seed_file, tmp_path, capsys):
    assert run(capsys, "export", seed_file, "-o", tmp_path / "out.nq") == (0, "", "")
    assert (tmp_path / "out.nq").read_bytes() == serialize(load_dataset(seed_file), "nquads")
    assert run(capsys, "export", seed_file, "--format", "jsonld", "-o", tmp_path / "g.json")[0] == 0
    assert json.loads((tmp_path / "g.json").read_text("utf-8"))[0]["@id"].startswith(
        "https://w3id.org/kg-news/"
    )


def test_export_dispatches_to_every_registered_format(seed_file, tmp_path, capsys):
    status, out, _ = run(capsys, "export", "--list")
    assert status == 0
    listed = [line.split()[0] for line in out.splitlines()]
    assert listed == sorted(EXPORTERS.names())
    if "graphml" in EXPORTERS:
        assert run(capsys, "export", seed_file, "-o", tmp_path / "g.graphml")[0] == 0
        assert b"<graphml" in (tmp_path / "g.graphml").read_bytes()


@pytest.mark.parametrize(
    "argv, status, message",
    [
        (["export", "{seed}", "--format", "n3"], 2, "unknown format 'n3' (known: "),
        (["export", "{missing}", "--format", "nt"], 1, "nope.trig: no such file or directory"),
        (["export", "{garbage}", "--format", "nt"], 1, "garbage.ttl: cannot parse as turtle"),
        (["export", "{seed}"], 2, "give --format: no format is known for standard output"),
        (["export", "{seed}", "-o", "{odd}"], 2, "no format is known for"),
        (["export", "--format", "nt"], 2, "give the GRAPH file"),
    ],
)
def test_export_errors_are_one_line(seed_file, tmp_path, capsys, argv, status, message):
    garbage = tmp_path / "garbage.ttl"
    garbage.write_text("<a> <b> .\n", encoding="utf-8")
    paths = {
        "{seed}": seed_file,
        "{missing}": tmp_path / "nope.trig",
        "{garbage}": garbage,
        "{odd}": tmp_path / "x.odd",
    }
    code, out, err = run(capsys, *[paths.get(a, a) for a in argv])
    assert code == status and out == ""
    assert len(err.splitlines()) == 1 and err.startswith("kg export: ") and message in err, err
    if "unknown format" in message:
        assert all(name in err for name in EXPORTERS.names())


def test_a_format_writing_several_files_needs_an_output(seed_file, capsys):
    several = [n for n in EXPORTERS.names() if EXPORTERS.meta(n).get("suffix") == ""]
    if not several:
        pytest.skip("no exporter writes a folder")
    code, out, err = run(capsys, "export", seed_file, "--format", several[0])
    assert code == 2 and out == "" and "give -o" in err

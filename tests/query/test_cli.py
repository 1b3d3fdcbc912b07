"""`kg query` on a built graph file: output formats, named queries, and one-line errors."""

from __future__ import annotations

import csv
import io
import json
import sys

import pytest
from rdflib import Graph

from kg.cli import main

POSITIONS = ["query", "--named", "positions", "--param", "company=贵州茅台"]


def run(capsys, *argv) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_named_positions_print_an_aligned_table(seed_file, capsys):
    status, out, err = run(capsys, *POSITIONS, seed_file)
    assert status == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split() == [
        "company",
        "person",
        "title",
        "acting",
        "reported",
        "articles",
        "as_written",
        "evidence",
        "article",
    ]
    assert [line.split()[1:4] for line in lines[2:5]] == [
        ["丁雄军", "董事长", "false"],
        ["李静仁", "总经理", "true"],
        ["李静仁", "董事", "false"],
    ]
    assert lines[-1] == "(3 rows)"


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_csv_json_and_tsv_outputs_parse(seed_file, capsys, engine):
    _, out, _ = run(capsys, *POSITIONS, seed_file, "--format", "csv", "--engine", engine)
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert [(r["person"], r["title"], r["acting"]) for r in rows] == [
        ("丁雄军", "董事长", "false"),
        ("李静仁", "总经理", "true"),
        ("李静仁", "董事", "false"),
    ]
    _, out, _ = run(capsys, *POSITIONS, seed_file, "--format", "json", "--engine", engine)
    assert [b["person"]["value"] for b in json.loads(out)["results"]["bindings"]] == [
        "丁雄军",
        "李静仁",
        "李静仁",
    ]
    _, out, _ = run(capsys, *POSITIONS, seed_file, "--format", "tsv", "--engine", engine)
    assert [len(line.split("\t")) for line in out.splitlines()] == [9] * 4


def test_both_engines_print_the_same_table(seed_file, capsys):
    outputs = {run(capsys, *POSITIONS, seed_file, "--engine", e)[1] for e in ("oxigraph", "rdflib")}
    assert len(outputs) == 1


def test_a_query_from_the_command_line_a_file_or_standard_input(seed_file, tmp_path, capsys, monkeypatch):
    sparql = "SELECT ?name WHERE { ?c kg:ticker ?t ; rdfs:label ?name } ORDER BY ?name"
    expected = ["name", "--------", "九州通", "贵州茅台", "(2 rows)"]
    assert run(capsys, "query", seed_file, sparql)[1].splitlines() == expected
    (tmp_path / "q.rq").write_text(sparql, encoding="utf-8")
    assert run(capsys, "query", seed_file, "-f", tmp_path / "q.rq")[1].splitlines() == expected
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(sparql.encode("utf-8"))))
    assert run(capsys, "query", seed_file, "-f", "-")[1].splitlines() == expected


def test_construct_prints_turtle(seed_file, capsys):
    status, out, _ = run(capsys, "query", seed_file, "CONSTRUCT WHERE { ?c kg:ticker ?t }")
    assert status == 0 and len(Graph().parse(data=out, format="turtle")) == 2


def test_list_shows_every_named_query_with_its_parameters(capsys):
    status, out, _ = run(capsys, "query", "--list")
    assert status == 0
    for name in ("positions", "services", "facts", "neighbours", "predicate-counts"):
        assert f"\n{name}: " in f"\n{out}"
    assert "--param company=" in out and "--param entity=" in out


def test_an_injection_attempt_finds_nothing_and_changes_nothing(seed_file, capsys):
    before = seed_file.read_bytes()
    status, out, err = run(
        capsys, "query", "--named", "positions", "--param", 'company=x" } ; DROP ALL ; #', seed_file
    )
    assert status == 0 and err == "" and out.splitlines()[-1] == "(0 rows)"
    assert seed_file.read_bytes() == before
    assert run(capsys, *POSITIONS, seed_file)[1].splitlines()[-1] == "(3 rows)"


@pytest.mark.parametrize(
    "argv, status, message",
    [
        (["query", "{missing}", "ASK {}"], 1, "no such file or directory"),
        (["query", "{garbage}", "ASK {}"], 1, "cannot parse as turtle"),
        (["query", "{seed}", "SELECT ?x WHERE { ?x ?p }"], 2, "SPARQL syntax error"),
        (["query", "{seed}", "DELETE WHERE { ?s ?p ?o }"], 2, "SPARQL Update is not supported"),
        (
            ["query", "{seed}", "--named", "nope"],
            2,
            "unknown named query 'nope' (known: evidence, facts, neighbours",
        ),
        (["query", "{seed}", "--named", "positions"], 2, "needs parameter 'company'"),
        (["query", "{seed}", "--named", "positions", "--param", "company"], 2, "expected NAME=VALUE"),
        (["query", "{seed}", "--named", "positions", "--param", "firm=x"], 2, "has no parameter 'firm'"),
        (["query", "{seed}"], 2, "give one of: a QUERY, -f FILE or --named NAME"),
        (["query", "{seed}", "ASK {}", "--named", "positions"], 2, "give one of"),
        (["query", "{seed}", "-f", "{missing}"], 2, "cannot read"),
        (["query", "--named", "predicate-counts"], 2, "give the GRAPH file"),
        (["query", "{seed}", "CONSTRUCT WHERE { ?c kg:ticker ?t }", "--format", "csv"], 2, "is a graph"),
    ],
)
def test_errors_are_one_line_with_the_reason(seed_file, tmp_path, capsys, argv, status, message):
    garbage = tmp_path / "garbage.ttl"
    garbage.write_text("this is not turtle\n", encoding="utf-8")
    paths = {"{seed}": seed_file, "{missing}": tmp_path / "nope.trig", "{garbage}": garbage}
    code, out, err = run(capsys, *[paths.get(a, a) for a in argv])
    assert code == status and out == ""
    assert len(err.splitlines()) == 1 and err.startswith("kg query: ") and message in err, err

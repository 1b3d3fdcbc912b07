"""Result formats: a table aligned for Chinese text, and CSV, TSV and JSON that their parsers read."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import XSD

from kg.query import QueryError, QueryResult, named_result, render, run_query
from kg.query.render import clip, display_width, short_name
from kg.rdf.vocab import ID, KG


@pytest.fixture(scope="module")
def positions(seed_dataset) -> QueryResult:
    return named_result(seed_dataset, "positions", {"company": "贵州茅台"})


def test_chinese_characters_take_two_columns():
    assert display_width("贵州茅台") == 8
    assert display_width("i茅台，OK") == 9
    assert display_width("e\u0301") == 1  # a combining accent takes no column


def test_clip_cuts_to_the_width_with_an_ellipsis():
    assert clip("贵州茅台董事长丁雄军", 9) == "贵州茅台…"
    assert display_width(clip("贵州茅台董事长丁雄军", 9)) <= 9
    assert clip("贵州茅台", 8) == "贵州茅台"
    assert clip("贵州茅台董事长丁雄军", 0) == "贵州茅台董事长丁雄军"


def test_project_iris_are_shown_as_prefixed_names():
    assert short_name(KG.holds_position) == "kg:holds_position"
    assert short_name(ID["article/202205132378978254"]) == "kgid:article/202205132378978254"
    assert short_name(URIRef("http://example.org/x")) == "<http://example.org/x>"
    assert short_name(Literal("true", datatype=XSD.boolean)) == "true"
    assert short_name(None) == ""


def test_table_columns_line_up_in_display_columns(positions):
    lines = render(positions, "table", max_width=0).splitlines()
    header, rule, rows, footer = lines[0], lines[1], lines[2:-1], lines[-1]
    assert footer == "(3 rows)" and set(rule) <= {"-", " "}
    for column in ("title", "acting", "reported", "evidence"):
        at = display_width(header[: header.index(column)])
        for line, record in zip(rows, positions.records(), strict=True):
            cell = short_name(record[column])
            assert display_width(line[: line.index(cell, len(record["company"]))]) == at, (column, line)
    assert "kgid:article/" in rows[0] and "丁雄军" in rows[0]


def test_table_cuts_long_cells_and_keeps_rows_on_one_line(positions):
    text = render(positions, "table", max_width=20)
    assert len(text.splitlines()) == 2 + 3 + 1
    columns = len(positions.variables)
    assert max(display_width(line) for line in text.splitlines()) <= columns * 20 + (columns - 1) * 2
    assert "…" in text


def test_numbers_are_right_aligned(seed_dataset):
    lines = render(named_result(seed_dataset, "predicate-counts", {}), "table").splitlines()
    facts_end = lines[0].index("facts") + len("facts")
    assert all(line[facts_end - 1].isdigit() for line in lines[2:-1])


def test_csv_is_w3c_sparql_results_csv(positions):
    text = render(positions, "csv")
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == positions.variables
    assert [(r[1], r[2], r[3]) for r in rows[1:]] == [
        ("丁雄军", "董事长", "false"),
        ("李静仁", "总经理", "true"),
        ("李静仁", "董事", "false"),
    ]
    assert rows[1][-1].startswith("https://w3id.org/kg-news/id/article/")


def test_tsv_writes_terms_in_ntriples_syntax_with_escapes():
    result = QueryResult(
        "SELECT", ["s", "note", "n"], [(KG.x, Literal("甲\t乙\n丙"), Literal(3)), (None, None, None)]
    )
    lines = render(result, "tsv").splitlines()
    assert lines == [
        "?s\t?note\t?n",
        f"<{KG.x}>\t" + '"甲\\t乙\\n丙"\t' + f'"3"^^<{XSD.integer}>',
        "\t\t",
    ]


def test_json_is_w3c_sparql_results_json(positions):
    doc = json.loads(render(positions, "json"))
    assert doc["head"]["vars"] == positions.variables
    first, acting = doc["results"]["bindings"][0], doc["results"]["bindings"][1]
    assert first["person"] == {"type": "literal", "value": "丁雄军"}
    assert first["acting"] == {"type": "literal", "value": "false", "datatype": str(XSD.boolean)}
    assert first["article"]["type"] == "uri"
    assert "as_written" not in first and acting["as_written"]["value"] == "代行总经理职责"


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv"])
def test_ask_prints_true_or_false(seed_dataset, fmt):
    assert render(run_query(seed_dataset, "ASK { ?c kg:ticker 'SH600519' }"), fmt).strip() == "true"
    assert json.loads(render(run_query(seed_dataset, "ASK { ?c kg:ticker 'X' }"), "json")) == {
        "head": {},
        "boolean": False,
    }


def test_construct_prints_turtle_that_parses_back(seed_dataset):
    result = run_query(seed_dataset, "CONSTRUCT { ?c kg:name ?n } WHERE { ?c kg:ticker ?t ; rdfs:label ?n }")
    text = render(result, "table")
    assert text.startswith("@prefix ") and "贵州茅台" in text
    assert isomorphic(Graph().parse(data=text, format="turtle"), result.graph)
    with pytest.raises(QueryError, match="is a graph"):
        render(result, "csv")

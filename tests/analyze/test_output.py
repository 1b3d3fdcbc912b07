"""Text tables line up Chinese text; CSV and JSON keep every value."""

from __future__ import annotations

import csv
import io
import json

from kg.analyze.output import cell, table, to_csv, to_json, width


def test_wide_characters_count_as_two_columns():
    assert width("贵州茅台") == 8
    assert width("i茅台") == 5
    assert width("SH600519") == 8


def test_columns_line_up_with_chinese_names():
    text = table([{"name": "贵州茅台", "n": 1}, {"name": "i茅台", "n": 22}], ["name", "n"])
    lines = text.splitlines()
    assert lines[0] == "name      n"
    assert lines[1] == "--------  --"
    # the second column starts at the same screen column on every line
    assert {width(line.split("  ")[0]) for line in lines[2:]} <= {8, 5}
    assert [width(line[: line.rindex(" ") + 1]) for line in lines[2:]] == [10, 10]


def test_cells_drop_none_shorten_floats_and_flatten_lines():
    assert cell(None) == ""
    assert cell(0.290465123) == "0.290465"
    assert cell(0.5) == "0.5"
    assert cell(0.0) == "0"
    assert cell("两行\n文字") == "两行 文字"
    assert cell(["a", "b"]) == "a; b"


def test_csv_quotes_commas_and_json_keeps_chinese():
    rows = [{"url": "http://x/1354,2022.html", "name": "九州通"}]
    parsed = list(csv.DictReader(io.StringIO(to_csv(rows, ["name", "url"]))))
    assert parsed == [{"name": "九州通", "url": "http://x/1354,2022.html"}]
    assert "九州通" in to_json(rows)
    assert json.loads(to_json(rows)) == rows

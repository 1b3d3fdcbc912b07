"""`kg viz` on a built graph file: the page, its filters, and one-line errors."""

from __future__ import annotations

import json
import re

from kg.cli import main


def data_of(path) -> dict:
    html = path.read_text("utf-8")
    return json.loads(
        re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', html, re.S).group(1)
    )


def test_viz_writes_the_page_named_by_o(hostile_graph_file, tmp_path, capsys):
    out = tmp_path / "view.html"
    assert main(["viz", str(hostile_graph_file), "-o", str(out)]) == 0
    assert capsys.readouterr().err == f"kg viz: wrote {out} (10 of 10 entities, 6 relations, 0.5 MB)\n"
    assert {n[0] for n in data_of(out)["nodes"]} >= {"贵州茅台", "九州通", "i茅台", "李静仁"}


def test_viz_writes_next_to_the_graph_by_default(tmp_path, capsys):
    from tests.viz.seed_graph import write_seed_graph

    graph = write_seed_graph(tmp_path / "graph.trig")
    assert main(["viz", str(graph)]) == 0
    assert (tmp_path / "graph.html").is_file()


def test_viz_filters_focus_types_predicates_dates_confidence_and_size(hostile_graph_file, tmp_path, capsys):
    out = tmp_path / "v.html"
    args = ["viz", str(hostile_graph_file), "-o", str(out)]
    assert main([*args, "--focus", "贵州茅台", "--hops", "1"]) == 0
    assert {n[0] for n in data_of(out)["nodes"]} == {"贵州茅台", "i茅台", "李静仁", "丁雄军", "九州通"}
    assert main([*args, "--types", "Company,Person", "--predicates", "holds_position"]) == 0
    assert {n[0] for n in data_of(out)["nodes"]} == {"贵州茅台", "李静仁", "丁雄军"}
    assert main([*args, "--since", "2022-06-01", "--until", "2022-06-30"]) == 0
    assert len(data_of(out)["edges"]) == 1
    assert main([*args, "--min-confidence", "0.7", "--max-nodes", "3"]) == 0
    data = data_of(out)
    assert data["shown"]["nodes"] == 3 and data["filtered"] == 6
    assert main([*args, "--max-nodes", "0"]) == 0
    assert data_of(out)["shown"]["nodes"] == 10


def test_viz_errors_are_one_line(hostile_graph_file, tmp_path, capsys):
    out = str(tmp_path / "v.html")
    cases = [
        (["--focus", "贵州矛台"], "no entity named '贵州矛台' (did you mean: 贵州茅台"),
        (["--types", "Firm"], "unknown entity type 'Firm'"),
        (["--since", "2022-02-30"], "--since '2022-02-30' is not a date"),
    ]
    for extra, message in cases:
        assert main(["viz", str(hostile_graph_file), "-o", out, *extra]) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"kg viz: {hostile_graph_file}: ") and message in err and err.count("\n") == 1
    assert main(["viz", str(tmp_path / "missing.trig"), "-o", out]) == 1
    assert capsys.readouterr().err == f"kg viz: {tmp_path / 'missing.trig'}: no such file or directory\n"
    assert main(["viz", str(hostile_graph_file), "-o", str(tmp_path / "v.png")]) == 1
    assert "must end in .html" in capsys.readouterr().err
    assert not (tmp_path / "v.html").exists()

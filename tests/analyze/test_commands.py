"""`kg analyze` and `kg path` on the seed article's graph, whose answers are known."""

from __future__ import annotations

import csv
import io
import json

from kg.cli import main


def test_analyze_puts_moutai_first_and_finds_the_components(seed_graph_file, capsys):
    assert main(["analyze", str(seed_graph_file), "--top", "3"]) == 0
    out = capsys.readouterr().out
    assert "10 entities, 5 relations, 5 connected components" in out
    central = out.split("Most central entities")[1].split("Communities")[0].splitlines()
    assert central[3].split()[:4] == ["1", "贵州茅台", "Company", "SH600519"]
    assert len([line for line in central if line.strip()]) == 1 + 2 + 3  # title, header, rule, 3 rows
    assert "贵州茅台、九州通、i茅台" in out.split("Connected components")[1]


def test_analyze_as_json_and_csv(seed_graph_file, capsys):
    assert main(["analyze", str(seed_graph_file), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["entities_total"] == 10 and data["components_total"] == 5
    assert data["central"][0]["name"] == "贵州茅台" and data["central"][0]["degree"] == 3
    assert data["components"][0]["size"] == 6
    assert main(["analyze", str(seed_graph_file), "--format", "csv", "--top", "2"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["name"] for r in rows] == ["贵州茅台", "九州通"]
    assert rows[0]["id"].endswith("/company/SH600519")


def test_analyze_writes_to_a_file(seed_graph_file, tmp_path, capsys):
    out = tmp_path / "report.json"
    assert main(["analyze", str(seed_graph_file), "--format", "json", "-o", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert json.loads(out.read_text("utf-8"))["central"][0]["ticker"] == "SH600519"


def test_path_from_jiuzhoutong_to_moutai_goes_through_i_moutai(seed_graph_file, capsys):
    assert main(["path", str(seed_graph_file), "九州通", "贵州茅台"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1 shortest chain of 2 hops between 九州通 (SH600998) and 贵州茅台 (SH600519)")
    assert "九州通 (SH600998) —[provides_service_to 提供服务]→ i茅台" in out
    assert "i茅台 ←[owns 拥有]— 贵州茅台 (SH600519)" in out
    assert "“i茅台”相关技术服务主要由他们承担" in out
    assert "抢到手的酒“飞”了？贵州茅台称支付系统故障 · 2022-05-13" in out


def test_path_by_ticker_as_json_and_csv(seed_graph_file, capsys):
    assert main(["path", str(seed_graph_file), "600998", "SH600519", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["hops"] == 2
    (chain,) = data["chains"]
    assert [h["direction"] for h in chain] == ["forward", "backward"]
    assert chain[1]["subject"]["name"] == "贵州茅台" and chain[1]["predicate"] == "owns"
    assert chain[1]["evidence"][0]["url"].startswith("http://finance.eastmoney.com/")
    assert main(["path", str(seed_graph_file), "李静仁", "丁雄军", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["subject"], r["predicate"], r["object"], r["direction"]) for r in rows] == [
        ("李静仁", "holds_position", "贵州茅台 (SH600519)", "forward"),
        ("丁雄军", "holds_position", "贵州茅台 (SH600519)", "backward"),
    ]


def test_an_unknown_entity_is_a_one_line_error_with_suggestions(seed_graph_file, capsys):
    assert main(["path", str(seed_graph_file), "九州通", "贵州矛台"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "no entity named '贵州矛台'" in err and "贵州茅台" in err and str(seed_graph_file) in err


def test_unconnected_entities_are_a_one_line_error(seed_graph_file, capsys):
    assert main(["path", str(seed_graph_file), "九州通", "贵州省"]) == 1
    assert (
        capsys.readouterr().err
        == f"kg path: {seed_graph_file}: no path between 九州通 (SH600998) and 贵州省\n"
    )


def test_a_missing_or_broken_graph_file_is_a_one_line_error(tmp_path, capsys):
    assert main(["analyze", str(tmp_path / "none.trig")]) == 1
    assert capsys.readouterr().err == f"kg analyze: {tmp_path / 'none.trig'}: no such file or directory\n"
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle <", encoding="utf-8")
    assert main(["path", str(broken), "a", "b"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"kg path: {broken}: cannot parse as turtle") and err.count("\n") == 1

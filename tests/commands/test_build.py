import json

import pytest

from kg.cli import main
from kg.store import load_dataset

GOOD = "中信证券董事长张佑君表示，公司将继续服务实体经济。"


def test_build_sample_writes_every_output_and_a_summary(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", "--sample", "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Built 1 article(s)" in printed and "holds_position" in printed and "Company" in printed
    for name in ("graph.trig", "graph.ttl", "graph.html", "report.json"):
        assert (out / name).stat().st_size > 0, name
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert report["articles"] == 1 and report["failed"] == []
    assert report["facts_by_predicate"]["holds_position"] == 3
    ds = load_dataset(out / "graph.trig")
    assert len(list(ds.graphs())) >= 2  # the article's named graph (and the default graph)


def test_rebuild_gives_byte_identical_files(tmp_path):
    for run in ("a", "b"):
        assert main(["build", "--sample", "--no-html", "-o", str(tmp_path / run)]) == 0
    for name in ("graph.trig", "graph.ttl", "report.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


@pytest.fixture
def mixed_inputs(write, tmp_path):
    write("in/good.txt", GOOD)
    write("in/empty.txt", "")
    write("in/image.txt", b"\x89PNG\r\n\x1a\n" + bytes(64))
    write("in/gbk.txt", GOOD.replace("张佑君", "王石"), "gbk")
    write("in/broken.md", '---\ntitle: "open\n---\n正文')
    write("in/blank-first.md", "\n---\ntitle: 标题\ndate: 2022-05-13 19:31:49 +0800\n---\n" + GOOD)
    write("in/cut.html", "<html><body><div id='ContentBody'><p>" + GOOD + "</p><p>未完")
    return tmp_path / "in"


def test_bad_inputs_each_get_one_line_and_the_rest_is_built(mixed_inputs, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(mixed_inputs), "-o", str(out), "--no-html"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3
    assert any("empty.txt: empty file" in line for line in err)
    assert any("image.txt: binary file (a PNG image)" in line for line in err)
    assert any("broken.md: " in line and "YAML" in line for line in err)
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert report["articles"] == 4
    assert sorted(f["path"].rsplit("/", 1)[1] for f in report["failed"]) == ["broken.md", "empty.txt", "image.txt"]


def test_strict_stops_at_the_first_failure(mixed_inputs, tmp_path, capsys):
    assert main(["build", str(mixed_inputs), "-o", str(tmp_path / "out"), "--no-html", "--strict"]) == 1
    assert len(capsys.readouterr().err.strip().splitlines()) == 1

"""`kg build` and `kg extract` over the bad-input corpus: every failure named on one line and in
report.json, every good article built, exit status 1, --strict stopping at the first failure."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal

from kg.cli import main
from kg.rdf.vocab import KG
from kg.text.chars import printable
from tests.reliability.corpus import CONTROLS_TEXT, GOOD

REPO = Path(__file__).resolve().parents[2]


def _failure_line(record: dict) -> str:
    where = f"{record['path']}:{record['line']}" if "line" in record else record["path"]
    return "kg: " + printable(f"{where}: {record['reason']}")


def _expected(corpus):
    root, expected = corpus
    errors = {(str(root / e.name), e.line): e.detail for e in expected if e.kind == "error"}
    articles = Counter(str(root / e.name) for e in expected if e.kind == "article")
    return root, errors, articles


def _kg_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("kg: ")]


@pytest.fixture(scope="module")
def built(corpus, tmp_path_factory):
    """`kg build` of the corpus, in this process: (exit status, stdout, stderr, output folder)."""
    out = tmp_path_factory.mktemp("built")
    capture = pytest.MonkeyPatch()
    import io

    stdout, stderr = io.StringIO(), io.StringIO()
    capture.setattr(sys, "stdout", stdout)
    capture.setattr(sys, "stderr", stderr)
    try:
        status = main(["build", str(corpus[0]), "-o", str(out), "--no-html"])
    finally:
        capture.undo()
    return status, stdout.getvalue(), stderr.getvalue(), out


def test_build_exits_1_and_reports_every_failure_once(corpus, built):
    _, errors, _ = _expected(corpus)
    status, printed, err, out = built
    assert status == 1
    report = json.loads((out / "report.json").read_text("utf-8"))
    failed = {(f["path"], f.get("line")): f["reason"] for f in report["failed"]}
    assert sorted(failed) == sorted(errors)
    for key, piece in errors.items():
        assert piece in failed[key], (key, failed[key])
    assert sorted(_kg_lines(err)) == sorted(_failure_line(f) for f in report["failed"])
    assert "Traceback" not in err
    assert f"{len(errors)} failed" in printed


def test_build_keeps_every_good_article(corpus, built):
    _, _, articles = _expected(corpus)
    status, _, _, out = built
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert report["articles"] == sum(articles.values())
    ds = Dataset(default_union=True)
    ds.parse(out / "graph.trig", format="trig")
    paths = Counter(str(o) for _, _, o, _ in ds.quads((None, KG.path, None, None)))
    assert paths == articles
    merged = Graph().parse(out / "graph.ttl", format="turtle")
    assert Counter(str(o) for o in merged.objects(None, KG.path)) == articles
    assert len(list(ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG))) == len(
        list(ds.quads())
    )


def test_control_characters_reach_the_graph_intact(corpus, built):
    root, _, _ = _expected(corpus)
    _, _, _, out = built
    ds = Dataset(default_union=True)
    ds.parse(out / "graph.trig", format="trig")
    controls = Literal(str(root / "chars" / "controls-emoji.txt"))
    (graph,) = {g for _, _, _, g in ds.quads((None, KG.path, controls, None))}
    sentences = [str(o) for _, _, o, _ in ds.quads((None, KG.sentence, None, graph))]
    assert sentences and all(s in CONTROLS_TEXT for s in sentences)
    assert any("\x01" in s and "\x1b" in s and "\u2028" in s and "👨\u200d👩" in s for s in sentences)


def test_extract_prints_every_good_article_with_exact_offsets(corpus, capsys):
    root, _, articles = _expected(corpus)
    assert main(["extract", str(root)]) == 1
    captured = capsys.readouterr()
    # JSON Lines end at LF only: U+2028 and U+0085 stand unescaped inside the records.
    records = [json.loads(line) for line in captured.out.split("\n") if line]
    assert Counter(r["path"] for r in records if r["kind"] == "article") == articles
    texts = {r["article"]: r["text"] for r in records if r["kind"] == "article"}
    for r in records:
        if r["kind"] == "mention":
            assert texts[r["article"]][r["start"] : r["end"]] == r["text"]
        if r["kind"] == "fact":
            ev = r["evidence"]
            assert texts[r["article"]][ev["start"] : ev["end"]] == ev["sentence"]
    assert "Traceback" not in captured.err


def test_extract_names_every_failure_on_one_line(corpus, capsys):
    root, errors, _ = _expected(corpus)
    assert main(["extract", str(root)]) == 1
    lines = _kg_lines(capsys.readouterr().err)
    for (path, line), piece in errors.items():
        where = printable(f"{path}:{line}: " if line else f"{path}: ")
        (entry,) = [entry for entry in lines if entry.startswith(f"kg: {where}")]
        assert piece in entry
    assert len(lines) == len(errors)


def test_extract_exits_1_on_one_bad_jsonl_line(write, capsys):
    path = write("dump.jsonl", json.dumps({"id": "a", "text": GOOD}, ensure_ascii=False) + "\n{oops\n")
    assert main(["extract", str(path)]) == 1
    assert _kg_lines(capsys.readouterr().err) == [
        f"kg: {path}:2: invalid JSON (Expecting property name enclosed in double quotes at column 2)"
    ]


@pytest.mark.parametrize("command", ["build", "extract"])
def test_strict_stops_at_the_first_failure(corpus, tmp_path, capsys, command):
    args = [command, str(corpus[0]), "--strict"]
    args += ["-o", str(tmp_path / "out"), "--no-html"] if command == "build" else []
    assert main(args) == 1
    lines = _kg_lines(capsys.readouterr().err)
    assert len(lines) == 1 and lines[0].endswith(
        "dump.jsonl:2: invalid JSON (Unterminated string starting at column 28)"
    )


def test_all_good_inputs_exit_0(corpus, tmp_path, capsys):
    good = corpus[0] / "good"
    assert main(["build", str(good), "-o", str(tmp_path / "out"), "--no-html"]) == 0
    assert json.loads((tmp_path / "out" / "report.json").read_text("utf-8"))["failed"] == []
    assert main(["extract", str(good)]) == 0
    assert _kg_lines(capsys.readouterr().err) == []


def _kg_command() -> list[str]:
    found = shutil.which("kg")
    return [found] if found else [sys.executable, "-m", "kg"]


def test_the_kg_command_prints_no_traceback(corpus, tmp_path):
    _, errors, articles = _expected(corpus)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [*_kg_command(), "build", str(corpus[0]), "-o", str(tmp_path / "out"), "--no-html"],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert len(_kg_lines(done.stderr)) == len(errors)
    report = json.loads((tmp_path / "out" / "report.json").read_text("utf-8"))
    assert report["articles"] == sum(articles.values())

    dump = "\n".join(
        [json.dumps({"id": "ok", "text": GOOD}, ensure_ascii=False), "oops", '{"id": "s", "text": "\\ud800"}']
    )
    done = subprocess.run(
        [*_kg_command(), "extract", "-"], input=dump, capture_output=True, text=True, timeout=300, env=env
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert _kg_lines(done.stderr) == ["kg: -:2: invalid JSON (Expecting value at column 1)"]
    assert [
        json.loads(line)["article"] for line in done.stdout.split("\n") if '"kind": "article"' in line
    ] == [
        "ok",
        "s",
    ]


@pytest.fixture
def failing_extractor(monkeypatch):
    """An extractor that raises on any article mentioning 爆炸, as a bug would on an odd input."""
    from kg.extract import EXTRACTORS, pipeline

    pipeline()  # registers every extractor
    real = EXTRACTORS.get("persons")

    def persons(doc):
        if "爆炸" in doc.article.text:
            raise IndexError("string index out of range")
        return real(doc)

    monkeypatch.setitem(EXTRACTORS._items, "persons", persons)


@pytest.mark.parametrize("command", ["build", "extract"])
def test_an_extraction_bug_costs_one_article_not_the_run(write, tmp_path, capsys, failing_extractor, command):
    write("in/a.txt", GOOD)
    write("in/b.txt", "某公司仓库发生爆炸。")
    write("in/c.txt", GOOD.replace("张佑君", "王石"))
    args = [command, str(tmp_path / "in")]
    # one process: the patched extractor lives in this process only
    args += ["-o", str(tmp_path / "out"), "--no-html", "--workers", "1"] if command == "build" else []
    assert main(args) == 1
    captured = capsys.readouterr()
    (line,) = _kg_lines(captured.err)
    assert line.startswith(f"kg: {tmp_path / 'in' / 'b.txt'}: ") and "IndexError" in line
    if command == "build":
        report = json.loads((tmp_path / "out" / "report.json").read_text("utf-8"))
        assert report["articles"] == 2 and [f["path"] for f in report["failed"]] == [
            str(tmp_path / "in" / "b.txt")
        ]
    else:
        assert captured.out.count('"kind": "article"') == 2


def test_strict_stops_at_an_extraction_bug(write, tmp_path, capsys, failing_extractor):
    write("in/a.txt", GOOD)
    write("in/b.txt", "某公司仓库发生爆炸。")
    write("in/c.txt", GOOD.replace("张佑君", "王石"))
    args = ["build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--no-html", "--workers", "1"]
    assert main([*args, "--strict"]) == 1
    (line,) = _kg_lines(capsys.readouterr().err)
    assert "b.txt" in line and "IndexError" in line
    report = json.loads((tmp_path / "out" / "report.json").read_text("utf-8"))
    assert report["articles"] == 1  # a.txt, built before the failure; c.txt not reached


@pytest.mark.parametrize("command", ["build", "extract"])
def test_max_chars_sets_the_article_size_limit(write, tmp_path, capsys, command):
    write("in/long.txt", GOOD * 2)
    write("in/short.txt", GOOD[:20])
    args = [command, str(tmp_path / "in"), "--max-chars", "30"]
    args += ["-o", str(tmp_path / "out"), "--no-html"] if command == "build" else []
    assert main(args) == 1
    (line,) = _kg_lines(capsys.readouterr().err)
    assert (
        line
        == f"kg: {tmp_path / 'in' / 'long.txt'}: article too long (50 characters; the limit is 30, raise it with --max-chars)"
    )
    assert main([*args[:2], "--max-chars", "0", *args[4:]]) == 0

"""Every bad input gives its article or one clear error naming the file (and line), never an exception."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys

import pytest

from kg.ingest import read_file, read_inputs
from kg.ingest.errors import InputError
from kg.ingest.limits import DEFAULT_MAX_CHARS
from kg.model import Article
from tests.reliability.corpus import GOOD


def test_every_input_in_the_corpus_gives_its_outcome(corpus, read_corpus):
    root, expected = corpus
    assert sorted(read_corpus) == sorted((e.name, e.line) for e in expected)
    for e in expected:
        item = read_corpus[(e.name, e.line)]
        if e.kind == "article":
            assert isinstance(item, Article), (e, str(item))
            assert item.text == e.detail, e
        else:
            assert isinstance(item, InputError), (e, item)
            assert e.detail in item.reason, (e, item.reason)


def test_every_error_is_one_printable_line_naming_the_file(corpus, read_corpus):
    root, _ = corpus
    for (name, line), item in read_corpus.items():
        if not isinstance(item, InputError):
            continue
        message = str(item)
        assert "\n" not in message and "\r" not in message and "\x1b" not in message, message
        where = f"{item.path}:{line}" if line else item.path
        assert item.path == str(root / name)
        assert message.startswith(where.replace("\n", "\\n").replace("\x1b", "\\x1b") + ": "), message
        message.encode("utf-8")  # no lone surrogate from an undecodable file name
        json.dumps(item.record(), ensure_ascii=False).encode("utf-8")


def test_every_article_can_be_written_out(read_corpus):
    for item in read_corpus.values():
        if isinstance(item, Article):
            json.dumps(item.record(), ensure_ascii=False).encode("utf-8")
            assert item.id and "\n" not in item.id


def test_offsets_of_publisher_markup_survive_damage(write):
    html = (
        '<div id="ContentBody"><p>据悉，<span id="stock_1.600519"><a class="keytip" data-code="1,600519">贵州\x01茅台'
        '</a></span>与<a href="http://quote.eastmoney.com/unify/r/1.600998">九州通\ud800</a>合作。<p>未完<b'
    )
    path = write("a.jsonl", json.dumps({"id": "m", "html": html}) + "\n")
    (a,) = list(read_inputs([str(path)]))
    assert [(a.text[x.start : x.end], x.ticker) for x in a.anchors] == [
        ("贵州茅台", "SH600519"),
        ("九州通\ufffd", "SH600998"),
    ]


def test_a_jsonl_line_with_surrogates_keeps_python_offsets(write):
    text = "\ud800丁雄军\udfff任贵州茅台董事长\ud83d。"
    path = write("s.jsonl", json.dumps({"id": "s", "text": text}) + "\n")
    (a,) = list(read_inputs([str(path)]))
    assert len(a.text) == len(text)
    assert a.text == text.replace("\ud800", "\ufffd").replace("\udfff", "\ufffd").replace("\ud83d", "\ufffd")
    assert a.text.index("贵州茅台") == text.index("贵州茅台")


def test_an_unreadable_file_is_reported_and_the_others_read(write, tmp_path, monkeypatch):
    write("in/locked.txt", GOOD)
    write("in/open.txt", GOOD)
    real = pathlib.Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    locked, opened = list(read_inputs([str(tmp_path / "in")]))
    assert str(locked) == f"{tmp_path / 'in' / 'locked.txt'}: cannot read file (Permission denied)"
    assert isinstance(opened, Article)


def test_chmod_000_is_reported(write, tmp_path):
    path = write("locked.txt", GOOD)
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as root: chmod 000 does not stop reads (the simulated test covers it)")
        (err,) = list(read_inputs([str(path)]))
        assert str(err) == f"{path}: cannot read file (Permission denied)"
    finally:
        path.chmod(0o644)


def test_an_unreadable_folder_is_reported(write, tmp_path, monkeypatch):
    write("in/a/1.txt", GOOD)
    write("in/b/2.txt", GOOD)
    real = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("/a"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(read_inputs([str(tmp_path / "in")]))
    assert [str(i) for i in items if isinstance(i, InputError)] == [
        f"{tmp_path / 'in' / 'a'}: cannot read directory (Permission denied)"
    ]
    assert [i.path for i in items if isinstance(i, Article)] == [str(tmp_path / "in" / "b" / "2.txt")]


def test_a_50mb_article_is_refused_unread_and_a_raised_limit_reads_it(corpus):
    root, _ = corpus
    giant = root / "size" / "giant.txt"
    assert giant.stat().st_size > 50_000_000
    (err,) = list(read_file(str(giant)))
    assert "file too large (50,0" in err.reason and "--max-chars" in err.reason
    (article,) = list(read_file(str(giant), max_chars=0))
    assert len(article.text) > 16_000_000 and article.text.startswith(GOOD)


def test_a_50mb_jsonl_line_is_refused_with_its_line_and_its_neighbours_read(write):
    lines = [
        json.dumps({"id": "a", "text": GOOD}, ensure_ascii=False),
        json.dumps({"id": "big", "text": GOOD * (50_000_000 // len(GOOD.encode()))}, ensure_ascii=False),
        json.dumps({"id": "c", "text": GOOD}, ensure_ascii=False),
    ]
    path = write("big.jsonl", "\n".join(lines))
    first, big, last = list(read_file(str(path)))
    assert isinstance(first, Article) and isinstance(last, Article)
    assert big.line == 2 and big.reason.startswith("article too long (16,")
    assert f"the limit is {DEFAULT_MAX_CHARS:,}" in big.reason


def test_an_article_longer_than_the_limit_is_refused(write):
    path = write("long.txt", "甲" * 101)
    (err,) = list(read_file(str(path), max_chars=100))
    assert (
        str(err) == f"{path}: article too long (101 characters; the limit is 100, raise it with --max-chars)"
    )
    (ok,) = list(read_file(str(path), max_chars=101))
    assert isinstance(ok, Article)


def test_a_file_much_larger_than_its_text_may_be_is_refused_before_reading(write):
    path = write("page.html", "<p>" + "甲" * 10 + "</p>" + " " * 6000)
    (err,) = list(read_file(str(path), max_chars=100))
    assert "file too large (6,037 bytes; at most 5,000" in err.reason


def test_a_reader_bug_costs_one_file_not_the_run(write, tmp_path, monkeypatch):
    import kg.ingest.plain

    write("in/a.txt", GOOD)
    write("in/b.md", GOOD)

    monkeypatch.setattr(kg.ingest.plain, "credits", None)  # text_article now fails with AttributeError
    a, b = list(read_inputs([str(tmp_path / "in")]))
    assert isinstance(a, InputError) and a.reason.startswith("unexpected error while reading (AttributeError")
    assert isinstance(b, Article)


def test_unsupported_and_missing_paths_are_named(write, tmp_path):
    pdf = write("report.pdf", b"%PDF-1.4")
    items = [str(i) for i in read_inputs([str(pdf), str(tmp_path / "missing.txt")])]
    assert items[0].startswith(f"{pdf}: unsupported file type (known: .md")
    assert items[1] == f"{tmp_path / 'missing.txt'}: no such file or directory"


def test_navigation_links_that_almost_match_do_not_hang(write):
    # 40 links separated by two spaces and a trailing word: exponential backtracking took hours.
    path = write(
        "nav.md", "---\ntitle: t\n---\n" + "[a](b)  " * 40 + "x\n\n" + GOOD + "\n" + "[" * 100_000 + "\n"
    )
    code = f"from kg.ingest import read_inputs; print(len(list(read_inputs([{str(path)!r}]))))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "1", done.stderr

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
    assert sorted(f["path"].rsplit("/", 1)[1] for f in report["failed"]) == [
        "broken.md",
        "empty.txt",
        "image.txt",
    ]


def test_strict_stops_at_the_first_failure(mixed_inputs, tmp_path, capsys):
    assert main(["build", str(mixed_inputs), "-o", str(tmp_path / "out"), "--no-html", "--strict"]) == 1
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


# Persistent stores: incremental builds, outputs, known names, removal, interruption.

MOUTAI_TEXT = "贵州茅台董事长丁雄军表示，公司将继续推进i茅台的建设。"


@pytest.fixture
def news(write, tmp_path):
    write("news/a.txt", GOOD)
    write("news/b.txt", "九州通董事长刘宝林表示，公司将继续加大医药物流投入。")
    write("news/c.txt", "招商银行行长王良表示，银行将继续支持实体经济发展。")
    return tmp_path / "news"


@pytest.fixture
def extractions_counted(monkeypatch):
    """Count the articles extracted in this process."""
    import kg.pipeline

    calls: list[str] = []
    real = kg.pipeline.extract_article

    def counting(article, *args, **kwargs):
        calls.append(article.id)
        return real(article, *args, **kwargs)

    monkeypatch.setattr(kg.pipeline, "extract_article", counting)
    return calls


def _labels(store, type_name: str) -> set[str]:
    ds = load_dataset(store)
    rows = ds.query(
        f"SELECT ?l WHERE {{ ?e a <https://w3id.org/kg-news/ontology#{type_name}> ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?l }"
    )
    return {str(r[0]) for r in rows}


def test_a_store_build_skips_unchanged_and_replaces_changed_articles(
    news, tmp_path, capsys, extractions_counted
):
    store = str(tmp_path / "store")
    args = ["build", str(news), "--store", store, "--workers", "1", "--no-html"]
    assert main(args) == 0
    assert "3 added, 0 replaced, 0 unchanged" in capsys.readouterr().out
    assert len(extractions_counted) == 3
    assert not (tmp_path / "output").exists()  # with a store, files only when -o is given

    extractions_counted.clear()
    assert main(args) == 0
    assert "0 added, 0 replaced, 3 unchanged" in capsys.readouterr().out
    assert extractions_counted == []  # nothing changed: no extraction work at all

    (news / "a.txt").write_text(GOOD.replace("张佑君", "王石"), "utf-8")
    assert main(args) == 0
    assert "0 added, 1 replaced, 2 unchanged" in capsys.readouterr().out
    assert extractions_counted == ["a"]
    people = _labels(store, "Person")
    assert "王石" in people and "张佑君" not in people  # the old article's facts are gone
    assert {"刘宝林", "王良"} <= people


def test_store_outputs_equal_a_one_shot_build_and_rebuild_byte_identically(news, tmp_path):
    store = str(tmp_path / "store")
    assert main(["build", str(news), "--no-html", "--workers", "1", "-o", str(tmp_path / "plain")]) == 0
    for run in ("s1", "s2"):
        assert (
            main(
                [
                    "build",
                    str(news),
                    "--store",
                    store,
                    "--no-html",
                    "--workers",
                    "1",
                    "-o",
                    str(tmp_path / run),
                ]
            )
            == 0
        )
    for name in ("graph.trig", "graph.ttl", "report.json"):
        assert (tmp_path / "s1" / name).read_bytes() == (tmp_path / "s2" / name).read_bytes(), name
    for name in ("graph.trig", "graph.ttl"):
        assert (tmp_path / "plain" / name).read_bytes() == (tmp_path / "s1" / name).read_bytes(), name
    report = json.loads((tmp_path / "s2" / "report.json").read_text("utf-8"))
    plain = json.loads((tmp_path / "plain" / "report.json").read_text("utf-8"))
    assert report == plain and report["articles"] == 3 and report["facts_by_predicate"]["holds_position"] >= 2


def test_names_marked_up_in_earlier_builds_are_still_recognised(write, tmp_path):
    later = write("later/moutai.txt", MOUTAI_TEXT)
    store = str(tmp_path / "store")
    assert main(["build", str(later.parent), "--no-html", "-o", str(tmp_path / "alone")]) == 0
    alone = (tmp_path / "alone" / "graph.trig").read_text("utf-8")
    assert "SH600519" not in alone  # on its own the text gives no ticker
    assert main(["build", "--sample", "--store", store]) == 0  # the sample marks up 贵州茅台 as SH600519
    assert main(["build", str(later.parent), "--store", store, "-o", str(tmp_path / "out"), "--no-html"]) == 0
    ds = load_dataset(store)
    rows = ds.query(
        "SELECT ?c WHERE { GRAPH <https://w3id.org/kg-news/id/article/moutai> { "
        "?p <https://w3id.org/kg-news/ontology#holds_position> ?c } }"
    )
    assert [str(r[0]) for r in rows] == ["https://w3id.org/kg-news/id/company/SH600519"]


def test_remove_drops_articles_by_id_or_path(news, tmp_path, capsys):
    store = str(tmp_path / "store")
    assert main(["build", str(news), "--store", store, "--workers", "1"]) == 0
    assert main(["remove", store, "a", str(news / "b.txt")]) == 0
    out = capsys.readouterr().out
    assert "removed a (" in out and "removed b (" in out
    assert _labels(store, "Person") == {"王良"}
    assert main(["remove", store, "nosuch"]) == 1
    assert "nosuch: no such article" in capsys.readouterr().err
    assert main(["remove", store, str(news)]) == 0  # a folder: everything built from under it
    assert _labels(store, "Person") == set()


def test_bad_store_is_one_line(tmp_path, write, capsys):
    write("notes/readme.md", "x")
    assert main(["build", "--sample", "--store", str(tmp_path / "notes")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not a kg store" in err[0]


KILLABLE_BUILD = """
import sys, time
import kg.build
import kg.store.oxigraph

kg.build.BATCH_ARTICLES = 1  # one transaction per article
kg.store.oxigraph.BULK_ARTICLES = 1  # ... written at once
flush = kg.build._Batch.flush

def flush_and_mark(self):
    had = bool(self.graphs)
    flush(self)
    if had:
        with open(sys.argv[3], "a") as fh:
            fh.write("x")
        time.sleep(0.5)  # leave time to be killed between two transactions

kg.build._Batch.flush = flush_and_mark
kg.build.build([sys.argv[1]], None, store=sys.argv[2], workers=1, progress=False)
"""


def _killed_build(path: str, store: str, marker: str, kill_after: int) -> int:
    """Build in a child process that is killed with SIGKILL after `kill_after` store transactions."""
    import os
    import signal
    import subprocess
    import sys
    import time

    proc = subprocess.Popen(
        [sys.executable, "-c", KILLABLE_BUILD, path, store, marker], stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline and proc.poll() is None:
        if os.path.exists(marker) and os.path.getsize(marker) >= kill_after:
            os.kill(proc.pid, signal.SIGKILL)
            break
        time.sleep(0.05)
    return proc.wait()


def test_a_build_killed_midway_leaves_whole_articles_and_the_next_run_completes_it(write, tmp_path):
    from kg.build import build
    from kg.store import open_store

    for i, person in enumerate(["张佑君", "王石", "刘宝林", "王良", "李静仁", "丁雄军"]):
        write(f"many/{i}.txt", GOOD.replace("张佑君", person))
    paths, store = [str(tmp_path / "many")], str(tmp_path / "store")
    reference = open_store("memory")
    build(paths, None, store=reference, workers=1, progress=False)
    expected: dict = {}
    for s, p, o, g in reference.quads():
        expected.setdefault(str(g), set()).add((s, p, o, g))

    assert _killed_build(paths[0], store, str(tmp_path / "marker"), kill_after=2) == -9
    with open_store(store) as db:
        stored: dict = {}
        for s, p, o, g in db.quads():
            stored.setdefault(str(g), set()).add((s, p, o, g))
    assert 2 <= len(stored) < 6
    for graph, quads in stored.items():
        assert quads == expected[graph], graph  # each article whole or not at all

    report = build(paths, None, store=store, workers=1, progress=False)
    assert report.unchanged == len(stored) and report.added == 6 - len(stored)
    with open_store(store) as db:
        assert set(db.quads()) == {q for qs in expected.values() for q in qs}

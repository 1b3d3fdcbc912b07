"""The written page: self-contained (nothing remote), article text kept as data, UTF-8, deterministic."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kg.viz import VizOptions, render_html, write_html, write_network_html
from kg.viz.page import script_json
from tests.viz.seed_graph import XSS_SENTENCE, XSS_TITLE, seed_dataset

REPO = Path(__file__).resolve().parents[2]

# Every way an HTML page can make the browser fetch something from elsewhere.
REMOTE = [
    re.compile(
        r"""<(?:script|img|iframe|embed|source|audio|video|input)\b[^>]*\ssrc\s*=\s*["']?\s*(?:https?:)?//""",
        re.I,
    ),
    re.compile(r"""<link\b[^>]*\shref\s*=\s*["']?\s*(?:https?:)?//""", re.I),
    re.compile(r"""@import\s+(?:url\()?\s*["']?\s*(?:https?:)?//""", re.I),
    re.compile(r"""url\(\s*["']?\s*(?:https?:)?//""", re.I),
    re.compile(r"""<(?:object|form)\b[^>]*\s(?:data|action)\s*=\s*["']?\s*(?:https?:)?//""", re.I),
]


@pytest.fixture(scope="module")
def page(hostile_network) -> str:
    return render_html(hostile_network)[0]


def embedded(html: str) -> dict:
    block = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', html, re.S)
    assert block, "the data block is missing"
    return json.loads(block.group(1))


def test_the_page_references_no_remote_resource(page):
    for pattern in REMOTE:
        assert not pattern.search(page), pattern.pattern
    assert "<link" not in page
    assert "cdn" not in page.lower().replace("cdna", "")


def test_vis_network_and_the_page_script_are_inlined(page):
    assert "@version 9.1.2" in page  # vis-network's own banner
    assert "new vis.Network(" in page
    assert page.count("</script") == 3  # vis-network writes its own as "</"+"script>"


def test_a_content_security_policy_forbids_every_request(page):
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in policy
    assert "http" not in policy


def test_hostile_article_text_never_appears_as_markup(page):
    data = page.split('<script id="kg-data"')[1].split("</script>")[0]
    for raw in ("<img src=x", "<img src=y", "<script>window.__xss", "</script>window", "<!--"):
        assert raw not in data
    assert "<img" not in page
    assert "javascript:" not in data  # the hostile article's URL is not kept as a link
    assert page.count("</script") == 3


def test_hostile_article_text_survives_as_data(page):
    data = embedded(page)
    titles = [a[0] for a in data["articles"]]
    sentences = [ev[0] for e in data["edges"] for ev in e[4]]
    assert XSS_TITLE in titles
    assert XSS_SENTENCE in sentences


def test_script_json_escapes_what_could_close_the_script_element():
    text = script_json({"s": "</script><!-- x & y \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"s": "</script><!-- x & y \u2028"}


def test_the_title_is_escaped(seed_network):
    html, _data = render_html(seed_network, VizOptions(title='<b onclick="x">图</b>'))
    assert "<title>&lt;b onclick=&quot;x&quot;&gt;图&lt;/b&gt;</title>" in html
    assert "<b onclick" not in html


def test_same_graph_same_bytes(tmp_path):
    first = write_html(seed_dataset(hostile=True), tmp_path / "a.html")
    second = write_html(seed_dataset(hostile=True), tmp_path / "b.html")
    assert first.path.read_bytes() == second.path.read_bytes()
    assert first.bytes == len(first.path.read_bytes())


def test_write_html_writes_utf8_atomically_and_says_what_it_shows(tmp_path):
    summary = write_html(seed_dataset(), tmp_path / "out" / "graph.html")
    assert (summary.nodes, summary.edges, summary.total_nodes, summary.total_edges) == (10, 5, 10, 5)
    assert summary.physics is True
    text = summary.path.read_bytes().decode("utf-8")
    assert "贵州茅台" in [n[0] for n in embedded(text)["nodes"]]
    assert sorted(p.name for p in summary.path.parent.iterdir()) == ["graph.html"]


def test_large_graphs_get_physics_off_and_no_edge_labels(seed_network, tmp_path):
    summary = write_network_html(
        seed_network, tmp_path / "g.html", physics_max_nodes=5, edge_label_max_edges=3
    )
    data = embedded(summary.path.read_text("utf-8"))
    assert data["physics"] is False and summary.physics is False
    assert data["edgeLabels"] is False


def test_the_page_is_written_under_a_non_utf8_locale(tmp_path):
    graph = tmp_path / "graph.trig"
    seed_dataset().serialize(str(graph), format="trig")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHONUTF8", "PYTHONIOENCODING"))}
    env.update(LANG="C", LC_ALL="C", PYTHONUTF8="0", PYTHONPATH=str(REPO))
    out = tmp_path / "view.html"
    done = subprocess.run(
        [sys.executable, "-m", "kg", "viz", str(graph), "-o", str(out)],
        env=env,
        capture_output=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert "贵州茅台" in out.read_bytes().decode("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.trig", "view.html"]  # no lib/ folder

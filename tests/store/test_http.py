"""The sparql+http store against a real Oxigraph server started on 127.0.0.1."""

import shutil
import socket
import subprocess
import time
import urllib.request

import pytest

from kg.cli import main
from kg.rdf.terms import from_ox_quad
from kg.store import load_dataset, open_store
from tests.store.conftest import article_graph

OXIGRAPH = shutil.which("oxigraph")
pytestmark = pytest.mark.skipif(
    OXIGRAPH is None, reason="the Oxigraph server is not installed (pip install 'oxigraph>=0.5,<0.6')"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    port = _free_port()
    proc = subprocess.Popen(
        [OXIGRAPH, "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=2).read()
            break
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail("the Oxigraph server did not start")
            time.sleep(0.2)
    yield f"sparql+{base}/store"
    proc.terminate()
    proc.wait(timeout=10)


def test_articles_are_put_replaced_and_removed_one_graph_each(server, seed_extraction):
    store = open_store(server)
    full, fewer = article_graph(seed_extraction), article_graph(seed_extraction, facts=1)
    store.put_article(full)
    assert store.has_article(str(full.iri), full.content_hash)
    store.put_article(fewer)
    store.put_article(fewer)  # idempotent
    assert set(store.quads()) == set(map(from_ox_quad, fewer.quads))
    store.write_meta("known-names.tsv", "贵州茅台\tSH600519\n")
    assert store.read_meta("known-names.tsv") == "贵州茅台\tSH600519\n"
    assert set(store.quads()) == set(map(from_ox_quad, fewer.quads))  # the metadata graph is not an article
    assert store.remove_article(str(full.iri)) is True
    assert list(store.articles()) == []


def test_kg_build_writes_incrementally_to_a_sparql_server(server, tmp_path, capsys):
    assert main(["build", "--sample", "--store", server, "--workers", "1"]) == 0
    assert "1 added" in capsys.readouterr().out
    assert main(["build", "--sample", "--store", server, "-o", str(tmp_path / "out"), "--no-html"]) == 0
    assert "1 unchanged" in capsys.readouterr().out
    assert main(["build", "--sample", "--no-html", "-o", str(tmp_path / "plain")]) == 0
    assert (tmp_path / "out" / "graph.trig").read_bytes() == (tmp_path / "plain" / "graph.trig").read_bytes()
    ds = load_dataset(server)
    assert "贵州茅台" in {str(o) for o in ds.objects(None, None)}

"""The scale benchmark at 1,000 articles, as a correctness smoke test (times are printed, not checked)."""

import time

import pytest

from kg.build import build
from kg.query.engine import oxigraph_store
from kg.query.named import run_named
from kg.store import load_dataset, open_store
from tests.bench.corpus import write_corpus
from tests.bench.scale import QUERIES, sample_names


@pytest.fixture(scope="module")
def corpus(shared, tmp_path_factory):
    root = tmp_path_factory.mktemp("scale")
    write_corpus(shared, root / "corpus", 1000)
    write_corpus(shared, root / "one", 1, seed=7, start=999_999)
    return root


def test_a_thousand_articles_build_rebuild_query_and_grow(corpus, capsys):
    store = str(corpus / "store")
    started = time.perf_counter()
    report = build([str(corpus / "corpus")], None, store=store, workers=2, progress=False)
    built = time.perf_counter() - started
    assert report.added == 1000 and not report.failed

    started = time.perf_counter()
    again = build([str(corpus / "corpus")], None, store=store, workers=2, progress=False)
    rebuilt = time.perf_counter() - started
    assert (again.added, again.replaced, again.unchanged) == (0, 0, 1000)

    # the named queries answer the same on the store (queried in place) and on a copy in memory
    on_disk = load_dataset(store)
    in_memory = oxigraph_store(on_disk)
    names = sample_names(on_disk, 3)
    assert names["company"] and names["entity"]
    for query, param in QUERIES.items():
        for value in names[param] if param else [None]:
            params = {param: value} if param else {}
            rows = run_named(on_disk, query, **params)
            assert rows, (query, value)
            assert rows == run_named(in_memory, query, **params), (query, value)
    del on_disk, in_memory

    started = time.perf_counter()
    one = build([str(corpus / "one")], None, store=store, workers=1, progress=False)
    added = time.perf_counter() - started
    assert one.added == 1
    with open_store(store, read_only=True) as db:
        assert sum(1 for _ in db.articles()) == 1001
    with capsys.disabled():
        print(
            f"\n1,000 articles: build {built:.1f} s, rebuild with nothing changed {rebuilt:.1f} s, add one {added:.1f} s"
        )

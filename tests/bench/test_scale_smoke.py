"""The scale benchmark at 1,000 articles, as a correctness smoke test (times are printed, not checked)."""

import json
import time

import pytest
from rdflib import Dataset

from kg.build import build
from kg.store import open_store
from tests.bench.corpus import write_corpus
from tests.bench.scale import PREFIXES, QUERIES

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(shared, tmp_path_factory):
    root = tmp_path_factory.mktemp("scale")
    write_corpus(shared, root / "corpus", 1000)
    write_corpus(shared, root / "one", 1, seed=7, start=999_999)
    return root


def _rows(result) -> list:
    """Rows as tuples of plain strings, from rdflib or from pyoxigraph."""
    return sorted(tuple("" if v is None else str(getattr(v, "value", v)) for v in row) for row in result)


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

    with open_store(store) as db:
        names = [
            str(r[0])
            for r in db.query(
                PREFIXES + "SELECT ?name (COUNT(?m) AS ?n) WHERE { GRAPH ?g { ?m org:organization ?c . "
                "?c rdfs:label ?name } } GROUP BY ?name ORDER BY DESC(?n) ?name LIMIT 3"
            )
        ]
        assert names
        memory = Dataset(default_union=True)
        memory.addN(db.quads())
        for title in ("positions at a company", "facts about an entity", "facts per predicate"):
            query = PREFIXES + QUERIES[title].replace("$name", json.dumps(names[0], ensure_ascii=False))
            on_disk = _rows(db.oxigraph.query(query, use_default_graph_as_union=True))
            assert on_disk, title
            assert on_disk == _rows(memory.query(query)), title

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

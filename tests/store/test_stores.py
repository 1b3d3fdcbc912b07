import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from kg.rdf.terms import from_ox_quad
from kg.rdf.vocab import KG, SUMMARY_GRAPH
from kg.store import GraphLoadError, StoreError, load_dataset, open_store
from kg.store.summary import PENDING
from tests.store.conftest import article_graph

MAOTAI = URIRef("https://w3id.org/kg-news/id/company/SH600519")


@pytest.fixture(params=["memory", "rdflib", "oxigraph"])
def store(request, tmp_path):
    s = open_store(tmp_path / "store" if request.param == "oxigraph" else request.param)
    yield s
    s.close()


def _count(store, pattern_sparql: str) -> int:
    return int(next(iter(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern_sparql} }}")))[0])


def test_put_then_has_and_lists_the_article(store, seed_graph):
    store.put_article(seed_graph)
    iri = str(seed_graph.iri)
    assert store.has_article(iri) and store.has_article(iri, seed_graph.content_hash)
    assert not store.has_article(iri, "another hash") and not store.has_article(iri + "x")
    (stored,) = list(store.articles())
    assert stored.iri == iri and stored.content_hash == seed_graph.content_hash
    assert stored.article_id == "202205132378978254" and stored.path.endswith(".md")
    assert store.stored_hashes([iri, iri + "x"]) == {iri: seed_graph.content_hash}
    assert set(store.quads()) == set(map(from_ox_quad, seed_graph.quads))


def test_putting_again_replaces_the_whole_graph(store, seed_extraction):
    full = article_graph(seed_extraction)
    fewer = article_graph(seed_extraction, facts=1)
    store.put_article(full)
    store.put_article(fewer)
    assert set(store.quads()) == set(map(from_ox_quad, fewer.quads))
    store.put_article(fewer)  # idempotent
    assert set(store.quads()) == set(map(from_ox_quad, fewer.quads))


def test_entities_are_shared_and_facts_go_with_their_article(store, seed_extraction):
    a, b = article_graph(seed_extraction, "a1"), article_graph(seed_extraction, "b2", facts=0)
    store.put_articles([a, b])
    # 贵州茅台 is named in both articles: one entity, one label in the merged view.
    rows = list(store.query(f"SELECT DISTINCT ?l WHERE {{ <{MAOTAI}> <{RDFS.label}> ?l }}"))
    assert [str(r[0]) for r in rows] == ["贵州茅台"]
    assert _count(store, f"?f a <{KG.Fact}>") == len(seed_extraction.facts)
    assert store.remove_article(str(a.iri)) is True
    assert store.remove_article(str(a.iri)) is False
    assert _count(store, f"?f a <{KG.Fact}>") == 0
    assert _count(store, f"?x <{KG.holds_position}> ?y") == 0
    named = f"GRAPH ?g {{ <{MAOTAI}> <{RDFS.label}> ?l }} FILTER (?g != <{SUMMARY_GRAPH}>)"
    assert _count(store, named) == 1  # still named by b2
    assert [x.article_id for x in store.articles()] == ["b2"]


def test_meta_texts_are_kept(store):
    assert store.read_meta("known-names.tsv") is None
    store.write_meta("known-names.tsv", "贵州茅台\tSH600519\n")
    assert store.read_meta("known-names.tsv") == "贵州茅台\tSH600519\n"


def test_an_oxigraph_store_persists_and_loads_as_a_dataset(tmp_path, seed_graph):
    with open_store(tmp_path / "s") as s:
        s.put_article(seed_graph)
        s.write_meta("known-names.tsv", "九州通\tSH600998\n")
    with open_store(tmp_path / "s", read_only=True) as s:
        assert s.has_article(str(seed_graph.iri), seed_graph.content_hash)
        assert s.read_meta("known-names.tsv") == "九州通\tSH600998\n"
        with pytest.raises(StoreError, match="read-only"):
            s.write_meta("x", "y")
    ds = load_dataset(tmp_path / "s")
    assert len(list(ds.quads((None, None, None, None)))) == len(set(seed_graph.quads))
    labels = {
        str(r[0]) for r in ds.query(f"SELECT ?l WHERE {{ ?c <{KG.ticker}> 'SH600998' ; <{RDFS.label}> ?l }}")
    }
    assert labels == {"九州通"}
    assert Literal("SH600519") in {o for _, _, o in ds.triples((MAOTAI, KG.ticker, None))}


def test_bad_store_locations_say_what_is_wrong(tmp_path, write):
    write("notes/readme.txt", "hello")
    with pytest.raises(StoreError, match="not a kg store"):
        open_store(tmp_path / "notes")
    with pytest.raises(StoreError, match="not a folder"):
        open_store(tmp_path / "notes" / "readme.txt")
    with pytest.raises(StoreError, match="no kg store here"):
        open_store(tmp_path / "absent", read_only=True)
    with pytest.raises(GraphLoadError, match="not a kg store"):
        load_dataset(tmp_path / "notes")
    with pytest.raises(StoreError, match="cannot reach"):
        open_store("sparql+http://127.0.0.1:9/store")


def test_a_store_in_use_is_refused_clearly(tmp_path):
    with open_store(tmp_path / "s"), pytest.raises(StoreError, match="cannot open the store"):
        open_store(tmp_path / "s")


def test_new_articles_reach_the_database_together_and_before_any_read(tmp_path, seed_extraction, monkeypatch):
    import kg.store.oxigraph as oxstore
    from kg.rdf.convert import to_nquads

    monkeypatch.setattr(oxstore, "BULK_ARTICLES", 2)
    graphs = [article_graph(seed_extraction, f"a{i}") for i in range(3)]
    graphs[2].graph = to_nquads(graphs[2].graph)  # as worker processes hand them over
    db = open_store(tmp_path / "store")

    def in_database(graph) -> bool:
        return db._store.contains_named_graph(ox.NamedNode(str(graph.iri)))

    db.put_articles(graphs[:1])
    assert not in_database(graphs[0]) and db.has_article(str(graphs[0].iri), graphs[0].content_hash)
    db.put_articles(graphs[1:2])
    db.put_articles(graphs[2:])
    assert in_database(graphs[0]) and in_database(graphs[1]) and not in_database(graphs[2])
    assert len(list(db.articles())) == 3 and in_database(graphs[2])  # a read writes what was held back
    assert db.fact_counts() and not list(db._store.quads_for_pattern(None, PENDING, None, None))
    db.close()
    with open_store(tmp_path / "store") as again:
        assert {a.iri for a in again.articles()} == {str(g.iri) for g in graphs}

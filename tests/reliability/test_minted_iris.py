"""IRIs minted from text, and text literals, in every RDF format kg writes: cases known to break."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from kg.ingest.plain import text_article
from kg.pipeline import build_dataset, extract_article
from kg.rdf.serialize import SerializeError, serialize
from kg.rdf.vocab import article_iri, entity_iri, safe_local

CONTROLS = "贵州茅台董事长丁雄军\x01表示，公司\x1b将继续推进“i茅台”的建设\x0b。"


@pytest.mark.parametrize("key", ["600519\n", "SH600519\n", "a\n"])
def test_a_key_ending_in_a_line_break_is_hashed(key):
    assert safe_local(key) != key
    for iri in (article_iri(key), entity_iri("Company", key)):
        assert "\n" not in iri
        graph = Graph()
        graph.add((iri, URIRef("https://w3id.org/kg-news/ontology#p"), Literal("x")))
        assert set(Graph().parse(data=graph.serialize(format="nt"), format="nt").subjects()) == {iri}


def test_keys_that_are_safe_stay_readable():
    assert safe_local("SH600519") == "SH600519"
    assert safe_local("202205132378978254") == "202205132378978254"
    assert safe_local("贵州茅台").startswith("h") and safe_local("贵州茅台").isascii()


@pytest.fixture(scope="module")
def controls_dataset():
    ex = extract_article(text_article("controls.txt", CONTROLS))
    assert ex.facts, "the sentence must yield a fact, so that it is written as a literal"
    return build_dataset([ex])


@pytest.mark.parametrize("fmt", ["trig", "turtle", "nt", "nquads", "json-ld"])
def test_control_characters_round_trip_in_rdf(controls_dataset, fmt):
    data = serialize(controls_dataset, fmt)
    from rdflib import Dataset

    back = Dataset(default_union=True)
    back.parse(data=data, format={"nt": "nt", "turtle": "turtle"}.get(fmt, fmt))
    sentences = {str(o) for _, p, o, _ in back.quads() if str(p).endswith("#sentence")}
    assert sentences == {CONTROLS}


def test_control_characters_give_readable_rdf_xml(controls_dataset):
    # XML 1.0 cannot hold U+0001-U+0008, U+000B, U+000C, U+000E-U+001F: each becomes U+FFFD
    back = Graph().parse(data=serialize(controls_dataset, "xml"), format="xml")
    sentences = {str(o) for p, o in back.predicate_objects() if str(p).endswith("#sentence")}
    assert sentences == {
        CONTROLS.replace("\x01", "\ufffd").replace("\x1b", "\ufffd").replace("\x0b", "\ufffd")
    }


@pytest.mark.parametrize("fmt", ["nt", "turtle", "trig", "xml"])
def test_a_lone_surrogate_is_a_serialize_error_not_a_crash(fmt):
    # kg.ingest never lets one through; an Article built by hand still gets a clear error.
    graph = Graph()
    graph.add((URIRef("https://example.org/s"), URIRef("https://example.org/p"), Literal("a\ud800b")))
    with pytest.raises(SerializeError):
        serialize(graph, fmt)

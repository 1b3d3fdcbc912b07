import pytest

import kg
from kg.build import sample_dir
from kg.ingest import InputError

TEXT = "九州通董事长刘长云表示，公司为“i茅台”提供物流技术服务。"


def test_records_from_texts():
    recs = kg.records(texts=[TEXT])
    assert recs[0]["kind"] == "article" and recs[0]["text"] == TEXT
    assert ("刘长云", "Person") in {(r["name"], r["type"]) for r in recs if r["kind"] == "entity"}


def test_build_graph_from_paths_is_queryable():
    ds = kg.build_graph(paths=[sample_dir()])
    rows = ds.query(
        """PREFIX kg: <https://w3id.org/kg-news/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
           SELECT ?n WHERE { ?p kg:holds_position ?c . ?c rdfs:label "贵州茅台" . ?p rdfs:label ?n }"""
    )
    assert sorted({str(r.n) for r in rows}) == ["丁雄军", "李静仁"]


def test_texts_with_ids_and_metadata():
    (ex,) = kg.extractions(texts=[{"id": "n1", "text": TEXT, "published": "2022-05-13T10:00:00+08:00"}])
    assert ex.article.id == "n1" and ex.article.published == "2022-05-13T10:00:00+08:00"


def test_a_bad_path_raises_the_input_error(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    with pytest.raises(InputError, match="empty file"):
        kg.extractions(paths=[tmp_path / "empty.txt"])

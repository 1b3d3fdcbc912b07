"""The seed article's gold (../shared/gold/seed.jsonl) must be fully satisfied."""

from kg.pipeline import extract_paths


def _names(ref: dict) -> set[str]:
    return {ref["name"], ref["text"]}


def test_every_gold_entity_with_its_type_ticker_and_aliases(seed_extraction, seed_gold):
    entities = {(e.name, e.type): e for e in seed_extraction.entities.values()}
    for gold in (g for g in seed_gold if g["kind"] == "entity"):
        found = entities.get((gold["name"], gold["type"]))
        assert found is not None, gold
        assert found.ticker == gold.get("ticker"), gold
        assert set(gold.get("aliases", [])) <= set(found.aliases), gold


def test_every_gold_fact_with_its_position(seed_extraction, seed_gold):
    facts = [r for r in seed_extraction.records() if r["kind"] == "fact"]
    for gold in (g for g in seed_gold if g["kind"] == "fact"):
        matches = [
            f
            for f in facts
            if f["predicate"] == gold["predicate"]
            and gold["subject"] in _names(f["subject"])
            and gold["object"] in _names(f["object"])
            and f["qualifiers"].get("position") == gold.get("position")
            and gold["evidence"] in f["evidence"]["sentence"]
        ]
        assert matches, gold


def test_acting_title_is_qualified(seed_extraction):
    (acting,) = [f for f in seed_extraction.facts if f.qualifiers.get("acting")]
    assert acting.qualifiers == {
        "position": "总经理",
        "acting": True,
        "as_written": "代行总经理职责",
        "date": "2022-05-13",
    }


def test_no_negative_name_becomes_an_entity_or_mention(seed_extraction, seed_gold):
    names = {e.name for e in seed_extraction.entities.values()} | {m.text for m in seed_extraction.mentions}
    for gold in (g for g in seed_gold if g["kind"] == "negative"):
        assert gold["name"] not in names, gold


def test_every_mention_and_fact_points_into_the_text(seed_extraction):
    text = seed_extraction.article.text
    for r in seed_extraction.records():
        if r["kind"] == "mention":
            assert text[r["start"] : r["end"]] == r["text"]
            assert r["entity"] in seed_extraction.entities
        if r["kind"] == "fact":
            ev = r["evidence"]
            assert text[ev["start"] : ev["end"]] == ev["sentence"]
            assert (
                r["subject"]["id"] in seed_extraction.entities
                and r["object"]["id"] in seed_extraction.entities
            )


def test_same_input_gives_identical_records(seed_extraction, seed_article):
    from kg.pipeline import extract_article

    assert extract_article(seed_article).records() == seed_extraction.records()


def test_a_name_marked_up_in_one_article_is_known_in_another(write, tmp_path):
    write(
        "a.jsonl",
        '{"id": "a", "html": "<p><a class=\\"keytip\\" data-code=\\"0,000858\\">五粮液</a>涨停。</p>"}\n'
        '{"id": "b", "text": "五粮液董事长曾从钦表示，公司将继续推进改革。"}\n',
    )
    a, b = list(extract_paths([str(tmp_path / "a.jsonl")]))
    (wly,) = [e for e in b.entities.values() if e.name == "五粮液"]
    assert wly.ticker == "SZ000858" and wly.id.endswith("company/SZ000858")
    (fact,) = [f for f in b.facts if f.predicate == "holds_position"]
    assert (fact.subject.text, fact.qualifiers["position"]) == ("曾从钦", "董事长")

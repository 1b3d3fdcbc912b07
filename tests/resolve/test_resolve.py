from kg.extract.known import KnownNames
from kg.ingest.plain import text_article
from kg.pipeline import extract_article


def test_same_name_at_two_companies_is_two_people():
    a = text_article("a.txt", "中信证券董事长张伟表示看好市场。", "a")
    b = text_article("b.txt", "招商银行董事长张伟表示看好市场。", "b")
    c = text_article("c.txt", "中信证券董事长张伟也表示谨慎。", "c")
    ids = [next(e.id for e in extract_article(x).entities.values() if e.name == "张伟") for x in (a, b, c)]
    assert ids[0] != ids[1] and ids[0] == ids[2]


def test_short_name_is_the_listed_company(seed_extraction):
    (maotai,) = [e for e in seed_extraction.entities.values() if e.ticker == "SH600519"]
    owner = [f for f in seed_extraction.facts if f.predicate == "owns"][0]
    assert owner.subject.text == "茅台" and owner.subject.entity == maotai.id


def test_iris_are_ascii_and_stable(seed_extraction, seed_article):
    again = extract_article(seed_article)
    assert sorted(seed_extraction.entities) == sorted(again.entities)
    assert all(i.isascii() and " " not in i for i in seed_extraction.entities)


def test_known_names_pick_the_longest_canonical_name():
    known = KnownNames()
    known.add("茅台", "SH600519")
    known.add("贵州茅台", "SH600519")
    assert known.canonical("SH600519") == "贵州茅台" and known.ticker("茅台") == "SH600519"

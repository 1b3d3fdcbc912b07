import pytest

from kg.extract import run
from kg.extract.aliases import short_form
from kg.extract.doc import Doc
from kg.extract.persons import name_at
from kg.extract.positions import title_of
from kg.extract.select import select
from kg.ingest.plain import text_article

NO_MODELS = frozenset({"ner", "relmodel"})


def mentions(text: str, disabled=NO_MODELS) -> list[tuple[str, str]]:
    doc = run(Doc(text_article("t.txt", text)), disabled)
    return [(m.text, m.type) for m in doc.mentions]


@pytest.mark.parametrize(
    "written, title, acting",
    [("代行总经理职责", "总经理", True), ("代理董事长", "董事长", True), ("董事", "董事", False)],
)
def test_acting_titles(written, title, acting):
    assert title_of(written) == (title, acting)


def test_compound_titles_and_the_person_after_them():
    found = mentions("贵州茅台董事、代行总经理职责李静仁回复表示")
    assert ("董事", "Position") in found and ("代行总经理职责", "Position") in found
    assert ("李静仁", "Person") in found


def test_common_nouns_tagged_as_names_by_jieba_are_not_persons():
    found = mentions("甚至有黄牛开发了专门针对的作弊软件。但由从此前描绘的“蓝图”来看，黄牛直接向他开价收购。")
    assert not [t for t, ty in found if ty == "Person"]


def test_a_name_before_a_speech_verb_is_a_person():
    assert ("刘建中", "Person") in mentions("刘建中表示，煤电一体化是方向。")


@pytest.mark.parametrize(
    "text",
    [
        "调整限价房政策，但他坦言，中心城区地价高。",
        "法庭上，银行辩称，虽然如此。",
        "武侠小说泰斗金庸本名查良镛。",
    ],
)
def test_a_clause_opener_or_a_cut_word_before_a_speech_verb_is_not_a_person(text):
    assert not [t for t, ty in mentions(text) if ty == "Person"]


def test_a_bare_company_word_after_a_modifier_is_a_kind_not_an_anaphor():
    found = mentions("宝能集团入股了两家基金公司。公司表示将长期持有。")
    assert ("两家基金公司", "Company") not in found
    assert [t for t, ty in found if ty == "Company"].count("公司") == 1


def test_name_length_is_chosen_by_what_follows():
    assert name_at("丁雄军也表示", 0) == 3
    assert name_at("王石表示", 0) == 2
    assert name_at("表示", 0) == 0


def test_titles_inside_longer_nouns_are_not_titles():
    assert ("董事", "Position") not in mentions("公司董事会审议通过了议案。")


def test_organisation_endings_and_lexicon_names():
    found = mentions("据证监会消息，哈药集团与杭州互联网公证处合作，中国平安银行股份有限公司也参与。")
    assert ("证监会", "GovernmentBody") in found
    assert ("哈药集团", "Company") in found
    assert ("杭州互联网公证处", "Organization") in found


def test_quoted_products_and_projects():
    found = mentions(
        "茅台旗下自营电商APP“i茅台”上线，九州通中标“茅台数字营销平台”的物流子项目。i茅台用户很多。"
    )
    assert found.count(("i茅台", "Product")) == 2
    assert ("茅台数字营销平台", "Project") in found


def test_company_short_forms():
    assert short_form("贵州茅台") == "茅台"
    assert short_form("贵州茅台酒股份有限公司") == "茅台"
    assert short_form("九州通") == "九州通"


def test_defined_short_name_is_an_alias_and_a_same_as_fact():
    doc = run(
        Doc(text_article("t.txt", "中国国新控股有限责任公司（以下简称“国新公司”）成立于2010年。")), NO_MODELS
    )
    assert doc.aliases == {"国新公司": "中国国新控股有限责任公司"}
    (fact,) = [f for f in doc.facts if f.predicate == "same_as"]
    assert (fact.subject.text, fact.object.text) == ("中国国新控股有限责任公司", "国新公司")


@pytest.mark.parametrize(
    "short, full, same",
    [
        ("建工集团", "上海建工", True),
        ("联通", "中国联通", True),
        ("东航", "东方航空", True),
        ("武汉国广", "武汉国际广场购物中心", True),
        ("万科", "万科企业股份有限公司", True),
        ("华润", "华润置地", False),
        ("中国银行", "中国建设银行", False),
        ("天津航空", "海南航空股份有限公司", False),
        ("宝钢股份", "宝钢集团", False),
        ("宝钢集团", "宝钢股份", False),
    ],
)
def test_abbreviations_of_company_names(short, full, same):
    from kg.extract.aliases import abbreviation_confidence

    assert (abbreviation_confidence(short, full) > 0) is same


def test_abbreviation_in_one_sentence_is_one_entity_and_a_same_as_fact():
    from kg.pipeline import extract_article

    ex = extract_article(text_article("t.txt", "东方航空股份有限公司（东航）与上航合并。东航表示支持。"))
    (same,) = [f for f in ex.facts if f.predicate == "same_as"]
    assert same.subject.entity == same.object.entity
    assert {m.text for m in ex.mentions if m.entity == same.subject.entity} >= {
        "东方航空股份有限公司",
        "东航",
    }


def test_a_quoted_product_name_wins_over_a_recogniser_span_inside_it():
    doc = Doc(text_article("t.txt", "旗下APP“i茅台”上线"))
    start = doc.text.index("i茅台")
    doc.add(start, start + 3, "Product", "quoted", 0.8)
    doc.add(start + 1, start + 3, "Company", "ner", 0.95)
    select(doc)
    assert [(m.text, m.type) for m in doc.mentions] == [("i茅台", "Product")]


def test_number_placeholders_read_as_numbers_and_mentions_quote_the_article():
    text = "此次交易包括中山长虹<N>%的股权和华意压缩<N>%的股权。"
    doc = run(Doc(text_article("t.txt", text)), frozenset())
    assert ("中山长虹", "Company") in [(m.text, m.type) for m in doc.mentions]
    assert all(m.text == text[m.start : m.end] and "<" not in m.text for m in doc.mentions)


def test_recogniser_spans_below_even_odds_are_left_out(monkeypatch):
    from kg.extract.ner import ner
    from kg.learn import ner as model

    class Tagger:
        def predict(self, text, tokens=None):
            return [model.Span(0, 4, "Company", 0.45), model.Span(5, 9, "Company", 0.8)]

    monkeypatch.setattr(model, "load", lambda: Tagger())
    doc = Doc(text_article("t.txt", "横店东磁与浙江龙盛签约"))
    ner(doc)
    assert [(c.text, c.confidence) for c in doc.candidates] == [("浙江龙盛", 0.8)]


@pytest.mark.parametrize(
    "text, model_span, expected",
    [
        ("海航航空（香港）有限公司出售飞机", "航空（香港）有限公司", "航空（香港）有限公司"),
        ("海航航空（香港）有限公司出售飞机", "香港）有限公司", None),
        ("三峡集团有限公司（下称“三峡集团”）控股子公司", "）控股子公司", None),
        ("点心(北京风灵创景科技有限公司)发布", "点心(北京风灵创景科技有限公司", "北京风灵创景科技有限公司"),
    ],
)
def test_mentions_keep_their_brackets_balanced(text, model_span, expected):
    doc = Doc(text_article("t.txt", text))
    start = text.index(model_span)
    doc.add(start, start + len(model_span), "Company", "names")
    assert [c.text for c in doc.candidates] == ([expected] if expected else [])


def test_kinds_of_organisation_are_not_names_but_a_place_before_a_bare_ending_is():
    from kg.extract.lexicon import generic_kind

    assert generic_kind("上市公司") and generic_kind("贵州省上市公司") and generic_kind("有关部门")
    assert not generic_kind("北京银行") and not generic_kind("大同集团") and not generic_kind("贵州茅台")


def test_recogniser_spans_that_name_a_kind_or_a_bare_government_are_left_out(monkeypatch):
    from kg.extract.ner import ner
    from kg.learn import ner as model

    text = "得益于政府和有关部门的支持，大同集团与上市公司签约"
    tagged = (
        ("政府", "GovernmentBody"),
        ("有关部门", "GovernmentBody"),
        ("大同集团", "Company"),
        ("上市公司", "Company"),
    )

    class Tagger:
        def predict(self, text, tokens=None):
            return [model.Span(text.index(n), text.index(n) + len(n), type_, 0.9) for n, type_ in tagged]

    monkeypatch.setattr(model, "load", lambda: Tagger())
    doc = Doc(text_article("t.txt", text))
    ner(doc)
    assert [c.text for c in doc.candidates] == ["大同集团"]


def test_shares_of_a_kind_of_company_are_not_a_company():
    found = mentions("以上长金实业所持上市公司股份已由宁夏担保集团有限公司受让")
    assert not any("股份" in name for name, _ in found)


@pytest.mark.parametrize(
    "text", ["天泽信息成为国内上市公司的一员", "中天科技集团仍为上市公司控股股东", "净利润高于同期商业银行"]
)
def test_a_name_built_around_a_kind_of_organisation_is_none(text):
    assert not [
        name
        for name, type_ in mentions(text)
        if type_ == "Company" and ("上市公司" in name or "商业银行" in name)
    ]


def test_a_recogniser_span_ending_in_a_count_of_companies_keeps_the_name_before_it():
    from kg.extract.ner import spans

    text = "中天宽带、中天合金及江东金具三家公司将成为全资子公司"
    start = text.index("江东金具")
    found = [text[a:b] for a, b in spans(text, start, start + len("江东金具三家公司"), "Company")]
    assert found == ["江东金具"]


def test_a_recogniser_company_that_is_a_time_or_function_word_is_left_out(monkeypatch):
    from kg.extract.ner import ner
    from kg.learn import ner as model

    text = "i茅台则在10日深夜向用户道歉，九州通回应"

    class Tagger:
        def predict(self, text, tokens=None):
            return [
                model.Span(text.index(n), text.index(n) + len(n), "Company", 0.9) for n in ("深夜", "九州通")
            ]

    monkeypatch.setattr(model, "load", lambda: Tagger())
    doc = Doc(text_article("t.txt", text))
    ner(doc)
    assert [c.text for c in doc.candidates] == ["九州通"]

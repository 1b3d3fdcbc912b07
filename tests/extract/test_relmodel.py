"""The relation classifier as an extractor: which pairs it reads and which of its predictions it keeps."""

import pytest

from kg.extract import run
from kg.extract.doc import Doc
from kg.ingest.plain import text_article
from kg.learn import relations as model
from kg.learn.relation_features import states_relation
from kg.resolve import resolve


def facts(text: str) -> set[tuple[str, str, str, str]]:
    doc = run(Doc(text_article("t.txt", text)), frozenset())
    resolve(doc)
    return {(f.subject.text, f.predicate, f.object.text, f.extractor) for f in doc.facts}


class Always:
    """A classifier that reads the same relation, with the same confidence, into every pair."""

    def __init__(self, predicate: str, confidence: float) -> None:
        self.prediction = model.RelationPrediction(predicate, True, confidence)

    def predict_many(self, pairs):
        return [self.prediction for _ in pairs]


@pytest.fixture
def classifier(monkeypatch):
    def use(predicate: str, confidence: float) -> None:
        monkeypatch.setattr(model, "load", lambda: Always(predicate, confidence))

    return use


def test_a_relation_needs_a_cue_near_the_pair_or_at_least_even_odds(classifier):
    listed = "目前，苹果公司、华为集团、三星集团占比已经达到九成。"
    cued = "华为集团在欧洲超越三星集团。"
    classifier("competes_with", 0.45)
    assert not {f for f in facts(listed) if f[3] == "relmodel"}
    assert ("华为集团", "competes_with", "三星集团", "relmodel") in facts(cued)
    classifier("competes_with", 0.6)
    assert ("苹果公司", "competes_with", "华为集团", "relmodel") in facts(listed)


def test_a_relation_below_the_classifier_floor_is_left_out_even_with_a_cue(classifier):
    cued = "华为集团在欧洲超越三星集团。"
    classifier("competes_with", 0.29)
    assert not {f for f in facts(cued) if f[3] == "relmodel"}
    classifier("competes_with", 0.31)
    assert ("华为集团", "competes_with", "三星集团", "relmodel") in facts(cued)


def test_states_relation_looks_for_predicate_cues_not_hints():
    text = "华为集团表示三星集团业绩预计增长"
    a, b = (0, 4), (6, 10)
    assert not states_relation(text, (0, len(text)), a, b)  # 表示 and 预计 hint at no relation
    text = "华为集团起诉三星集团"
    assert states_relation(text, (0, len(text)), (0, 4), (6, 10))


def test_a_newspaper_whose_reporter_writes_the_story_is_in_no_relation(classifier):
    classifier("cooperates_with", 0.9)
    found = facts("兴业太阳能集团负责人向证券时报·e公司记者透露，将与水发能源集团合作。")
    assert ("兴业太阳能集团", "cooperates_with", "水发能源集团", "relmodel") in found
    assert not {f for f in found if "证券时报" in (f[0], f[2])}


def test_an_anaphor_is_not_a_second_name_of_the_company_it_stands_for(classifier):
    classifier("same_as", 0.9)
    found = facts("中超电缆集团公告称，公司拟投资设立南京中超新材料有限公司。")
    assert not {f for f in found if f[1] == "same_as" and "公司" in (f[0], f[2])}


def test_the_shipped_classifier_reads_no_doubtful_relation_into_a_list_of_customers():
    text = "公司先后为福特、通用、一汽、上汽、广汽、吉利、长安等知名整车厂进行NVH性能调校、底盘设计等。"
    assert not {f for f in facts(text) if f[3] == "relmodel"}


@pytest.mark.parametrize(
    "first, second, may",
    [
        ("中国国新控股有限责任公司", "国新公司", True),
        ("GSK", "葛兰素史克公司", True),
        ("宇瞳光学公司", "华为公司", False),
    ],
)
def test_two_names_of_one_entity_share_a_character_or_one_is_latin(first, second, may):
    from kg.extract.relmodel import _may_be_one_name
    from kg.model import Mention

    a = Mention(0, len(first), first, "Company", "ner")
    b = Mention(len(first) + 1, len(first) + 1 + len(second), second, "Company", "ner")
    assert _may_be_one_name(a, b) is may
    assert not _may_be_one_name(a, Mention(b.start, b.start + 2, "公司", "Company", "coref"))


def test_a_government_body_is_owned_by_no_company_and_competes_with_none():
    found = facts(
        "不过，由于上海地产集团和上海城投总公司由上海国资委100%控股，也就是说，上海国资委仍掌控46.25%的股权。"
    )
    assert ("上海国资委", "owns", "上海地产集团", "relmodel") in found
    assert not {f for f in found if f[2] == "上海国资委"}
    assert not facts("央行MPA考核、表外业务回归表内，证监会、发改委先后收紧海内外发债。")


def test_type_limits_flip_a_direction_the_reverse_of_which_is_allowed(classifier):
    classifier("holds_shares_in", 0.9)
    found = facts("格力集团公司持有国资委股份。")
    assert ("国资委", "holds_shares_in", "格力集团公司", "relmodel") in found

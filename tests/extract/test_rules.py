import pytest

from kg.extract import run
from kg.extract.doc import Doc
from kg.ingest.plain import text_article
from kg.resolve import resolve

NO_MODELS = frozenset({"ner", "relmodel"})


def facts(text: str) -> set[tuple]:
    doc = run(Doc(text_article("t.txt", text)), NO_MODELS)
    resolve(doc)
    return {(f.subject.text, f.predicate, f.object.text, f.qualifiers.get("status")) for f in doc.facts}


@pytest.mark.parametrize(
    "sentence, fact",
    [
        (
            "海南航空股份有限公司拟收购天津航空有限责任公司股权。",
            ("海南航空股份有限公司", "acquires", "天津航空有限责任公司", "planned"),
        ),
        ("中国平安集团收购了深发展银行。", ("中国平安集团", "acquires", "深发展银行", None)),
        ("万科集团被华润集团收购。", ("华润集团", "acquires", "万科集团", None)),
        ("复星集团增持了新华保险。", ("复星集团", "increases_stake_in", "新华保险", None)),
        ("汇金公司减持工商银行。", ("汇金公司", "reduces_stake_in", "工商银行", None)),
        ("中信证券与招商银行签署战略合作协议。", ("中信证券", "signs_agreement_with", "招商银行", None)),
        ("华为集团与中国移动集团开展合作。", ("华为集团", "cooperates_with", "中国移动集团", None)),
        ("复星集团旗下的豫园股份发布公告。", ("复星集团", "owns", "豫园股份", None)),
        ("上海城投总公司由国资委100%控股。", ("国资委", "owns", "上海城投总公司", None)),
        ("珠江啤酒集团直接隶属于国资委。", ("国资委", "owns", "珠江啤酒集团", None)),
        ("格力电器股份有限公司的实际控制人为国资委。", ("国资委", "owns", "格力电器股份有限公司", None)),
        ("宝能集团起诉万科集团。", ("宝能集团", "disputes_with", "万科集团", None)),
        (
            "九州通称APP“i茅台”相关技术服务主要由中国移动集团承担。",
            ("中国移动集团", "provides_service_to", "i茅台", None),
        ),
    ],
)
def test_cue_patterns(sentence, fact):
    assert fact in facts(sentence)


def test_coreferent_company_wins_the_bid(seed_extraction):
    (bid,) = [f for f in seed_extraction.facts if f.predicate == "wins_bid"]
    assert bid.subject.text == "公司" and seed_extraction.entities[bid.subject.entity].name == "九州通"
    assert seed_extraction.entities[bid.object.entity].type == "Project"

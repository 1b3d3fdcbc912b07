from datetime import date

import pytest

from kg.extract.dates import sentence_dates

MAY_13 = date(2022, 5, 13)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2021年11月，公司的物流技术板块中标", ["2021-11"]),
        ("“i茅台”5月9日当天出现支付系统故障", ["2022-05-09"]),
        ("去年11月签约", ["2021-11"]),
        ("今年三月十五日公告", ["2022-03-15"]),
        ("昨日晚间公告", ["2022-05-12"]),
        ("11月20日签约", ["2021-11-20"]),
        ("上月完成收购", ["2022-04"]),
        ("2月30日", []),
        ("公司2021年度业绩", []),
    ],
)
def test_dates_resolve_against_the_article_date(text, expected):
    assert sentence_dates(text, MAY_13) == expected


def test_relative_dates_need_an_article_date():
    assert sentence_dates("去年11月、昨日", None) == []
    assert sentence_dates("2021年11月", None) == ["2021-11"]


def test_facts_carry_the_date_of_their_sentence(seed_extraction):
    (bid,) = [f for f in seed_extraction.facts if f.predicate == "wins_bid"]
    assert bid.qualifiers["date"] == "2021-11"

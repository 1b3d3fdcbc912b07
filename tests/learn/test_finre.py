"""Reading FinRE files into contract facts, and scoring predictions against them."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.evaluate.finre import label_rules
from kg.learn.finre import (
    FinreError,
    GoldFact,
    Record,
    locate,
    pair_examples,
    read_examples,
    read_records,
    score,
)
from kg.schema import predicates

# shared/ sits beside the repository
FINRE = Path(__file__).resolve().parents[3] / "shared" / "data" / "finre"

# Real FinRE lines (train.txt and valid.txt), with the blank lines between records kept.
LINES = """\
百威英博\t河南维雪啤酒\t收购\t据悉,百威英博以<N>.<N>亿元收购河南维雪啤酒固始酒厂、“鸡公山”两个品牌,而<N>年这两个品牌啤酒的年销量达1<N>万吨。

河南维雪啤酒\t百威英博\t被收购\t据悉,百威英博以<N>.<N>亿元收购河南维雪啤酒固始酒厂、“鸡公山”两个品牌,而<N>年这两个品牌啤酒的年销量达1<N>万吨。

中国东方资产管理公司\t北部湾集团\t欠款\t中国东方资产管理公司在归还上述垫付股份时应当直接偿付给北部湾集团。。

北部湾集团\t中国东方资产管理公司\t被欠款\t中国东方资产管理公司在归还上述垫付股份时应当直接偿付给北部湾集团。。

小天鹅\t荣事达\t拟收购\t小天鹅今日公告,拟向大股东定向增发<N>股,收购后者所持荣事达<N>.<N>%股权。

深圳光电\t京东方\t分析\t近日,在“<N>深圳光电显示周暨深圳彩电节”期间,京东方正式发布AM-OLED发展规划,积极布局新型显示技术。

东方航空\t上航\tunknown\t东方航空AH股临时停牌传将与上航合并

上航\t东方航空\tunknown\t东方航空AH股临时停牌传将与上航合并

东方航空\t上航\t合并\t东方航空AH股临时停牌传将与上航合并

上航\t东方航空\t合并\t东方航空AH股临时停牌传将与上航合并
"""


@pytest.fixture
def finre_file(tmp_path: Path) -> Path:
    path = tmp_path / "sample.txt"
    path.write_text(LINES, encoding="utf-8")
    return path


def test_records_keep_fields_and_line_numbers(finre_file: Path) -> None:
    records = read_records(finre_file)
    assert len(records) == 10
    first = records[0]
    assert (first.head, first.tail, first.label, first.line) == ("百威英博", "河南维雪啤酒", "收购", 1)
    # FinRE's number placeholder reads as a digit, so the text looks like real news
    assert "<N>" not in first.sentence and "以0.0亿元收购" in first.sentence


def test_passive_label_states_the_same_fact_reversed(finre_file: Path) -> None:
    examples = read_examples(finre_file)
    acquisition = examples[0]
    assert acquisition.facts == (GoldFact("acquires", "百威英博", "河南维雪啤酒"),)
    assert acquisition.a_name == "百威英博" and acquisition.b_name == "河南维雪啤酒"
    sentence = acquisition.sentence
    assert sentence[slice(*acquisition.a)] == "百威英博" and sentence[slice(*acquisition.b)] == "河南维雪啤酒"


def test_debt_labels_make_the_creditor_the_subject(finre_file: Path) -> None:
    # "中国东方资产管理公司 欠款 北部湾集团": the former owes the latter, so 北部湾集团 lends to it
    debt = read_examples(finre_file)[1]
    assert debt.facts == (GoldFact("lends_to", "北部湾集团", "中国东方资产管理公司"),)


def test_planned_acquisition_carries_the_status(finre_file: Path) -> None:
    planned = read_examples(finre_file)[2]
    assert planned.facts == (GoldFact("acquires", "小天鹅", "荣事达", (("status", "planned"),)),)


def test_labels_outside_the_contract_give_no_fact(finre_file: Path) -> None:
    analysis = read_examples(finre_file)[3]
    assert analysis.facts == ()
    assert analysis.labels == (("深圳光电", "分析", "京东方"),)


def test_pair_with_unknown_and_merge_keeps_the_merge(finre_file: Path) -> None:
    merge = read_examples(finre_file)[4]
    assert merge.facts == (GoldFact("merges_with", "上航", "东方航空"),)  # symmetric: names sorted
    assert {label for _, label, _ in merge.labels} == {"unknown", "合并"}


def test_every_finre_label_is_mapped_to_a_contract_predicate_or_none() -> None:
    relation_ids = FINRE / "relation2id.txt"
    if not relation_ids.exists():
        pytest.skip("FinRE is not on this machine")
    labels = {line.split()[0] for line in relation_ids.read_text(encoding="utf-8").splitlines() if line}
    meanings = label_rules()
    assert labels <= set(meanings)
    assert {m.predicate for m in meanings.values()} - {None} <= set(predicates())


def test_real_valid_file_reads_into_one_example_per_pair() -> None:
    if not (FINRE / "valid.txt").exists():
        pytest.skip("FinRE is not on this machine")
    examples = read_examples(FINRE / "valid.txt")
    assert len(examples) == 676
    assert all(e.a <= e.b and e.sentence[slice(*e.a)] == e.a_name for e in examples)


def test_locate_prefers_the_closest_non_overlapping_occurrences() -> None:
    assert locate("双汇国际收购史密斯菲尔德,双汇发展", "双汇", "双汇国际") == ((13, 15), (0, 4))
    assert locate("甲公司与乙公司,乙公司", "甲公司", "乙公司") == ((0, 3), (4, 7))


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("甲\t乙\t合作\n", "expected 4 tab-separated fields"),
        ("甲\t乙\t结婚\t甲与乙结婚\n", "unknown FinRE label '结婚'"),
        ("甲\t丙\t合作\t甲与乙合作\n", "must both occur"),
    ],
)
def test_bad_lines_name_file_line_and_reason(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_text("\n" + content, encoding="utf-8")
    with pytest.raises(FinreError, match=f"bad.txt:2: .*{reason}"):
        read_records(path)


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FinreError, match="missing.txt: cannot read"):
        read_records(tmp_path / "missing.txt")


def test_score_counts_direction_except_for_symmetric_predicates(finre_file: Path) -> None:
    examples = read_examples(finre_file)
    predicted = [
        ("acquires", "河南维雪啤酒", "百威英博"),  # wrong direction: false positive and a miss
        ("lends_to", "北部湾集团", "中国东方资产管理公司"),
        None,
        ("cooperates_with", "深圳光电", "京东方"),  # on a pair whose label maps to no predicate
        ("merges_with", "东方航空", "上航"),  # symmetric: either order counts
    ]
    figures = score(examples, predicted)
    rows = figures["rows"]
    assert rows["acquires"]["tp"] == 0 and rows["acquires"]["fp"] == 1 and rows["acquires"]["fn"] == 2
    assert rows["lends_to"]["f1"] == 1.0 and rows["merges_with"]["f1"] == 1.0
    assert rows["cooperates_with"]["fp"] == 1 and rows["cooperates_with"]["precision"] == 0.0
    assert figures["micro"]["tp"] == 2 and figures["micro"]["fp"] == 2 and figures["micro"]["fn"] == 2
    assert figures["apart"] == {}


def test_score_keeps_same_as_out_of_the_micro_total() -> None:
    example = pair_examples([Record("中国农业银行", "农行", "自己", "中国农业银行即农行", 1)])
    figures = score(example, [("same_as", "农行", "中国农业银行")])
    assert figures["apart"]["same_as"]["tp"] == 1 and figures["micro"]["tp"] == 0


def test_pair_examples_skip_a_name_paired_with_itself() -> None:
    assert pair_examples([Record("茅台", "茅台", "自己", "茅台与茅台", 1)]) == []

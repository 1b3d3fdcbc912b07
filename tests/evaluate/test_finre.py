"""FinRE gold: reading real lines, the label mapping, and the scoring rules on hand-made cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.evaluate import evaluate, read_gold
from kg.evaluate.finre import read_finre, rule_for
from kg.ingest.errors import InputError

ACQ = "甲公司宣布收购乙公司。"
COOP = "丙银行与丁银行签署战略合作协议。"
ANALYSIS = "戊证券分析师看好己集团。"
ALIAS = "庚控股股份有限公司（简称庚控股）今日公告。"
GOLD = [
    ("甲公司", "乙公司", "收购", ACQ),
    ("乙公司", "甲公司", "被收购", ACQ),
    ("丙银行", "丁银行", "合作", COOP),
    ("丁银行", "丙银行", "合作", COOP),
    ("戊证券", "己集团", "分析", ANALYSIS),
    ("己集团", "戊证券", "被分析", ANALYSIS),
    ("庚控股股份有限公司", "庚控股", "自己", ALIAS),
    ("庚控股", "庚控股股份有限公司", "自己", ALIAS),
]


@pytest.fixture
def gold_path(tmp_path: Path) -> str:
    path = tmp_path / "gold.txt"
    path.write_text("".join("\t".join(r) + "\n\n" for r in GOLD), encoding="utf-8")
    return str(path)


def _real_lines(path: Path, numbers: range) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [lines[n - 1] for n in numbers]


def test_reader_on_real_valid_lines_merges_both_directions(data_dir: Path) -> None:
    gold = read_finre(str(data_dir / "finre" / "valid.txt"))
    assert len(gold.docs) == 677  # one doc per distinct sentence
    by_where = {d.where: d for d in gold.docs}
    wanda = by_where["valid.txt:185"]  # 被拥有, 拥有 and 自己 twice: four lines, one pair
    assert len(wanda.pairs) == 1
    (pair,) = wanda.pairs.values()
    assert pair.labels == {"被拥有", "拥有", "自己"}
    assert wanda.gold_facts() == {("owns", "万达", "万达商管公司"), ("same_as", "万达", "万达商管公司")}
    coop = by_where["valid.txt:165"]
    assert coop.gold_facts() == {("cooperates_with", "浙江三花置业有限公司", "滨江集团")}
    amc = by_where["valid.txt:585"]  # 万达集团 收购 AMC, then AMC 被收购 万达集团 read the other way
    assert ("acquires", "万达集团", "AMC") in amc.gold_facts()
    analysis = by_where["valid.txt:1"]  # 分析 / 被分析: annotated, but no predicate
    assert analysis.gold_facts() == set() and len(analysis.pairs) == 1


@pytest.mark.parametrize(
    ("split", "line", "fact"),
    [
        ("valid", 587, ("acquires", "万达集团", "AMC")),  # AMC 被收购 万达集团
        ("train", 1789, ("lends_to", "天津嘉睿", "乐视网")),  # 天津嘉睿 被欠款 乐视网: the head lends
        ("train", 1791, ("lends_to", "天津嘉睿", "乐视网")),  # 乐视网 欠款 天津嘉睿: the head owes
    ],
)
def test_single_real_line_direction(data_dir: Path, tmp_path: Path, split: str, line: int, fact) -> None:
    path = tmp_path / "one.txt"
    path.write_text(_real_lines(data_dir / "finre" / f"{split}.txt", range(line, line + 1))[0] + "\n")
    (doc,) = read_finre(str(path)).docs
    assert doc.gold_facts() == {fact}


def test_label_mapping() -> None:
    assert rule_for("被欠款").predicate == "lends_to" and not rule_for("被欠款").reverse
    assert rule_for("欠款").reverse
    assert rule_for("被注资").predicate == "invests_in" and rule_for("被注资").reverse
    assert rule_for("拟收购").predicate == "acquires"
    assert rule_for("被重组").predicate is None  # passive of a label without a predicate
    assert rule_for("借钱") is None


def test_bad_lines_name_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_text("甲\t乙\t收购\t甲收购乙\n\n甲\t乙\t借钱\t甲借钱给乙\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.txt:3: unknown FinRE label '借钱'"):
        read_finre(str(path))
    path.write_text("甲\t乙\t收购\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.txt:1: expected 4 tab-separated fields"):
        read_finre(str(path))


def _score(gold_path, write_pred, make_extraction, *extractions):
    report = evaluate(read_gold(gold_path), write_pred(*extractions))
    return report, report.table("facts by predicate")


def _all(make_extraction, acq=("acquires", "甲公司", "乙公司"), coop=("cooperates_with", "丙银行", "丁银行")):
    return [
        make_extraction("a1", ACQ, {"甲公司": "Company", "乙公司": "Company"}, [acq]),
        make_extraction("a2", COOP, {"丙银行": "Company", "丁银行": "Company"}, [coop]),
        make_extraction(
            "a4", ALIAS, {"庚控股股份有限公司": "Company", "庚控股": "Company"},
            [("same_as", "庚控股", "庚控股股份有限公司")],
        ),
    ]  # fmt: skip


def test_perfect_prediction_scores_one(gold_path, write_pred, make_extraction) -> None:
    report, table = _score(gold_path, write_pred, make_extraction, *_all(make_extraction))
    assert table.micro.f1 == 1.0 and table.row("same_as").f1 == 1.0
    assert report.counters["without_predictions"] == 1  # the 分析 sentence had no prediction record


def test_empty_prediction_scores_zero(gold_path, write_pred, make_extraction) -> None:
    empty = [make_extraction(f"e{i}", text, {}) for i, text in enumerate((ACQ, COOP, ANALYSIS, ALIAS))]
    _, table = _score(gold_path, write_pred, make_extraction, *empty)
    assert (table.micro.tp, table.micro.fp, table.micro.fn) == (0, 0, 2)
    assert table.micro.f1 == 0.0 and table.row("same_as").f1 == 0.0


def test_wrong_direction_is_wrong(gold_path, write_pred, make_extraction) -> None:
    exs = _all(make_extraction, acq=("acquires", "乙公司", "甲公司"))
    report, table = _score(gold_path, write_pred, make_extraction, *exs)
    assert (table.row("acquires").tp, table.row("acquires").fp, table.row("acquires").fn) == (0, 1, 1)
    kinds = {(f.kind, f.item) for f in report.findings}
    assert ("false positive", "乙公司 acquires 甲公司") in kinds and (
        "miss",
        "甲公司 acquires 乙公司",
    ) in kinds


def test_symmetric_predicate_counts_in_either_direction(gold_path, write_pred, make_extraction) -> None:
    exs = _all(make_extraction, coop=("cooperates_with", "丁银行", "丙银行"))
    _, table = _score(gold_path, write_pred, make_extraction, *exs)
    assert table.row("cooperates_with").f1 == 1.0


def test_fact_on_pair_without_predicate_is_false_positive(gold_path, write_pred, make_extraction) -> None:
    wrong = make_extraction("a3", ANALYSIS, {"戊证券": "Company", "己集团": "Company"},
                            [("cooperates_with", "戊证券", "己集团")])  # fmt: skip
    report, table = _score(gold_path, write_pred, make_extraction, *_all(make_extraction), wrong)
    assert table.row("cooperates_with").fp == 1 and table.micro.precision == 2 / 3
    (fp,) = [f for f in report.findings if f.kind == "false positive"]
    assert "分析" in fp.note and "no predicate" in fp.note and fp.sentence == ANALYSIS


def test_facts_on_unannotated_pairs_are_counted_apart(gold_path, write_pred, make_extraction) -> None:
    extra = make_extraction("a1", ACQ, {"甲公司": "Company", "乙公司": "Company", "收购": "Event"},
                            [("acquires", "甲公司", "乙公司"), ("owns", "甲公司", "收购")])  # fmt: skip
    report, table = _score(gold_path, write_pred, make_extraction, extra)
    assert report.counters["not_scored"] == 1 and "owns" not in table.rows
    assert table.row("acquires").f1 == 1.0


def test_same_as_is_kept_out_of_the_micro_total(gold_path, write_pred, make_extraction) -> None:
    only_alias = _all(make_extraction)[2:]
    _, table = _score(gold_path, write_pred, make_extraction, *only_alias)
    assert table.row("same_as").f1 == 1.0
    assert table.micro.tp == 0 and table.micro.fn == 2 and table.micro.f1 == 0.0
    assert table.micro_label == "micro (without same_as)"


def test_predictions_match_gold_by_text_when_ids_differ(gold_path, write_pred, make_extraction) -> None:
    # the predicted articles have ids a1, a2, a4; the gold's are gold.txt:1 ... : matched by text
    report, _ = _score(gold_path, write_pred, make_extraction, *_all(make_extraction))
    assert report.counters["predictions_not_in_gold"] == 0

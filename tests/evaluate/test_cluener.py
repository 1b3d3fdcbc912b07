"""CLUENER gold: inclusive end offsets, the hold-out split, and mention scoring."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.evaluate import cluener_split, evaluate, read_gold
from kg.evaluate.cluener import read_cluener, read_cluener_holdout
from kg.ingest.errors import InputError


@pytest.fixture
def first_lines(data_dir: Path, tmp_path: Path) -> str:
    """The first three real lines of cluener/train.json."""
    lines = (data_dir / "cluener" / "train.json").read_text(encoding="utf-8").splitlines()[:3]
    path = tmp_path / "cluener.json"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_inclusive_end_offsets_become_exclusive_on_real_lines(first_lines: str) -> None:
    gold = read_gold(first_lines)
    assert gold.format == "cluener"
    first, game, football = gold.docs
    # {"name": {"叶老桂": [[9, 11]]}, "company": {"浙商银行": [[0, 3]]}}
    assert first.mentions == {("Person", 9, 12), ("Company", 0, 4)}
    assert first.text[9:12] == "叶老桂" and first.text[0:4] == "浙商银行"
    assert game.mentions == set()  # "game" is not scored
    assert {(t, football.text[s:e]) for t, s, e in football.mentions} == {
        ("Organization", name) for name in ("那不勒斯", "锡耶纳", "桑普", "热那亚")
    }


def test_holdout_is_the_last_tenth_of_the_real_file(data_dir: Path) -> None:
    path = str(data_dir / "cluener" / "train.json")
    train, holdout = cluener_split(path)
    n = len(train) + len(holdout)
    assert n == 10748 and len(train) == int(0.9 * n)
    gold = read_cluener_holdout(path)
    assert len(gold.docs) == len(holdout)
    assert gold.docs[0].where == f"train.json:{int(0.9 * n) + 1}"
    assert gold.docs[0].text == json.loads(holdout[0])["text"]
    assert cluener_split(list(range(n))) == (list(range(len(train))), list(range(len(train), n)))


def test_span_that_does_not_match_the_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    good = {"text": "浙商银行叶老桂", "label": {"name": {"叶老桂": [[4, 6]]}}}
    bad = {"text": "浙商银行叶老桂", "label": {"name": {"叶老桂": [[4, 7]]}}}
    path.write_text(json.dumps(good, ensure_ascii=False) + "\n" + json.dumps(bad, ensure_ascii=False) + "\n")
    with pytest.raises(InputError, match=r"bad.json:2: span \[4, 7\] of '叶老桂' does not match"):
        read_cluener(str(path))


def test_scoring_by_type_and_exact_offsets(first_lines, write_pred, make_extraction) -> None:
    gold = read_gold(first_lines)
    text = gold.docs[0].text
    perfect = make_extraction("p", text, {"浙商银行": "Company", "叶老桂": "Person"})
    table = evaluate(gold.head(1), write_pred(perfect)).table("mentions by type")
    assert table.micro.f1 == 1.0 and table.row("Person").f1 == 1.0
    # a Location or Product prediction is not a false positive against CLUENER
    extra = make_extraction("p", text, {"浙商银行": "Company", "叶老桂": "Person", "国内": "Location"})
    assert evaluate(gold.head(1), write_pred(extra)).table("mentions by type").micro.fp == 0
    # the right span with the wrong type: a false positive and a miss
    wrong = make_extraction("p", text, {"浙商银行": "Organization", "叶老桂": "Person"})
    report = evaluate(gold.head(1), write_pred(wrong))
    table = report.table("mentions by type")
    assert (table.row("Company").fn, table.row("Organization").fp, table.micro.tp) == (1, 1, 1)
    (fp,) = [f for f in report.findings if f.kind == "false positive"]
    assert fp.item == "浙商银行 [0,4)" and fp.note == "gold here: Company 浙商银行 [0,4)"
    # an end offset one short (the file's inclusive end taken as exclusive) does not count
    short = make_extraction("p", text, {"浙商银": "Company", "叶老": "Person"})
    assert evaluate(gold.head(1), write_pred(short)).table("mentions by type").micro.tp == 0


def test_empty_prediction_scores_zero_for_every_class(first_lines, write_pred, make_extraction) -> None:
    gold = read_gold(first_lines)
    empty = [make_extraction(f"e{i}", d.text, {}) for i, d in enumerate(gold.docs)]
    table = evaluate(gold, write_pred(*empty)).table("mentions by type")
    assert set(table.rows) == {"Person", "Company", "Position", "GovernmentBody", "Organization"}
    assert table.micro.fn == 6 and table.micro.f1 == 0.0

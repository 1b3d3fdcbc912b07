"""The contract's own gold: reading seed.jsonl, scoring entities, facts and negatives on the seed article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.evaluate import evaluate, read_gold
from kg.evaluate.contract_gold import fully_satisfied
from kg.ingest import read_inputs
from kg.ingest.errors import InputError

NAMES = {
    "贵州茅台": "Company",
    "九州通": "Company",
    "i茅台": "Product",
    "李静仁": "Person",
    "丁雄军": "Person",
    "杭州互联网公证处": "Organization",
    "黑猫投诉平台": "Organization",
    "财联社": "Organization",
    "贵州省": "Location",
    "茅台数字营销平台": "Project",
}
TICKERS = {"贵州茅台": "SH600519", "九州通": "SH600998"}
FACTS = [
    ("provides_service_to", "九州通", "i茅台"),
    ("holds_position", "李静仁", "贵州茅台", {"position": "董事"}),
    (
        "holds_position",
        "李静仁",
        "贵州茅台",
        {"position": "总经理", "as_written": "代行总经理职责", "acting": True},
    ),
    ("holds_position", "丁雄军", "贵州茅台", {"position": "董事长"}),
    ("owns", "贵州茅台", "i茅台"),
    ("wins_bid", "九州通", "茅台数字营销平台"),
]


@pytest.fixture(scope="module")
def seed(data_dir: Path):
    """The seed gold and the seed article as kg.ingest reads it."""
    gold = read_gold(str(data_dir.parent / "gold" / "seed.jsonl"))
    (article,) = read_inputs([str(data_dir / "articles" / "seed")])
    return gold, article


@pytest.fixture
def predict(seed, write_pred, make_extraction):
    """Score the seed gold against an extraction of the seed article built from names and facts."""

    def run(names=NAMES, facts=FACTS, tickers=TICKERS, aliases=None, edit=None):
        gold, article = seed
        ex = make_extraction(article.id, article.text, names, facts, aliases, tickers)
        records = ex.records()
        if edit:
            edit(records)
        return evaluate(gold, write_pred(records))

    return run


def test_reader_on_seed(seed) -> None:
    gold, article = seed
    assert gold.format == "contract"
    (doc,) = gold.docs
    assert doc.id == article.id == "202205132378978254"
    assert len(doc.entities) == 9 and len(doc.facts) == 6
    maotai = next(e for e in doc.entities if e.name == "贵州茅台")
    assert (maotai.type, maotai.ticker, maotai.aliases) == ("Company", "SH600519", ("茅台",))
    assert {f.position for f in doc.facts if f.predicate == "holds_position"} == {"董事", "总经理", "董事长"}
    assert [name for name, _ in doc.negatives] == ["黄牛", "东财", "蓝图"]


def test_perfect_prediction_satisfies_the_seed(predict) -> None:
    report = predict()
    assert report.table("entities by type").micro.f1 == 1.0
    assert report.table("facts by predicate").micro.f1 == 1.0
    assert fully_satisfied(report) and report.counters["violations"] == 0


def test_empty_prediction_scores_zero(predict) -> None:
    report = predict(names={}, facts=[])
    assert report.table("entities by type").micro.f1 == 0.0
    assert report.table("facts by predicate").micro.recall == 0.0
    assert not fully_satisfied(report)


def test_wrong_ticker_is_a_miss_with_a_note(predict) -> None:
    report = predict(tickers={"贵州茅台": "SZ000858", "九州通": "SH600998"})
    assert report.table("entities by type").row("Company").fn == 1
    (miss,) = [f for f in report.findings if f.kind == "miss"]
    assert miss.item == "贵州茅台 (SH600519)" and "found with ticker SZ000858" in miss.note


def test_names_match_by_alias_and_mention_text(predict) -> None:
    def short_surface(records):  # the owner is written 茅台 in its sentence
        fact = next(r for r in records if r["kind"] == "fact" and r["predicate"] == "owns")
        fact["subject"]["text"] = "茅台"

    assert fully_satisfied(predict(edit=short_surface))
    # the extractor chose 茅台 as canonical name and keeps 贵州茅台 as an alias
    names = {("茅台" if n == "贵州茅台" else n): t for n, t in NAMES.items()}
    facts = [
        (p, "茅台" if s == "贵州茅台" else s, "茅台" if o == "贵州茅台" else o, *q) for p, s, o, *q in FACTS
    ]
    report = predict(names=names, facts=facts, tickers={"茅台": "SH600519", "九州通": "SH600998"},
                     aliases={"茅台": ["贵州茅台"]})  # fmt: skip
    assert fully_satisfied(report)


def test_position_must_match_when_given(predict) -> None:
    facts = [f for f in FACTS if f[3:] != ({"position": "董事"},)]
    facts.append(("holds_position", "李静仁", "贵州茅台", {"position": "监事"}))
    report = predict(facts=facts)
    table = report.table("facts by predicate")
    assert (table.row("holds_position").tp, table.row("holds_position").fp) == (2, 1)
    assert [f.item for f in report.findings if f.kind == "miss"] == ["李静仁 holds_position (董事) 贵州茅台"]


def test_negative_name_found_is_a_violation(predict) -> None:
    report = predict(names={**NAMES, "黄牛": "Person"})
    assert report.counters["violations"] == 1 and not fully_satisfied(report)
    (v,) = [f for f in report.findings if f.kind == "violation"]
    assert v.item == "黄牛" and "Person entity" in v.note and "黄牛" in v.sentence


def test_bad_gold_records_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    rows = [{"kind": "article", "id": "a1"}, {"kind": "entity", "name": "甲", "type": "Planet"}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"gold.jsonl:2: unknown entity type 'Planet'"):
        read_gold(str(path))
    rows = [
        {"kind": "article", "id": "a1"},
        {"kind": "article", "id": "a2"},
        {"kind": "negative", "name": "甲"},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"gold.jsonl:3: several articles"):
        read_gold(str(path))

"""`kg eval` on the command line: output, exit codes, in-process extraction and the dev preset."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest

from kg.cli import main

SENTENCES = {
    "甲公司宣布收购乙公司。": (
        {"甲公司": "Company", "乙公司": "Company"},
        [("acquires", "甲公司", "乙公司")],
    ),
    "戊证券分析师看好己集团。": ({"戊证券": "Company", "己集团": "Company"}, [("owns", "戊证券", "己集团")]),
    "庚控股股份有限公司（简称庚控股）今日公告。": (
        {"庚控股股份有限公司": "Company", "庚控股": "Company"},
        [("same_as", "庚控股股份有限公司", "庚控股")],
    ),
}
FINRE = [
    ("甲公司", "乙公司", "收购", "甲公司宣布收购乙公司。"),
    ("乙公司", "甲公司", "被收购", "甲公司宣布收购乙公司。"),
    ("戊证券", "己集团", "分析", "戊证券分析师看好己集团。"),
    ("庚控股股份有限公司", "庚控股", "自己", "庚控股股份有限公司（简称庚控股）今日公告。"),
]
CLUENER_TEXT = "浙商银行董事长叶老桂在证监会和中国银行业协会发言"
CLUENER_NAMES = {
    "浙商银行": "Company",
    "董事长": "Position",
    "叶老桂": "Person",
    "证监会": "GovernmentBody",
    "中国银行业协会": "Organization",
}
CLUENER_LABELS = {"company": "浙商银行", "position": "董事长", "name": "叶老桂", "government": "证监会",
                  "organization": "中国银行业协会"}  # fmt: skip
SEED_TEXT = "九州通表示，“i茅台”相关技术服务主要由他们承担。"
SEED_NAMES = {"九州通": "Company", "i茅台": "Product"}


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def finre_gold(tmp_path: Path) -> str:
    path = tmp_path / "finre.txt"
    path.write_text("".join("\t".join(r) + "\n\n" for r in FINRE), encoding="utf-8")
    return str(path)


@pytest.fixture
def finre_pred(write_pred, make_extraction) -> str:
    return write_pred(*(make_extraction(f"s{i}", t, *spec) for i, (t, spec) in enumerate(SENTENCES.items())))


@pytest.fixture
def fake_pipeline(monkeypatch, make_extraction):
    """Installs a stand-in kg.pipeline that answers from a table of text -> (names, facts)."""
    table: dict[str, tuple] = {**SENTENCES, CLUENER_TEXT: (CLUENER_NAMES, []), SEED_TEXT: (SEED_NAMES, [])}
    table[SEED_TEXT] = (SEED_NAMES, [("provides_service_to", "九州通", "i茅台")])
    module = types.ModuleType("kg.pipeline")
    module.extract_article = lambda article: make_extraction(article.id, article.text, *table[article.text])
    monkeypatch.setitem(sys.modules, "kg.pipeline", module)
    return table


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["missing.txt"], "kg eval: missing.txt: no such file"),
        (
            ["{gold}", "--gold-format", "conll"],
            "kg eval: unknown gold format 'conll' (known: cluener, contract, finre)",
        ),
        (["{junk}"], "cannot tell the gold format; give --gold-format"),
        (["{gold}", "--pred", "missing.jsonl"], "kg eval: missing.jsonl: no such file"),
        (["{gold}", "--pred", "{junk}"], "junk.txt:1: invalid JSON"),
        (["dev", "--pred", "{gold}"], "--pred and --gold-format go with a gold file"),
        (["dev", "--data", "{tmp}/nowhere"], "nowhere/cluener/train.json: no such file or directory"),
    ],
)
def test_bad_input_exits_2_with_one_line(capsys, tmp_path, finre_gold, argv, message) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_text("just some words\n", encoding="utf-8")
    argv = [a.format(gold=finre_gold, junk=junk, tmp=tmp_path) for a in argv]
    code, out, err = _run(capsys, "eval", *argv)
    assert code == 2 and out == ""
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_text_report_with_pred_file(capsys, finre_gold, finre_pred) -> None:
    code, out, _ = _run(capsys, "eval", finre_gold, "--pred", finre_pred)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith(f"== finre: {finre_gold} (finre, sentences: 3; predictions: {finre_pred})")
    row = {line.split()[0]: line.split()[1:] for line in lines[2:] if line.startswith("  ")}
    assert row["acquires"] == ["1", "0", "0", "1.000", "1.000", "1.000"]
    assert row["owns"] == ["0", "1", "0", "0.000", "0.000", "0.000"]  # on the 分析 pair
    assert row["same_as"] == ["1", "0", "0", "1.000", "1.000", "1.000"]
    micro = next(line for line in lines if "micro (without same_as)" in line)
    assert micro.split()[-6:] == ["1", "1", "0", "0.500", "1.000", "0.667"]
    assert lines.index(micro) < next(i for i, line in enumerate(lines) if line.startswith("  same_as"))
    assert "errors:" not in out


def test_errors_are_listed_with_their_sentences_and_limited(capsys, finre_gold, finre_pred) -> None:
    _, out, _ = _run(capsys, "eval", finre_gold, "--pred", finre_pred, "--errors")
    assert "errors: 1\n" in out
    note = "[gold for 戊证券/己集团: 分析 (no predicate)]"
    assert f"  false positive: owns: 戊证券 owns 己集团  @finre.txt:5  {note}" in out
    assert "      戊证券分析师看好己集团。" in out
    _, out, _ = _run(capsys, "eval", finre_gold, "--pred", finre_pred, "--errors-limit", "1", "--limit", "1")
    assert "errors: 0\n" in out and "sentences: 1;" in out


def test_json_report(capsys, finre_gold, finre_pred) -> None:
    code, out, _ = _run(capsys, "eval", finre_gold, "--pred", finre_pred, "--format", "json", "--errors")
    assert code == 0
    (run,) = json.loads(out)["runs"]
    table = run["tables"]["facts by predicate"]
    assert table["micro"]["f1"] == 0.6667 and table["apart"]["same_as"]["f1"] == 1.0
    assert "same_as" not in table["rows"]
    assert run["errors"][0]["kind"] == "false positive" and run["errors_total"] == 1


def test_in_process_extraction_prints_speed(capsys, finre_gold, fake_pipeline) -> None:
    code, out, _ = _run(capsys, "eval", finre_gold)
    assert code == 0
    assert "predictions: extracted in-process" in out
    assert "speed: " in out and " sentences/s (3 in " in out


def test_missing_extractor_is_a_clear_error(capsys, monkeypatch, finre_gold) -> None:
    monkeypatch.setitem(sys.modules, "kg.pipeline", None)  # import fails as if the module were absent
    code, _, err = _run(capsys, "eval", finre_gold)
    assert code == 2
    assert err == "kg eval: the extractor (kg.pipeline) is not available here; give --pred PRED.jsonl\n"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A small data folder laid out like ../shared/data, with gold beside it."""
    root = tmp_path / "shared"
    (root / "data" / "cluener").mkdir(parents=True)
    (root / "data" / "finre").mkdir()
    (root / "data" / "articles" / "seed").mkdir(parents=True)
    (root / "gold").mkdir()
    spans = {
        cls: {name: [[CLUENER_TEXT.index(name), CLUENER_TEXT.index(name) + len(name) - 1]]}
        for cls, name in CLUENER_LABELS.items()
    }
    line = json.dumps({"text": CLUENER_TEXT, "label": spans}, ensure_ascii=False)
    (root / "data" / "cluener" / "train.json").write_text(
        "\n".join([json.dumps({"text": "训练", "label": {}})] * 9 + [line]) + "\n", encoding="utf-8"
    )
    (root / "data" / "finre" / "valid.txt").write_text(
        "".join("\t".join(r) + "\n\n" for r in FINRE[:2] + FINRE[3:])
    )
    seed = [
        {"kind": "article", "id": "seed1", "text": SEED_TEXT},
        {"kind": "entity", "name": "九州通", "type": "Company"},
        {"kind": "fact", "subject": "九州通", "predicate": "provides_service_to", "object": "i茅台"},
        {"kind": "negative", "name": "他们"},
    ]
    (root / "gold" / "seed.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in seed) + "\n"
    )
    return root / "data"


def test_dev_preset_all_met_exits_0(capsys, data, fake_pipeline) -> None:
    code, out, _ = _run(capsys, "eval", "dev", "--data", str(data))
    assert code == 0, out
    summary = out[out.index("== summary: all targets met") :]
    for target in (
        "met      CLUENER hold-out micro-F1 >= 0.80: 1.000",
        "met      CLUENER hold-out every class F1 >= 0.70: lowest 1.000",
        "met      FinRE micro-F1 without same_as >= 0.60: 1.000",
        "met      FinRE same_as F1 >= 0.60: 1.000",
        "met      seed gold fully satisfied: entities 1/1, facts 1/1, negatives violated 0/1",
    ):
        assert target in summary
    assert summary.count("speed ") == 3
    assert "(cluener, sentences: 1;" in out  # only the hold-out line of ten


def test_dev_preset_target_not_met_exits_1(capsys, data, fake_pipeline) -> None:
    fake_pipeline[SEED_TEXT] = ({**SEED_NAMES, "他们": "Person"}, [])
    code, out, _ = _run(capsys, "eval", "dev", "--data", str(data), "--format", "json")
    assert code == 1
    doc = json.loads(out)
    assert doc["all_met"] is False
    assert [t["met"] for t in doc["targets"]] == [True, True, True, True, False]


def test_gold_naming_article_files(capsys, tmp_path, fake_pipeline) -> None:
    article = tmp_path / "articles" / "note1.txt"
    article.parent.mkdir()
    article.write_text(SEED_TEXT, encoding="utf-8")
    gold = tmp_path / "mine.jsonl"
    records = [
        {"kind": "article", "id": "note1"},
        {"kind": "entity", "name": "i茅台", "type": "Product"},
        {"kind": "fact", "subject": "i茅台", "predicate": "provides_service_to", "object": "九州通"},
    ]
    gold.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    code, _, err = _run(capsys, "eval", str(gold))
    assert code == 2 and "give --articles PATH" in err
    code, out, _ = _run(capsys, "eval", str(gold), "--articles", str(article.parent), "--errors")
    assert code == 0
    assert "  miss: provides_service_to: i茅台 provides_service_to 九州通  @mine.jsonl:1" in out
    assert "  false positive: provides_service_to: 九州通 provides_service_to i茅台  @mine.jsonl:1" in out

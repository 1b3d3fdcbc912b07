"""Reading CLUENER lines: inclusive end offsets become exclusive, bad lines name the file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.evaluate.cluener import holdout_start
from kg.ingest.errors import InputError
from kg.learn.cluener import CONTRACT_TYPES, parse_line, read_cluener, split

CLUENER = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "cluener" / "train.json"
needs_data = pytest.mark.skipif(not CLUENER.is_file(), reason="CLUENER data not present")


@needs_data
def test_first_real_line_has_exclusive_ends():
    first = CLUENER.read_text(encoding="utf-8").splitlines()[0]
    ex = parse_line(first)
    assert (9, 12, "name") in ex.spans
    assert (0, 4, "company") in ex.spans
    assert ex.text[9:12] == "叶老桂"
    assert ex.text[0:4] == "浙商银行"


@needs_data
def test_every_real_span_matches_its_surface():
    examples = read_cluener(CLUENER)
    assert len(examples) == 10748
    raw = [json.loads(line) for line in CLUENER.read_text(encoding="utf-8").splitlines()]
    for ex, rec in zip(examples, raw, strict=False):
        surfaces = sorted(s for label in rec["label"].values() for s, offs in label.items() for _ in offs)
        assert sorted(ex.text[a:b] for a, b, _ in ex.spans) == surfaces


@needs_data
def test_held_out_part_is_the_last_tenth():
    examples = read_cluener(CLUENER)
    train, dev = split(examples)
    assert len(train) == int(0.9 * len(examples)) == holdout_start(len(examples))
    assert train + dev == examples


def test_single_character_span():
    ex = parse_line(
        '{"text": "据新华社报道", "label": {"company": {"新华社": [[1, 3]]}, "name": {"据": [[0, 0]]}}}'
    )
    assert ex.spans == ((0, 1, "name"), (1, 4, "company"))


def test_contract_types_cover_the_target_labels():
    assert CONTRACT_TYPES["name"] == "Person" and CONTRACT_TYPES["government"] == "GovernmentBody"
    assert "game" not in CONTRACT_TYPES


@pytest.mark.parametrize(
    "line, reason",
    [
        ('{"text": "浙商银行", "label": {"company": {"浙商银行": [[0, 4]]}}}', "does not match"),
        ('{"text": "浙商银行", "label": {"company": {"浙商": [[1, 2]]}}}', "does not match"),
        ('{"text": "浙商银行", "label"', "not JSON"),
        ('{"label": {}}', 'no "text"'),
        ('{"text": "浙商银行", "label": {"company": {"浙商银行": [[0]]}}}', "bad CLUENER line"),
    ],
)
def test_bad_lines_name_file_and_line(tmp_path, line, reason):
    path = tmp_path / "train.json"
    good = '{"text": "好", "label": {}}'
    path.write_text(f"{good}\n{line}\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_cluener(path)
    message = str(err.value)
    assert message.startswith(f"{path}:2: ")
    assert reason in message


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        read_cluener(tmp_path / "nope.json")


def test_blank_lines_are_skipped(tmp_path):
    path = tmp_path / "train.json"
    path.write_text('\n{"text": "好", "label": {}}\n\n', encoding="utf-8")
    assert [ex.text for ex in read_cluener(path)] == ["好"]

"""The relation classifier: features, the shipped model's predictions, odd input, training and saving."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from kg.learn import TRAINERS, relations
from kg.learn.finre import pair_examples, read_records
from kg.learn.relation_features import hash_features, is_planned, normalize, pair_features, tokenize
from kg.learn.relations import RelationClassifier, RelationPrediction


@pytest.fixture(scope="module")
def model() -> RelationClassifier:
    loaded = relations.load()
    assert loaded is not None, "the shipped model kg/models/relations.* must load"
    return loaded


def spans(text: str, a: str, b: str) -> tuple[tuple[int, int, str], tuple[int, int, str]]:
    """Company spans of the first occurrences of a and b."""
    i, j = text.index(a), text.index(b)
    return (i, i + len(a), "Company"), (j, j + len(b), "Company")


def predict(model: RelationClassifier, text: str, a: str, b: str) -> RelationPrediction | None:
    sa, sb = spans(text, a, b)
    return model.predict(text, (0, len(text)), sa, sb)


# Sentences from FinRE valid.txt (numbers written 0, as the reader does).
ACQUISITION = "吉利收购沃尔沃获欧盟批准公告首次确认收购主体"
PLANNED = "江西水泥:拟0亿收购锦溪水泥0%股权"
COOPERATION = (
    "据悉,此次中南传媒与华为的合作是国内第一次由内容提供商和技术提供商合力,面向数字出版行业进行的新尝试。"
)
SAME = (
    "该规定如果颁布,意味着外航及其代理在中国销售机票时,将不必依靠中国民航信息网络股份有限公司(下称“中航信”,"
)
# the same FinRE sentence with the full-width punctuation of real news
SHARES = "四川长虹目前为美菱电器第一大股东，其与旗下子公司长虹贸易有限公司合计持有美菱电器30.6%股权。"


def test_acquisition_predicted_with_direction(model: RelationClassifier) -> None:
    forward = predict(model, ACQUISITION, "吉利", "沃尔沃")
    assert forward is not None and (forward.predicate, forward.forward) == ("acquires", True)
    assert forward.qualifiers == {}
    backward = predict(model, ACQUISITION, "沃尔沃", "吉利")
    assert backward is not None and (backward.predicate, backward.forward) == ("acquires", False)
    assert backward.confidence == forward.confidence


def test_planned_acquisition_gets_the_status(model: RelationClassifier) -> None:
    result = predict(model, PLANNED, "江西水泥", "锦溪水泥")
    assert result is not None and result.predicate == "acquires" and result.forward
    assert result.qualifiers == {"status": "planned"}


def test_cooperation_is_symmetric(model: RelationClassifier) -> None:
    result = predict(model, COOPERATION, "中南传媒", "华为")
    assert result is not None and result.predicate == "cooperates_with"
    assert 0.0 < result.confidence <= 1.0


def test_abbreviation_is_same_as(model: RelationClassifier) -> None:
    result = predict(model, SAME, "中国民航信息网络股份有限公司", "中航信")
    assert result is not None and result.predicate == "same_as"


def test_same_as_needs_one_entity_type(model: RelationClassifier) -> None:
    i, j = SAME.index("中国民航信息网络股份有限公司"), SAME.index("中航信")
    result = model.predict(SAME, (0, len(SAME)), (i, i + 14, "Company"), (j, j + 3, "Product"))
    assert result is None or result.predicate != "same_as"


def test_shareholder_read_from_full_width_text(model: RelationClassifier) -> None:
    result = predict(model, SHARES, "四川长虹", "美菱电器")
    assert result is not None and (result.predicate, result.forward) == ("holds_shares_in", True)


def test_sentence_span_inside_a_longer_text(model: RelationClassifier) -> None:
    text = "公司公告称业绩增长。" + ACQUISITION + "此事备受关注。"
    start = text.index(ACQUISITION)
    sentence = (start, start + len(ACQUISITION))
    a, b = spans(text, "吉利", "沃尔沃")
    given = tokenize(text, sentence)
    with_tokens = model.predict(text, sentence, a, b, tokens=given)
    without = model.predict(text, sentence, a, b)
    assert with_tokens == without and without is not None and without.predicate == "acquires"


def test_batch_matches_single_predictions(model: RelationClassifier) -> None:
    cases = [
        (ACQUISITION, "吉利", "沃尔沃"),
        (COOPERATION, "中南传媒", "华为"),
        (SAME, "中国民航信息网络股份有限公司", "中航信"),
    ]
    pairs = [(t, (0, len(t)), *spans(t, a, b), None) for t, a, b in cases]
    assert model.predict_many(pairs) == [model.predict(*p) for p in pairs]
    assert model.predict_many([]) == []


def test_probabilities_of_a_batch_are_those_of_each_row(model: RelationClassifier) -> None:
    tokens = tokenize(COOPERATION, (0, len(COOPERATION)))
    (a0, a1, _), (b0, b1, _) = spans(COOPERATION, "中南传媒", "华为")
    known = pair_features(COOPERATION, (0, len(COOPERATION)), (a0, a1), (b0, b1), tokens)
    rows = [known, [], ["no such feature"], known + known, known[::-1]]
    batch = model.probabilities(rows)
    for row, got in zip(rows, batch, strict=True):
        assert got == pytest.approx(model.probabilities([row])[0])
    assert batch[1] == pytest.approx(batch[2])  # a row of unknown features is a row of none
    assert batch[0] == pytest.approx(batch[3]) and batch[0] == pytest.approx(batch[4])  # a set of features
    assert batch[0].argmax() != batch[1].argmax()


@pytest.mark.parametrize(
    ("text", "sentence", "a", "b"),
    [
        ("吉利沃尔沃", (0, 5), (0, 2, "Company"), (2, 5, "Company")),  # adjacent, at both text edges
        ("双汇国际收购史密斯菲尔德", (0, 12), (0, 4, "Company"), (0, 2, "Company")),  # overlapping
        ("双汇国际", (0, 4), (0, 4, "Company"), (0, 4, "Company")),  # the same span twice
        ("吉利收购沃尔沃", (0, 0), (0, 2, "Company"), (4, 7, "Company")),  # empty sentence span
        ("", (0, 0), (0, 0, "Company"), (0, 0, "Company")),  # empty text
        ("吉利收购沃尔沃", (0, 7), (3, 2, "Company"), (4, 7, "Company")),  # reversed span
        ("吉利收购沃尔沃", (5, 99), (0, 2, "Company"), (4, 70, "Company")),  # beyond the text
        ("吉利收购沃尔沃", (0, 7), (-5, 2, ""), (4, 7, "")),  # negative start, empty types
        ("  \n", (0, 3), (0, 1, "Company"), (2, 3, "Company")),  # white space only
    ],
)
def test_odd_input_never_crashes(
    model: RelationClassifier, text: str, sentence: tuple[int, int], a: tuple, b: tuple
) -> None:
    result = model.predict(text, sentence, a, b)
    assert result is None or isinstance(result, RelationPrediction)


def test_unusable_spans_give_no_relation(model: RelationClassifier) -> None:
    assert model.predict("双汇国际", (0, 4), (0, 4, "Company"), (0, 4, "Company")) is None
    assert model.predict("", (0, 0), (0, 0, "Company"), (0, 0, "Company")) is None
    assert model.predict("吉利收购沃尔沃", (0, 7), (3, 2, "Company"), (4, 7, "Company")) is None


def test_features_are_deterministic_and_see_cues() -> None:
    text = "河南维雪啤酒被百威英博收购"
    tokens = tokenize(text, (0, len(text)))
    first = pair_features(text, (0, len(text)), (0, 6), (7, 11), tokens)
    assert first == pair_features(text, (0, len(text)), (0, 6), (7, 11), tokens)
    assert "PASSIVE@M" in first and "CG:acquires@R" in first and "PASSIVE+CG:acquires@R" in first
    hashed = hash_features(first, 22)
    assert (hashed == hash_features(list(reversed(first)), 22)).all()
    assert hashed.min() >= 0 and hashed.max() < 2**22


def test_a_cue_of_two_groups_counts_for_both() -> None:
    text = (
        "冀东集团重组唐陶水泥"  # 重组 hints at a merger and at FinRE's 重组, which is no contract predicate
    )
    feats = pair_features(text, (0, len(text)), (0, 4), (6, 10), tokenize(text, (0, len(text))))
    assert "CG:merges_with@M" in feats and "CG:none@M" in feats


def test_name_features_tell_abbreviations() -> None:
    text = "中国国新控股有限责任公司(以下简称国新公司)"
    tokens = tokenize(text, (0, len(text)))
    feats = pair_features(text, (0, len(text)), (0, 12), (17, 21), tokens)
    assert "ABBREVIATION" in feats and "CG:same_as@M" in feats


def test_normalize_folds_width_and_numbers() -> None:
    assert normalize("营收１２.５亿，同比增长30%") == "营收0亿,同比增长0%"
    assert normalize("ABC公司") == "abc公司"


def test_planned_marker_must_precede_the_acquisition() -> None:
    assert is_planned(PLANNED, (0, 4), (10, 14))
    assert not is_planned(ACQUISITION, (0, 2), (4, 7))


def test_missing_model_files_warn_and_give_none(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        assert relations.load(tmp_path) is None
    assert "relation model not available" in caplog.text


def test_trainer_is_registered() -> None:
    assert TRAINERS.get("relations") is relations.train


SAMPLE = """\
吉利\t沃尔沃\t收购\t吉利收购沃尔沃获欧盟批准
沃尔沃\t吉利\t被收购\t吉利收购沃尔沃获欧盟批准
邮储银行\t广发证券\t合作\t邮储银行与广发证券此前已有过深入密切的合作。
华为\t中兴\tunknown\t随后华为和中兴都对该指控做出了回应。
中国农业银行\t农行\t自己\t当日,中国农业银行在香港举行投资者推介会,农行董事长项俊波表示很有信心。
"""


def test_fit_and_save_are_byte_reproducible(tmp_path: Path) -> None:
    path = tmp_path / "sample.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    examples = pair_examples(read_records(path))
    rows = [relations.example_features(e) for e in examples]
    targets = [relations.example_targets(e) for e in examples]
    classes = ["none"] + sorted({t for ts in targets for t in ts} - {"none"})
    outputs = []
    for run in ("one", "two"):
        fitted = relations.fit(rows, targets, classes, balance=0.5, l2=0.1)
        relations.save(fitted, tmp_path / run, {"l2": 0.1})
        outputs.append([(tmp_path / run / f"relations.{ext}").read_bytes() for ext in ("npz", "json")])
    assert outputs[0] == outputs[1]
    reloaded = relations.load(tmp_path / "one")
    assert reloaded is not None and reloaded.classes == classes

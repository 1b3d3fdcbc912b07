"""The shipped entity recogniser: loads, finds people, companies and positions, never crashes on odd text."""

from __future__ import annotations

import logging
from pathlib import Path

import jieba
import numpy as np
import pycrfsuite
import pytest

from kg.learn import MODEL_DIR, ner
from kg.learn.cluener import CONTRACT_TYPES, Example, read_cluener, split
from kg.learn.features import feature_columns, sentence_features

CLUENER = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "cluener" / "train.json"

SEED = "贵州茅台董事长丁雄军也表示"
TYPES = set(CONTRACT_TYPES.values())


@pytest.fixture(scope="module")
def tagger():
    loaded = ner.load()
    assert loaded is not None, "kg/models/ner.crfsuite is missing: run `kg train ner`"
    return loaded


def found(tagger, text):
    return {(text[s.start : s.end], s.type) for s in tagger.predict(text)}


def assert_valid(text, spans):
    for s in spans:
        assert 0 <= s.start < s.end <= len(text)
        assert s.type in TYPES
        assert 0.0 < s.confidence <= 1.0


def test_load_is_cached(tagger):
    assert ner.load() is tagger


def test_seed_sentence(tagger):
    spans = tagger.predict(SEED)
    assert_valid(SEED, spans)
    got = {(SEED[s.start : s.end], s.type) for s in spans}
    assert ("丁雄军", "Person") in got
    assert ("董事长", "Position") in got


@pytest.mark.parametrize(
    "text, expected",
    [
        # held-out CLUENER lines (the last tenth of train.json, never trained on)
        ("育碧市场总监JohnParkes说，“我们相信《末日之战》", {("育碧", "Company"), ("JohnParkes", "Person")}),
        (
            "上世纪80年代初，谭雅玲进入中行。“那个时候，国际、国内业务有鲜明的分工，",
            {("谭雅玲", "Person"), ("中行", "Company")},
        ),
        (
            "中国城市发展研究院常务副院长章惠生先生，汇石投资合伙人张剑，新浪乐居北京地区客户总监叶晴，",
            {
                ("中国城市发展研究院", "Organization"),
                ("常务副院长", "Position"),
                ("章惠生", "Person"),
                ("汇石投资", "Company"),
                ("张剑", "Person"),
            },
        ),
        (
            "公安部经济犯罪侦查局巡视员张涛14日在公安部打击银行卡犯罪专项行动新闻发布会上介绍说，",
            {("公安部经济犯罪侦查局", "GovernmentBody"), ("巡视员", "Position"), ("张涛", "Person")},
        ),
        (
            "主持人：各位专家，网友，观众朋友们，大家下午好！我是新浪乐居高级编辑郭爽。",
            {("新浪乐居", "Company"), ("高级编辑", "Position"), ("郭爽", "Person")},
        ),
    ],
)
def test_held_out_sentences(tagger, text, expected):
    assert expected <= found(tagger, text)


def test_spans_are_the_text_they_name(tagger):
    text = "5月13日，在贵州省上市公司2021年度业绩说明会上，贵州茅台董事、代行总经理职责李静仁回复表示，中国证监会将加强监管。"
    spans = tagger.predict(text)
    assert_valid(text, spans)
    assert spans == sorted(spans, key=lambda s: (s.start, s.end))
    assert ("李静仁", "Person") in found(tagger, text)


def test_given_tokens_give_the_same_spans(tagger):
    text = (
        "浙商银行企业信贷部叶老桂博士则从另一个角度对五道门槛进行了解读。叶老桂认为，对目前国内商业银行而言，"
        * 3
    )
    assert tagger.predict(text, list(jieba.tokenize(text))) == tagger.predict(text)


def test_deterministic(tagger):
    text = SEED + "。" + "新浪乐居邢晓利"
    assert tagger.predict(text) == tagger.predict(text)


def test_array_decoder_matches_crfsuite(tagger):
    texts = [SEED, "ＡＢＣ公司董事长Tom Li说：“😀”"]
    if CLUENER.is_file():
        texts += [ex.text for ex in split(read_cluener(CLUENER))[1][:40]]
    reference = pycrfsuite.Tagger()
    reference.open(str(MODEL_DIR / ner.MODEL_NAME))
    for text in texts:
        reference.set(sentence_features(text, None, tagger.lexicon, tagger.features))
        expected = reference.tag()
        feats = feature_columns(text, [(0, len(text))], None, tagger.lexicon, tagger.features)
        [(path, probs)] = tagger.crf.decode([tagger.crf.emissions(feats)])
        assert [tagger.crf.labels[y] for y in path] == expected, text
        assert np.allclose(probs, [reference.marginal(y, i) for i, y in enumerate(expected)], atol=1e-5)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "😀😀😀",
        "only latin words here, no Chinese at all.",
        "\n\n\t",
        "１２３４５",
        "丁" * 400,
        "。。。",
    ],
)
def test_odd_input_does_not_crash(tagger, text):
    assert_valid(text, tagger.predict(text))


def test_long_text_is_tagged_in_pieces(tagger):
    text = ("贵州茅台董事长丁雄军也表示，" * 700)[:10_000]
    spans = tagger.predict(text)
    assert_valid(text, spans)
    assert sum(1 for s in spans if text[s.start : s.end] == "丁雄军") > 500
    assert all(b - a <= ner.MAX_SEGMENT for a, b in ner.segments(text))
    assert all(b - a <= ner.MAX_SEGMENT for a, b in ner.segments("丁" * 1000))


def test_missing_model_warns_and_gives_none(tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        assert ner.load(tmp_path) is None
    assert "kg train ner" in caplog.text


@pytest.mark.parametrize("scheme", ["BIO", "BIOES"])
def test_labels_round_trip(scheme):
    spans = [(0, 2, "name"), (2, 3, "company"), (5, 9, "position")]
    labels = ner.encode(10, spans + [(6, 8, "name")], scheme)  # the nested span is dropped
    assert ner.decode(labels) == spans


def test_decode_tolerates_broken_sequences():
    assert ner.decode(["I-name", "I-name", "O", "B-company", "I-name"]) == [
        (0, 2, "name"),
        (3, 4, "company"),
        (4, 5, "name"),
    ]


def test_training_spans_merge_classes_outside_the_contract():
    ex = Example("《天龙八部》作者金庸", ((1, 5, "book"), (8, 10, "name")))
    assert ner.training_spans(ex, ner.Settings(merge_other=True)) == [(1, 5, ner.OTHER), (8, 10, "name")]
    assert ner.training_spans(ex, ner.Settings(merge_other=False)) == [(1, 5, "book"), (8, 10, "name")]


def test_lexicon_holds_name_like_characters():
    lexicon = ner.build_lexicon([], ner.Settings(hmm_characters=True))
    assert "王" in lexicon.entries["hmm-Bnr-0"]
    assert "hmm-Bnr-0" not in ner.build_lexicon([], ner.Settings(hmm_characters=False)).entries


@pytest.mark.parametrize(
    "text, expected",
    [
        ("中国埃及大使馆", ["中国埃及大使馆"]),  # 及 inside the word 埃及
        ("鞍钢股份与鞍钢集团", ["鞍钢股份", "鞍钢集团"]),
        ("贵州茅台、九州通", ["贵州茅台", "九州通"]),
        ("“和黄”", ["和黄"]),
    ],
)
def test_model_spans_become_clean_names(text, expected):
    from kg.extract.ner import spans

    starts = {a for _, a, _ in jieba.tokenize(text)} | {len(text)}
    assert [text[a:b] for a, b in spans(text, 0, len(text), "Company", starts)] == expected


def test_an_institution_name_holding_a_conjunction_stays_whole():
    from kg.extract.ner import spans

    text = "西南财经大学信托与理财研究所"
    starts = {a for _, a, _ in jieba.tokenize(text)} | {len(text)}
    assert [text[a:b] for a, b in spans(text, 0, len(text), "Organization", starts)] == [text]

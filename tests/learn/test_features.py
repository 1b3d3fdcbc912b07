"""Per-character features: one list per character, deterministic, and lexicon hits where expected."""

from __future__ import annotations

import jieba

from kg.learn.features import (
    FeatureSet,
    Lexicon,
    char_classes,
    code_points,
    feature_columns,
    fold,
    ngram_keys,
    project_lexicons,
    read_word_list,
    sentence_features,
    tokens_within,
)

SEED = "贵州茅台董事长丁雄军也表示"
LEXICON = {"company": ["贵州茅台", "茅台"], "position": ["董事长"], "surname": ["丁"]}


def test_fold_keeps_length_and_folds_width_case_and_digits():
    assert fold("ＡＢｃ１２3 ９") == "abc000_0"
    text = "i茅台😀２０２２年"
    assert len(fold(text)) == len(text)


def test_char_classes():
    assert char_classes(fold("茅A1，三 😀")) == ["H", "L", "D", "P", "N", "S", "P"]


def test_one_feature_list_per_character_and_deterministic():
    lex = Lexicon(LEXICON)
    first = sentence_features(SEED, None, lex)
    again = sentence_features(SEED, None, Lexicon(dict(reversed(list(LEXICON.items())))))
    assert first == again
    assert len(first) == len(SEED)
    assert all(len(set(row)) == len(row) for row in first)


def test_given_tokens_give_the_same_features_as_own_segmentation():
    lex = Lexicon(LEXICON)
    tokens = list(jieba.tokenize(SEED))
    assert sentence_features(SEED, tokens, lex) == sentence_features(SEED, None, lex)


def test_token_and_lexicon_features():
    rows = sentence_features(SEED, None, Lexicon(LEXICON))
    chairman = SEED.index("董事长")
    assert "w|B董事长" in rows[chairman] and "w|E董事长" in rows[chairman + 2]
    assert "w-|茅台" in rows[chairman] and "w+|丁雄军" in rows[chairman]
    assert "g|position:B" in rows[chairman] and "g|position:E" in rows[chairman + 2]
    assert "g<|company:E" in rows[chairman]
    assert "L|Bposition" in rows[chairman] and "L|Ecompany" in rows[chairman - 1]
    assert "g|surname:S" in rows[SEED.index("丁")]
    assert {"g|company:B", "g|company:I"} <= set(rows[2])  # 茅 starts 茅台 and is inside 贵州茅台
    assert {"b|", "u-2|^", "u-1|^"} <= set(rows[0]) and "u2|$" in rows[-1]


def test_feature_groups_can_be_switched_off():
    lex = Lexicon(LEXICON)
    full = sentence_features(SEED, None, lex, FeatureSet(pos=True))
    assert "p|Bns" in full[0] and "p+|n" in full[0]  # 贵州 is a place name, 茅台 a noun
    lean = sentence_features(
        SEED, None, lex, FeatureSet(trigrams=False, pos=False, lexicon_window=False, longest_match=False)
    )
    assert all(set(b) < set(a) for a, b in zip(full, lean, strict=False))
    assert not any(f.startswith(("t-1|", "p|", "p-|", "g<|", "L|")) for row in lean for f in row)


def test_odd_input():
    lex = Lexicon(LEXICON)
    assert sentence_features("", None, lex) == []
    for text in ("😀😀", "only latin here", "\n\t ", "１２３４"):
        assert len(sentence_features(text, None, lex)) == len(text)
    assert len(sentence_features("茅台", [], Lexicon({}))) == 2


def test_lexicon_round_trip(tmp_path):
    lex = Lexicon(LEXICON)
    lex.save(tmp_path / "lex.tsv")
    assert Lexicon.load(tmp_path / "lex.tsv").entries == lex.entries
    assert (tmp_path / "lex.tsv").read_text(encoding="utf-8").splitlines()[0] == "company\t茅台"


def test_tokens_within_clips_and_rebases():
    text = "贵州茅台董事长丁雄军"
    tokens = list(jieba.tokenize(text))
    starts = [a for _, a, _ in tokens]
    inner = tokens_within(tokens, starts, 3, 8)
    assert inner[0] == ("台", 0, 1)
    assert "".join(w for w, _, _ in inner) == text[3:8]
    assert all(text[3 + a : 3 + b] == w for w, a, b in inner)


def test_word_lists_skip_comments_and_blanks(tmp_path):
    (tmp_path / "positions.txt").write_text("# titles\n董事长\n\n总经理  # chief\n", encoding="utf-8")
    assert read_word_list(tmp_path / "positions.txt") == ["董事长", "总经理"]
    assert project_lexicons(tmp_path) == {"positions": ["董事长", "总经理"]}
    assert project_lexicons(tmp_path / "missing") == {}


def test_parts_are_featurised_as_if_alone():
    lex = Lexicon(LEXICON)
    text = "贵州茅台董事长丁雄军也表示。他说，茅台很好！ＡＢＣ１２３　i茅台"
    parts = [(0, 14), (14, 22), (24, 32)]
    together = feature_columns(text, parts, list(jieba.tokenize(text)), lex).names()
    alone = [row for a, b in parts for row in sentence_features(text[a:b], None, lex)]
    assert together == alone


def test_tokens_with_gaps_and_overlaps_still_cover_every_character():
    lex = Lexicon(LEXICON)
    text = "贵州茅台董事长"
    rows = sentence_features(text, [("贵州", 0, 2), ("台董", 3, 5), ("董事长", 4, 7)], lex)
    assert [r[next(i for i, f in enumerate(r) if f.startswith("t|"))] for r in rows] == [
        "t|B",
        "t|E",
        "t|S",
        "t|B",
        "t|E",
        "t|B",
        "t|E",
    ]


def test_ngram_keys_tell_runs_apart_and_keep_their_order():
    text = "^^茅台$$𠀀台\ud800a"  # pads, an astral character and a lone surrogate
    for order in (1, 2, 3):
        grams = [text[i : i + order] for i in range(len(text) - order + 1)]
        keys = ngram_keys(code_points(text), order).tolist()
        assert len(keys) == len(grams)
        assert len(set(keys)) == len(set(grams))  # equal keys exactly for equal runs
        assert sorted(range(len(grams)), key=grams.__getitem__) == sorted(
            range(len(keys)), key=keys.__getitem__
        )
    assert ngram_keys(code_points("ab"), 3).tolist() == []

"""Name-like characters from jieba's tables: surnames rank first, lists are disjoint and stable."""

from __future__ import annotations

from kg.learn import dictionary


def test_common_surnames_rank_first_as_name_starts():
    top = set(dictionary.character_ranks()["hmm-Bnr-0"])
    assert {"王", "张", "李", "陈"} <= top
    assert "司" not in top


def test_organisation_endings_rank_first_as_last_characters():
    assert {"局", "院", "部"} <= set(dictionary.character_ranks()["hmm-Ent-0"])


def test_rank_bins_are_disjoint_and_sized():
    lists = dictionary.character_ranks(bins=(5, 20))
    assert set(lists) == {name for name in lists if name.startswith("hmm-") and name[-1] in "01"}
    for position_tag in {name[4:-2] for name in lists}:
        first, second = set(lists[f"hmm-{position_tag}-0"]), set(lists.get(f"hmm-{position_tag}-1", []))
        assert len(first) <= 5 and len(second) <= 15
        assert not first & second


def test_deterministic():
    assert dictionary.character_ranks() == dictionary.character_ranks()

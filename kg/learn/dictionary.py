"""Name-like characters from jieba's bundled tables, as named lists for the tagger's lexicon.

jieba's part-of-speech HMM gives, for every tag and position in a word, how likely each character is;
the characters that rank high as the first, middle or last character of person names (nr), places (ns),
organisation names (nt) and other proper names (nz) say what a name never seen in training looks like.
"""

from __future__ import annotations

from collections.abc import Sequence

NAME_TAGS = ("nr", "ns", "nt", "nz")
POSITIONS = ("B", "M", "E", "S")
RANK_BINS = (30, 150, 600)  # a character's rank among a state's characters: top 30, 31-150, 151-600


def character_ranks(bins: Sequence[int] = RANK_BINS, tags: Sequence[str] = NAME_TAGS) -> dict[str, list[str]]:
    """List name `hmm-<position><tag>-<bin>` -> the characters whose emission rank falls in that bin."""
    from jieba.posseg import prob_emit

    lists: dict[str, list[str]] = {}
    for (position, tag), emissions in sorted(prob_emit.P.items()):
        if tag not in tags or position not in POSITIONS or not emissions:
            continue
        ranked = sorted(emissions, key=lambda ch: (-emissions[ch], ch))
        low = 0
        for k, high in enumerate(bins):
            chosen = ranked[low:high]
            if chosen:
                lists[f"hmm-{position}{tag}-{k}"] = sorted(chosen)
            low = high
    return lists

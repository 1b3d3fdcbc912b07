"""Job titles from the positions lexicon, including acting forms such as 代行总经理职责 and 代理董事长."""

from __future__ import annotations

import re

from kg.extract import extractor
from kg.extract.doc import Doc
from kg.extract.lexicon import matcher

# An acting title as written: 代行X职责, 代理X, 代X. The group is the title itself.
_ACTING = re.compile(r"^(?:代行(.+)职责|代理(.+)|代(.+))$")
_ACTING_BEFORE = ("代行", "代理", "代")
# A title followed by one of these is part of a longer noun (董事会, 委员会), not a title.
_CONTINUES = set("会局处")


def title_of(written: str) -> tuple[str, bool]:
    """The title and whether it is acting, for a position as written (代行总经理职责 -> 总经理, True)."""
    m = _ACTING.match(written)
    if m:
        return next(g for g in m.groups() if g), True
    return written, False


@extractor("positions", stage="mentions", order=30)
def positions(doc: Doc) -> None:
    """Each title of the lexicon is a Position mention, widened to its acting form where written so."""
    text = doc.text
    for start, end, _ in matcher("positions").find(text):
        if end < len(text) and text[end] in _CONTINUES:
            continue
        if text.startswith("职责", end) and text[max(0, start - 2) : start] == "代行":
            start, end = start - 2, end + 2
        else:
            for prefix in _ACTING_BEFORE[1:]:
                if text[max(0, start - len(prefix)) : start] == prefix:
                    start -= len(prefix)
                    break
        doc.add(start, end, "Position", "positions", 0.9)

"""Dates written in a sentence (2021年11月, 5月9日, 去年11月, 昨日) resolved against the article's date."""

from __future__ import annotations

import re
from datetime import date, timedelta

from kg.extract import extractor
from kg.extract.doc import Doc

_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}
_NUM = r"(?:\d{1,4}|[〇零一二两三四五六七八九十]{1,4})"
_DATE = re.compile(
    rf"(?:(?P<year>\d{{4}})年|(?P<rel_year>今年|去年|前年|明年))?"
    rf"(?:(?P<month>{_NUM})月(?:份)?|(?P<rel_month>本月|上月|上个月|下月))?"
    rf"(?:(?P<day>{_NUM})[日号])?"
    r"|(?P<rel_day>今天|今日|昨天|昨日|前天|前日|明天|明日)"
)
_REL_YEAR = {"今年": 0, "去年": -1, "前年": -2, "明年": 1}
_REL_MONTH = {"本月": 0, "上月": -1, "上个月": -1, "下月": 1}
_REL_DAY = {"今天": 0, "今日": 0, "昨天": -1, "昨日": -1, "前天": -2, "前日": -2, "明天": 1, "明日": 1}


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return int("".join(str(_CN_DIGITS[c]) for c in text))


def resolve_date(m: re.Match, today: date | None) -> str | None:
    """ISO date (YYYY-MM-DD) or month (YYYY-MM) for one match; None when it cannot be placed in time."""
    g = m.groupdict()
    if g["rel_day"]:
        return (today + timedelta(days=_REL_DAY[g["rel_day"]])).isoformat() if today else None
    year = int(g["year"]) if g["year"] else None
    if g["rel_year"]:
        if today is None:
            return None
        year = today.year + _REL_YEAR[g["rel_year"]]
    month = _number(g["month"]) if g["month"] else None
    if g["rel_month"]:
        if today is None:
            return None
        total = today.year * 12 + today.month - 1 + _REL_MONTH[g["rel_month"]]
        year, month = total // 12, total % 12 + 1
    day = _number(g["day"]) if g["day"] else None
    if month is None:
        return None  # a bare year or day is too vague to qualify a fact
    if year is None:
        if today is None:
            return None
        year = today.year
        if (month, day or 1) > (today.month, today.day) and month - today.month > 1:
            year -= 1  # "11月" in a May article is last November
    try:
        return date(year, month, day).isoformat() if day else date(year, month, 1).isoformat()[:7]
    except ValueError:
        return None


def sentence_dates(text: str, today: date | None) -> list[str]:
    """The dates written in `text`, resolved, in order."""
    out = []
    for m in _DATE.finditer(text):
        if m.group(0):
            resolved = resolve_date(m, today)
            if resolved:
                out.append(resolved)
    return out


@extractor("dates", stage="relations", order=90)
def dates(doc: Doc) -> None:
    """A fact whose sentence names a date gets that date as its `date` qualifier."""
    published = doc.article.published
    today = date.fromisoformat(published[:10]) if published else None
    cache: dict[tuple[int, int], list[str]] = {}
    for fact in doc.facts:
        if "date" in fact.qualifiers:
            continue
        s, e = fact.sentence
        if fact.sentence not in cache:
            cache[fact.sentence] = sentence_dates(doc.text[s:e], today)
        found = cache[fact.sentence]
        if found:
            fact.qualifiers["date"] = found[0]

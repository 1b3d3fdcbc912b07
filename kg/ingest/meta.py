"""Article metadata: ISO dates with a zone, stable article ids, content hashes."""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime, timedelta, timezone
from pathlib import PurePath

from kg.text.chars import clean_label

CHINA_TZ = timezone(timedelta(hours=8))
_DATE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[ T]*(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2}))?秒?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?"
)
_LONG_ID = re.compile(r"(\d{15,})")


def iso_datetime(value: object) -> str | None:
    """An ISO 8601 timestamp with zone for a date given as text or datetime; China time if no zone."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        dt = value if value.tzinfo else value.replace(tzinfo=CHINA_TZ)
        return dt.isoformat()
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=CHINA_TZ).isoformat()
    m = _DATE.search(str(value))
    if not m:
        raise ValueError(f"not a date: {str(value)[:40]!r}")
    y, mo, d, h, mi, s, zone = m.groups()
    tz = CHINA_TZ
    if zone:
        if zone == "Z":
            tz = timezone.utc
        else:
            digits = zone.replace(":", "")
            sign = -1 if digits[0] == "-" else 1
            tz = timezone(sign * timedelta(hours=int(digits[1:3]), minutes=int(digits[3:5])))
    dt = datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0), tzinfo=tz)
    return dt.isoformat()


def article_id(path: str, url: str | None = None, explicit: str | None = None) -> str:
    """The article's id: an explicit one, else the long number in its URL or file name, else the name."""
    explicit = clean_label(explicit)
    if explicit:
        return explicit
    for candidate in (url or "", PurePath(path).name):
        m = _LONG_ID.search(candidate)
        if m:
            return m.group(1)
    return clean_label(PurePath(path).stem) or "article"


def content_hash(*parts: str | None) -> str:
    """A SHA-256 over the parts that define an article's content."""
    h = hashlib.sha256()
    for part in parts:
        h.update((part or "").encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()

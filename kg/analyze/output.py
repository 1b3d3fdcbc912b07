"""Rows as an aligned text table (wide CJK characters counted as two columns), CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Sequence

FORMATS = ("table", "json", "csv")


def width(text: str) -> int:
    """Columns `text` takes in a terminal."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def cell(value: object) -> str:
    """A value as table or CSV text: None is empty, floats keep at most 6 decimals."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".") if value else "0"
    if isinstance(value, (list, tuple)):
        return "; ".join(cell(v) for v in value)
    return " ".join(str(value).split())


def table(rows: Sequence[dict], columns: Sequence[str]) -> str:
    """An aligned plain-text table with a header line."""
    grid = [list(columns)] + [[cell(row.get(c)) for c in columns] for row in rows]
    widths = [max(width(r[i]) for r in grid) for i in range(len(columns))]
    lines = []
    for n, r in enumerate(grid):
        lines.append("  ".join(v + " " * (w - width(v)) for v, w in zip(r, widths, strict=True)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def to_csv(rows: Sequence[dict], columns: Sequence[str]) -> str:
    """CSV with a header line."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([cell(row.get(c)) for c in columns] for row in rows)
    return buf.getvalue()


def to_json(data: object) -> str:
    """Indented JSON, non-ASCII kept readable."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

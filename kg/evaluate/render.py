"""Evaluation reports as text for a person or as JSON for a program."""

from __future__ import annotations

import json
from collections.abc import Sequence

from kg.evaluate.metrics import Counts, Table
from kg.evaluate.report import RunReport, Target


def _table_lines(table: Table) -> list[str]:
    rows: list[tuple[str, Counts]] = [(f"  {k}", c) for k, c in table.sorted_rows() if k not in table.apart]
    rows.append((f"  {table.micro_label}", table.micro))
    rows += [(f"  {k}", c) for k, c in table.sorted_rows() if k in table.apart]
    width = max(len(table.title), *(len(label) for label, _ in rows))
    lines = [
        f"{table.title:<{width}}  {'tp':>6} {'fp':>6} {'fn':>6} {'precision':>9} {'recall':>6} {'f1':>6}"
    ]
    for label, c in rows:
        scores = f"{c.precision:>9.3f} {c.recall:>6.3f} {c.f1:>6.3f}"
        lines.append(f"{label:<{width}}  {c.tp:>6} {c.fp:>6} {c.fn:>6} {scores}")
    return lines


def _target_lines(targets: Sequence[Target]) -> list[str]:
    return [f"  {'met' if t.met else 'NOT MET':<8} {t.name}: {t.value}" for t in targets]


def run_text(report: RunReport, errors_limit: int | None = None) -> str:
    """One run as text: header, tables, notes, speed, targets and, if asked, the errors."""
    lines = [
        f"== {report.name}: {report.gold} ({report.format}, {report.unit}: {report.items}; "
        f"predictions: {report.source})"
    ]
    for table in report.tables:
        lines += _table_lines(table)
    lines += report.notes
    if report.speed:
        s = report.speed
        lines.append(f"speed: {s.per_second:.1f} {s.unit}/s ({s.items} in {s.seconds:.2f} s)")
    if report.targets:
        lines.append("targets:")
        lines += _target_lines(report.targets)
    if errors_limit is not None:
        shown = report.findings[:errors_limit]
        more = len(report.findings) - len(shown)
        tail = f" (showing {len(shown)}; raise --errors-limit for more)" if more else ""
        lines.append(f"errors: {len(report.findings)}{tail}")
        for f in shown:
            note = f"  [{f.note}]" if f.note else ""
            lines.append(f"  {f.kind}: {f.label}: {f.item}  @{f.where}{note}")
            if f.sentence:
                lines.append(f"      {f.sentence}")
    return "\n".join(lines) + "\n"


def text(reports: Sequence[RunReport], errors_limit: int | None = None, summary: bool = False) -> str:
    """All runs as text, with a closing summary of every target when `summary` is set."""
    out = "\n".join(run_text(r, errors_limit) for r in reports)
    if summary:
        targets = [t for r in reports for t in r.targets]
        verdict = "all targets met" if all(t.met for t in targets) else "some targets not met"
        out += "\n== summary: " + verdict + "\n" + "\n".join(_target_lines(targets)) + "\n"
        for r in reports:
            if r.speed:
                out += f"  speed    {r.name}: {r.speed.per_second:.1f} {r.speed.unit}/s\n"
    return out


def as_json(reports: Sequence[RunReport], errors_limit: int | None = None, summary: bool = False) -> str:
    """All runs as one JSON document."""
    doc: dict = {"runs": [r.record(errors_limit) for r in reports]}
    if summary:
        targets = [t for r in reports for t in r.targets]
        doc["targets"] = [t.record() for t in targets]
        doc["all_met"] = all(t.met for t in targets)
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"

"""`kg eval`: score extraction against gold data (FinRE, CLUENER, the contract's gold) or a preset."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.commands import at_least, command
from kg.evaluate import GOLD_FORMATS, PRESETS, EvalError, default_data_dir, evaluate, read_gold, render
from kg.evaluate.report import RunReport
from kg.ingest.errors import InputError

DEFAULT_ERRORS_LIMIT = 50


def add_arguments(p: argparse.ArgumentParser) -> None:
    presets = ", ".join(f"'{name}'" for name in PRESETS.names())
    p.add_argument(
        "gold",
        metavar="GOLD",
        help=f"gold file, or a preset: {presets} (write ./dev for a file of that name)",
    )
    p.add_argument(
        "--pred",
        metavar="PRED.jsonl",
        help="predictions as `kg extract --format jsonl` prints them "
        "(default: run the extractor on the gold's texts)",
    )
    p.add_argument(
        "--gold-format",
        metavar="NAME",
        help=f"format of GOLD (default: detected; known: {', '.join(sorted(GOLD_FORMATS.names()))})",
    )
    p.add_argument(
        "--articles",
        metavar="PATH",
        nargs="+",
        action="extend",
        default=[],
        help="article files or folders for gold that names articles without their text",
    )
    p.add_argument(
        "--data", metavar="DIR", help="data folder for presets (default: ../shared/data beside the repo)"
    )
    p.add_argument("--errors", action="store_true", help="list false positives, misses and violations")
    p.add_argument(
        "--errors-limit",
        metavar="N",
        type=at_least(1),
        help=f"list at most N errors per run (implies --errors; default {DEFAULT_ERRORS_LIMIT})",
    )
    p.add_argument(
        "--limit", metavar="N", type=at_least(1), help="score only the first N gold texts or articles"
    )
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")


def _fail(message: str) -> int:
    print(f"kg eval: {message}", file=sys.stderr)
    return 2


@command(
    "eval",
    help="score extraction against gold data (precision, recall, F1, errors)",
    add_arguments=add_arguments,
)
def run(args: argparse.Namespace) -> int:
    """Score, print the report, and return 0, or 1 if a preset target is not met, or 2 on bad input."""
    is_preset = args.gold in PRESETS
    if is_preset and (args.pred or args.gold_format):
        return _fail(
            f"preset {args.gold!r} runs the extractor on its own gold; --pred and --gold-format "
            "go with a gold file"
        )
    if args.gold_format and args.gold_format not in GOLD_FORMATS:
        return _fail(
            f"unknown gold format {args.gold_format!r} (known: {', '.join(sorted(GOLD_FORMATS.names()))})"
        )
    try:
        if is_preset:
            data = Path(args.data) if args.data else default_data_dir()
            reports = []
            for spec in PRESETS.get(args.gold)(data):
                report = evaluate(spec.gold().head(args.limit), None, spec.articles, spec.name)
                report.targets = spec.targets(report)
                reports.append(report)
        else:
            gold = read_gold(args.gold, args.gold_format).head(args.limit)
            reports = [evaluate(gold, args.pred, args.articles)]
    except (InputError, EvalError) as err:
        return _fail(str(err))
    limit = args.errors_limit or (DEFAULT_ERRORS_LIMIT if args.errors else None)
    show = render.as_json if args.format == "json" else render.text
    sys.stdout.write(show(reports, limit, summary=is_preset))
    return 1 if _unmet(reports) else 0


def _unmet(reports: list[RunReport]) -> bool:
    return any(not t.met for r in reports for t in r.targets)

"""`kg extract PATHS --format jsonl`: the contract's records for every article."""

from __future__ import annotations

import argparse
import json
import sys

from kg.commands import add_max_chars_argument, command
from kg.io import atomic_open


def _args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "paths", nargs="+", help="article files or folders; - reads JSON Lines from standard input"
    )
    p.add_argument(
        "--format", choices=("jsonl", "json"), default="jsonl", help="output format (default jsonl)"
    )
    p.add_argument("-o", "--output", default="-", help="output file (default: standard output)")
    p.add_argument("--min-confidence", type=float, default=0.0, help="drop facts below this confidence")
    p.add_argument("--strict", action="store_true", help="stop at the first input that fails")
    add_max_chars_argument(p)


@command("extract", "Print the extraction records (articles, entities, mentions, facts) as JSON Lines", _args)
def run(args: argparse.Namespace) -> int:
    from kg.ingest import InputError
    from kg.pipeline import extract_paths

    failed = 0
    records: list[dict] = []
    out = sys.stdout if args.output == "-" else None
    for item in extract_paths(args.paths, min_confidence=args.min_confidence, max_chars=args.max_chars):
        if isinstance(item, InputError):
            print(f"kg: {item}", file=sys.stderr)
            failed += 1
            if args.strict:
                break
            continue
        if args.format == "jsonl" and out is not None:
            for rec in item.records():
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        else:
            records.extend(item.records())
    if out is None or args.format == "json":
        text = (
            json.dumps(records, ensure_ascii=False, indent=1) + "\n"
            if args.format == "json"
            else "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        )
        if out is None:
            with atomic_open(args.output) as fh:
                fh.write(text)
        else:
            out.write(text)
    return 1 if failed else 0

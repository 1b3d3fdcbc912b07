"""`kg build PATHS -o OUT`: the whole pipeline, with a summary of what was built."""

from __future__ import annotations

import argparse
import sys

from kg.commands import command


def _args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "paths", nargs="*", help="article files or folders (default with --sample: the bundled sample)"
    )
    p.add_argument("-o", "--out", default="output", help="output folder (default: output)")
    p.add_argument("--sample", action="store_true", help="build the bundled sample article")
    p.add_argument("--min-confidence", type=float, default=0.0, help="drop facts below this confidence")
    p.add_argument("--no-html", action="store_true", help="do not write graph.html")
    p.add_argument("--strict", action="store_true", help="stop at the first input that fails")


@command(
    "build",
    "Extract, resolve and store articles; write graph.trig, graph.ttl, graph.html, report.json",
    _args,
)
def run(args: argparse.Namespace) -> int:
    from kg.build import build, sample_dir

    paths = list(args.paths)
    if args.sample or not paths:
        if not args.sample:
            print("kg: no input given; building the bundled sample (use --sample to say so)", file=sys.stderr)
        paths.append(sample_dir())
    report = build(
        paths, args.out, min_confidence=args.min_confidence, html=not args.no_html, strict=args.strict
    )
    print(summary(report, args.out))
    return 1 if report.failed else 0


def summary(report, out: str) -> str:
    """A short human summary of a build."""
    lines = [
        f"Built {report.articles} article(s)" + (f", {len(report.failed)} failed" if report.failed else "")
    ]
    lines.append(f"Entities: {sum(report.entities.values())}")
    lines += [f"  {t:<16}{n:>6}" for t, n in sorted(report.entities.items(), key=lambda kv: (-kv[1], kv[0]))]
    lines.append(f"Facts: {sum(report.facts.values())}")
    lines += [f"  {p:<22}{n:>6}" for p, n in sorted(report.facts.items(), key=lambda kv: (-kv[1], kv[0]))]
    for failure in report.failed:
        lines.append(f"Failed: {failure}")
    lines.append("Files:")
    lines += [f"  {out.rstrip('/')}/{name}" for name in report.files]
    return "\n".join(lines)

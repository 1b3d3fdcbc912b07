"""`kg build PATHS -o OUT`: the whole pipeline, with a summary of what was built."""

from __future__ import annotations

import argparse
import sys

from kg.commands import add_max_chars_argument, at_least, command


def _args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "paths", nargs="*", help="article files or folders (default with --sample: the bundled sample)"
    )
    p.add_argument(
        "-o", "--out", help="output folder (default: output; with --store, files are written only if given)"
    )
    p.add_argument(
        "--store",
        metavar="STORE",
        help="keep the graph in a persistent store and build incrementally: a folder (Oxigraph) or "
        "sparql+http://HOST:PORT/PATH (a SPARQL server's Graph Store endpoint)",
    )
    p.add_argument("--force", action="store_true", help="extract every article again, changed or not")
    p.add_argument(
        "--workers",
        type=at_least(0, "one per core"),
        default=0,
        metavar="N",
        help="extract in N processes (default 0: one per core)",
    )
    p.add_argument(
        "--dask", metavar="ADDRESS", help="extract on the Dask cluster at ADDRESS (tcp://HOST:PORT)"
    )
    p.add_argument("--sample", action="store_true", help="build the bundled sample article")
    p.add_argument("--min-confidence", type=float, default=0.0, help="drop facts below this confidence")
    p.add_argument("--no-html", action="store_true", help="do not write graph.html")
    p.add_argument("--strict", action="store_true", help="stop at the first input that fails")
    add_max_chars_argument(p)
    p.add_argument("--no-progress", action="store_true", help="no progress line, even on a terminal")


@command(
    "build",
    "Extract, resolve and store articles; write graph.trig, graph.ttl, graph.html, report.json",
    _args,
)
def run(args: argparse.Namespace) -> int:
    from kg.build import build, sample_dir
    from kg.store import StoreError

    paths = list(args.paths)
    if args.sample or not paths:
        if not args.sample:
            print("kg: no input given; building the bundled sample (use --sample to say so)", file=sys.stderr)
        paths.append(sample_dir())
    out = args.out if args.out or args.store else "output"
    try:
        report = build(
            paths,
            out,
            store=args.store,
            min_confidence=args.min_confidence,
            html=not args.no_html,
            strict=args.strict,
            workers=args.workers,
            dask=args.dask,
            force=args.force,
            progress=False if args.no_progress else None,
            max_chars=args.max_chars,
        )
    except (StoreError, RuntimeError) as err:
        print(f"kg build: {err}", file=sys.stderr)
        return 1
    print(summary(report, out, args.store))
    return 1 if report.failed else 0


def summary(report, out: str | None, store: str | None = None) -> str:
    """A short human summary of a build."""
    failed = f", {len(report.failed)} failed" if report.failed else ""
    if store:
        lines = [
            f"Stored in {store}: {report.added} added, {report.replaced} replaced, "
            f"{report.unchanged} unchanged{failed}"
        ]
    else:
        lines = [f"Built {report.articles} article(s){failed}"]
    lines.append(f"Entities: {sum(report.entities.values())}")
    lines += [f"  {t:<16}{n:>6}" for t, n in sorted(report.entities.items(), key=lambda kv: (-kv[1], kv[0]))]
    lines.append(f"Facts: {sum(report.facts.values())}")
    lines += [f"  {p:<22}{n:>6}" for p, n in sorted(report.facts.items(), key=lambda kv: (-kv[1], kv[0]))]
    for failure in report.failed:
        lines.append(f"Failed: {failure}")
    if report.files:
        lines.append("Files:")
        lines += [f"  {out.rstrip('/')}/{name}" for name in report.files]
    return "\n".join(lines)

"""`kg viz`: an interactive HTML page of a built graph that works offline."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.commands import add_graph_argument, command
from kg.network import EntityNotFound, load_network
from kg.store import GraphLoadError
from kg.viz import DEFAULT_MAX_NODES, VizOptions, write_network_html


def _names(values: list[str] | None) -> tuple[str, ...]:
    """Values given as repeated options and/or comma-separated lists."""
    return tuple(v.strip() for value in values or () for v in value.split(",") if v.strip())


def _arguments(p: argparse.ArgumentParser) -> None:
    add_graph_argument(p)
    p.add_argument("-o", "--output", metavar="HTML", help="the page to write (default: GRAPH with .html)")
    p.add_argument("--title", default="知识图谱", help="page title")
    p.add_argument(
        "--focus",
        action="append",
        metavar="ENTITY",
        help="show only the neighbourhood of this entity (name, alias or ticker); repeatable",
    )
    p.add_argument("--hops", type=int, default=2, help="neighbourhood radius for --focus (default: 2)")
    p.add_argument(
        "--types", action="append", metavar="TYPE[,TYPE]", help="entity types to show (Company, ...)"
    )
    p.add_argument("--predicates", action="append", metavar="P[,P]", help="predicates to show (owns, ...)")
    p.add_argument(
        "--since", metavar="DATE", help="facts from articles of this date or later (YYYY[-MM[-DD]])"
    )
    p.add_argument("--until", metavar="DATE", help="facts from articles of this date or earlier")
    p.add_argument("--min-confidence", type=float, metavar="X", help="facts with confidence at least X (0-1)")
    p.add_argument(
        "--max-nodes",
        type=int,
        default=DEFAULT_MAX_NODES,
        metavar="N",
        help=f"keep the N most important entities (default: {DEFAULT_MAX_NODES}; 0: all)",
    )


def _fail(message: str) -> int:
    print(f"kg viz: {' '.join(message.split())}", file=sys.stderr)  # one line, whatever the parser said
    return 1


@command("viz", "Write an interactive, self-contained HTML view of a graph.", _arguments)
def run(args: argparse.Namespace) -> int:
    out = Path(args.output) if args.output else Path(args.graph).with_suffix(".html")
    if out.suffix.lower() not in (".html", ".htm"):
        return _fail(f"{out}: the page must end in .html")
    options = VizOptions(
        title=args.title,
        focus=tuple(args.focus or ()),
        hops=args.hops,
        types=_names(args.types),
        predicates=_names(args.predicates),
        since=args.since,
        until=args.until,
        min_confidence=args.min_confidence,
        max_nodes=args.max_nodes or None,
    )
    try:
        options.validate()
        graph = load_network(args.graph)
        summary = write_network_html(graph, out, options)
    except GraphLoadError as err:
        return _fail(str(err))
    except (EntityNotFound, ValueError) as err:
        return _fail(f"{args.graph}: {err}")
    except OSError as err:
        return _fail(f"{out}: cannot write ({err.strerror or err})")
    relations = f"{summary.edges} relation{'' if summary.edges == 1 else 's'}"
    print(
        f"kg viz: wrote {out} ({summary.nodes} of {summary.total_nodes} entities, {relations}, "
        f"{summary.bytes / 1e6:.1f} MB)",
        file=sys.stderr,
    )
    return 0

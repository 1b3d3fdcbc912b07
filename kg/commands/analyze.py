"""`kg analyze` (central entities, communities, components) and `kg path` (chains of facts)."""

from __future__ import annotations

import argparse
import sys

from kg.analyze import NoPath, analyze, shortest_chains
from kg.analyze.output import FORMATS
from kg.analyze.report import analysis_report, chains_report
from kg.commands import add_graph_argument, at_least, command
from kg.io import atomic_write
from kg.network import EntityNotFound, describe, find_entities, load_network
from kg.store import GraphLoadError


def _common(p: argparse.ArgumentParser) -> None:
    add_graph_argument(p)
    p.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")


def _analyze_arguments(p: argparse.ArgumentParser) -> None:
    _common(p)
    p.add_argument("--top", type=at_least(1), default=20, metavar="N", help="rows per table (default: 20)")
    p.add_argument(
        "--samples",
        type=int,
        metavar="K",
        help="betweenness from K sampled sources (default: exact up to 1,000 entities, else 100; 0 skips it)",
    )
    p.add_argument(
        "--seed", type=int, default=0, help="seed of sampling and community detection (default: 0)"
    )


def _path_arguments(p: argparse.ArgumentParser) -> None:
    _common(p)
    p.add_argument(
        "source", metavar="FROM", help="an entity: name, alias, ticker (SH600519 or 600519) or IRI"
    )
    p.add_argument("target", metavar="TO", help="the other entity")
    p.add_argument(
        "--limit", type=at_least(1), default=10, metavar="N", help="at most N chains (default: 10)"
    )
    p.add_argument("--max-hops", type=at_least(1), metavar="H", help="fail when the shortest chain is longer")


def _emit(args: argparse.Namespace, text: str) -> None:
    if args.output:
        atomic_write(args.output, text)
    else:
        sys.stdout.write(text)


def _fail(name: str, message: str) -> int:
    print(f"kg {name}: {' '.join(message.split())}", file=sys.stderr)  # one line, whatever the parser said
    return 1


@command(
    "analyze", "Rank the entities of a graph and find its communities and components.", _analyze_arguments
)
def run_analyze(args: argparse.Namespace) -> int:
    try:
        graph = load_network(args.graph)
    except GraphLoadError as err:
        return _fail("analyze", str(err))
    if args.samples is not None and args.samples < 0:
        return _fail("analyze", "--samples must be 0 or more")
    result = analyze(graph, samples=args.samples, seed=args.seed)
    _emit(args, analysis_report(result, graph, args.top, args.format, args.graph))
    return 0


@command("path", "Show the shortest chains of facts between two entities.", _path_arguments)
def run_path(args: argparse.Namespace) -> int:
    try:
        graph = load_network(args.graph)
        source = _pick(graph, args.source)
        target = _pick(graph, args.target)
        chains = shortest_chains(graph, source, target, limit=args.limit, max_hops=args.max_hops)
    except GraphLoadError as err:
        return _fail("path", str(err))
    except EntityNotFound as err:
        return _fail("path", f"{args.graph}: {err}")
    except (NoPath, ValueError) as err:
        return _fail("path", f"{args.graph}: {err}")
    _emit(args, chains_report(chains, graph, source, target, args.format))
    return 0


def _pick(graph, query: str) -> str:
    """The entity `query` names; when several share the name, the best connected one, with a note."""
    found = find_entities(graph, query)
    if len(found) > 1:
        others = ", ".join(describe(graph, n) for n in found[1:4])
        print(
            f"kg path: {query!r} names {len(found)} entities; using {describe(graph, found[0])} "
            f"(others: {others}); give a ticker or an IRI to choose",
            file=sys.stderr,
        )
    return found[0]

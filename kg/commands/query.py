"""`kg query GRAPH "SELECT ..."`, `-f query.rq` or `--named NAME --param K=V`: SPARQL over a built graph."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.commands import add_graph_argument, command
from kg.query import (
    DEFAULT_ENGINE,
    ENGINES,
    RESULT_FORMATS,
    QueryError,
    load_named,
    named_query,
    parse_query,
    render,
    run_query,
)
from kg.query.engine import one_line
from kg.query.render import DEFAULT_MAX_WIDTH
from kg.store import GraphLoadError, load_dataset


def _arguments(p: argparse.ArgumentParser) -> None:
    add_graph_argument(p, optional=True)
    p.add_argument(
        "sparql", metavar="QUERY", nargs="?", help="a SPARQL SELECT, ASK, CONSTRUCT or DESCRIBE query"
    )
    p.add_argument("-f", "--file", metavar="FILE", help="read the query from FILE (- for standard input)")
    p.add_argument("--named", metavar="NAME", help="run a named query (see --list)")
    p.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a named query's parameter, repeatable",
    )
    p.add_argument(
        "--format", choices=RESULT_FORMATS.names(), default="table", help="output format (default: table)"
    )
    p.add_argument(
        "--max-width",
        type=int,
        default=DEFAULT_MAX_WIDTH,
        metavar="N",
        help=f"cut table cells at N columns (default: {DEFAULT_MAX_WIDTH}; 0: never)",
    )
    p.add_argument(
        "--engine",
        choices=ENGINES.names(),
        default=DEFAULT_ENGINE,
        help=f"SPARQL engine (default: {DEFAULT_ENGINE})",
    )
    p.add_argument(
        "--list", action="store_true", help="list the named queries and their parameters, and exit"
    )


def _fail(message: object, status: int = 2) -> int:
    print(f"kg query: {one_line(message)}", file=sys.stderr)
    return status


@command("query", "Run a SPARQL query, or a named query with parameters, over a built graph.", _arguments)
def run(args: argparse.Namespace) -> int:
    if args.list:
        sys.stdout.write(_named_list())
        return 0
    try:
        sparql, bindings = _query(args)
        if not args.graph:
            return _fail("give the GRAPH file to query")
        parse_query(sparql)
    except QueryError as err:
        return _fail(err)
    try:
        dataset = load_dataset(args.graph)
    except GraphLoadError as err:
        return _fail(err, 1)
    try:
        result = run_query(dataset, sparql, bindings, engine=args.engine)
        text = render(result, args.format, args.max_width)
    except QueryError as err:
        return _fail(err)
    sys.stdout.write(text)
    return 0


def _query(args: argparse.Namespace) -> tuple[str, dict]:
    """The SPARQL text and parameter bindings the arguments ask for; QueryError on a usage mistake."""
    given = [x for x in (args.sparql, args.file, args.named) if x is not None]
    if len(given) != 1:
        raise QueryError(
            "give one of: a QUERY, -f FILE or --named NAME (kg query --list shows the named queries)"
        )
    if args.param and not args.named:
        raise QueryError("--param is for named queries (--named NAME)")
    if args.named:
        query = named_query(args.named)
        params = {}
        for item in args.param:
            name, sep, value = item.partition("=")
            if not sep or not name:
                raise QueryError(f"--param {item!r}: expected NAME=VALUE")
            params[name.strip()] = value
        return query.sparql, query.bindings(params)
    if args.file:
        return _read_query_file(args.file), {}
    return args.sparql, {}


def _read_query_file(path: str) -> str:
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as err:
        raise QueryError(f"{path}: cannot read ({err.strerror or err})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise QueryError(f"{path}: not UTF-8 text") from None


def _named_list() -> str:
    """The named queries, each with what it gives and its parameters."""
    lines = []
    for name, query in sorted(load_named()):
        lines.append(f"{name}: {query.summary}")
        for p in query.parameters:
            lines.append(f"    --param {p.name}=...  {p.help}")
        if not query.parameters:
            lines.append("    (no parameters)")
    return "".join(line + "\n" for line in lines)

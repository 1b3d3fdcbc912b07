"""`kg export GRAPH --format FORMAT -o FILE`: a built graph in any registered export format."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from kg.commands import add_graph_argument, command
from kg.export import load_all
from kg.query.engine import one_line
from kg.rdf.serialize import SerializeError
from kg.store import GraphLoadError, load_dataset

STDOUT = "-"


def _arguments(p: argparse.ArgumentParser) -> None:
    add_graph_argument(p, optional=True)
    p.add_argument(
        "--format",
        metavar="FORMAT",
        help="turtle, trig, nt, nquads, jsonld, xml, and the network formats (see --list); "
        "default: chosen by the suffix of -o",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default=STDOUT,
        help="where to write (default: - for standard output)",
    )
    p.add_argument("--list", action="store_true", help="list the export formats and exit")


def _fail(message: object, status: int = 2) -> int:
    print(f"kg export: {one_line(message)}", file=sys.stderr)
    return status


@command(
    "export",
    "Write a built graph as Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML and more.",
    _arguments,
)
def run(args: argparse.Namespace) -> int:
    exporters = load_all()
    known = ", ".join(sorted(exporters.names()))
    if args.list:
        width = max(len(name) for name in exporters.names())
        for name in sorted(exporters.names()):
            meta = exporters.meta(name)
            print(f"{name:<{width}}  {meta.get('suffix') or '(folder)':<9} {meta.get('help', '')}".rstrip())
        return 0
    if not args.graph:
        return _fail("give the GRAPH file to export (kg export --list shows the formats)")
    fmt = args.format or _format_for(args.output, exporters)
    if fmt is None:
        where = "standard output" if args.output == STDOUT else repr(args.output)
        return _fail(f"give --format: no format is known for {where} (known: {known})")
    if fmt not in exporters:
        return _fail(f"unknown format {fmt!r} (known: {known})")
    try:
        dataset = load_dataset(args.graph)
    except GraphLoadError as err:
        return _fail(err, 1)
    export = exporters.get(fmt)
    try:
        if args.output != STDOUT:
            export(dataset, Path(args.output))
            return 0
        with tempfile.TemporaryDirectory(prefix="kg-export-") as tmp:
            files = export(dataset, Path(tmp) / f"graph{exporters.meta(fmt).get('suffix', '')}")
            if len(files) != 1:
                return _fail(f"format {fmt} writes {len(files)} files: give -o to say where")
            sys.stdout.flush()
            sys.stdout.buffer.write(files[0].read_bytes())
            sys.stdout.buffer.flush()
    except SerializeError as err:
        return _fail(f"{args.graph}: {err}", 1)
    except OSError as err:
        return _fail(f"{args.output}: cannot write ({err.strerror or err})", 1)
    return 0


def _format_for(output: str, exporters) -> str | None:
    """The export format whose suffix `output` has, if exactly one has it."""
    suffix = Path(output).suffix.lower()
    matches = [name for name in exporters.names() if suffix and exporters.meta(name).get("suffix") == suffix]
    return matches[0] if len(matches) == 1 else None

"""`kg validate GRAPH`: check a built graph against the ontology's SHACL shapes."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from kg.commands import add_graph_argument, command

BUILT_GRAPH = "graph.trig"  # what `kg build` writes into its output folder


def _arguments(parser: argparse.ArgumentParser) -> None:
    add_graph_argument(parser, also=f", a build folder with {BUILT_GRAPH},")
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="report format (default: text)"
    )


@command(
    "validate", help="Check a built graph against the ontology's SHACL shapes.", add_arguments=_arguments
)
def run(args: argparse.Namespace) -> int:
    """Print the validation report; 0 if the graph conforms, 1 if it does not, 2 if it cannot be read."""
    from kg.store import GraphLoadError, load_dataset
    from kg.validate import validate

    path = Path(args.graph)
    source = path / BUILT_GRAPH if (path / BUILT_GRAPH).is_file() else args.graph
    # A literal that does not fit its datatype is reported by the shapes; rdflib's own warning with a
    # traceback for each one would only bury the report.
    logging.getLogger("rdflib.term").setLevel(logging.ERROR)
    try:
        dataset = load_dataset(source)
    except GraphLoadError as err:
        print(f"kg validate: {' '.join(str(err).split())}", file=sys.stderr)
        return 2
    if next(iter(dataset.quads((None, None, None, None))), None) is None:
        print(f"kg validate: {source}: the graph holds no triples", file=sys.stderr)
        return 2
    report = validate(dataset)
    if args.format == "json":
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(report.text())
    return 0 if report.conforms else 1

"""The `kg` command line: one subcommand per registered Command."""

from __future__ import annotations

import argparse
import sys

from kg import __version__
from kg.commands import load, load_all


def parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser with every registered subcommand, or with `command` alone when it is one."""
    root = argparse.ArgumentParser(
        prog="kg", description="Turn Chinese company news into a queryable RDF knowledge graph."
    )
    root.add_argument("--version", action="version", version=f"kg {__version__}")
    subs = root.add_subparsers(dest="command", metavar="COMMAND")
    commands = load(command) if command else load_all()
    for name, cmd in sorted(commands):
        if command in commands and name != command:
            continue
        sub = subs.add_parser(name, help=cmd.help, description=cmd.help)
        cmd.add_arguments(sub)
        sub.set_defaults(_run=cmd.run)
    return root


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
        sys.stderr.reconfigure(encoding="utf-8")
    argv = sys.argv[1:] if argv is None else argv
    first = next((a for a in argv if not a.startswith("-")), None)
    args = parser(first).parse_args(argv)
    if not getattr(args, "_run", None):
        parser().print_help()
        return 2
    try:
        return args._run(args)
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())

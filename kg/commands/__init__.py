"""The `kg` subcommands; each module in this package registers one or more with @command."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass

from kg.registry import Registry


@dataclass(frozen=True)
class Command:
    """A subcommand: how it reads its arguments and what it runs; `run` returns the exit status."""

    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


COMMANDS: Registry[Command] = Registry("command")


def command(name: str, help: str, add_arguments: Callable[[argparse.ArgumentParser], None]):
    """Decorator registering `run(args) -> int` as subcommand `name`."""

    def decorate(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
        COMMANDS.register(name)(Command(help, add_arguments, run))
        return run

    return decorate


def add_graph_argument(parser: argparse.ArgumentParser, *, optional: bool = False, also: str = "") -> None:
    """The GRAPH argument of the commands that read a built graph (`also`: other things it may be)."""
    parser.add_argument(
        "graph",
        metavar="GRAPH",
        nargs="?" if optional else None,
        help=f"a built graph: an RDF file (.trig, .ttl, .nq, ...){also} or a store folder",
    )


def at_least(minimum: int, meaning: str = "") -> Callable[[str], int]:
    """An argparse type: a whole number no smaller than `minimum` (`meaning`: what the minimum means)."""

    def whole_number(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be {minimum}{f' ({meaning})' if meaning else ''} or more")
        return value

    return whole_number


def add_max_chars_argument(parser: argparse.ArgumentParser) -> None:
    """The --max-chars option of the commands that read articles."""
    from kg.ingest.limits import DEFAULT_MAX_CHARS

    parser.add_argument(
        "--max-chars",
        type=at_least(0, "no limit"),
        default=DEFAULT_MAX_CHARS,
        metavar="N",
        help=f"refuse articles longer than N characters (default {DEFAULT_MAX_CHARS:,}; 0: no limit)",
    )


def load_all() -> Registry[Command]:
    """Import every command module so that each registers itself."""
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        importlib.import_module(f"{__name__}.{info.name}")
    return COMMANDS


def load(name: str) -> Registry[Command]:
    """The commands registered once the module named like command `name` is imported, when that module
    registers it (`kg build` then imports no other command's libraries); otherwise every command."""
    if name.isidentifier() and any(info.name == name for info in pkgutil.iter_modules(__path__)):
        importlib.import_module(f"{__name__}.{name}")
        if name in COMMANDS:
            return COMMANDS
    return load_all()

"""A self-contained HTML page of a graph: vis-network, page script and data inlined; nothing remote."""

from __future__ import annotations

import html
import importlib.util
import json
import re
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path

import networkx as nx
from rdflib import Dataset

from kg.io import atomic_write
from kg.network import to_network
from kg.viz.options import VizOptions
from kg.viz.payload import payload
from kg.viz.select import select

VIS_VERSION = "9.1.2"
_MARKER = re.compile(r"\{\{(TITLE|STYLE|DATA|VIS|APP)\}\}")
# Characters that could end a <script> element or open an HTML comment inside it, escaped for JSON.
_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


@dataclass(frozen=True)
class PageSummary:
    """What a written page shows."""

    path: Path
    nodes: int
    edges: int
    total_nodes: int
    total_edges: int
    physics: bool
    bytes: int


@cache
def vis_network_js() -> str:
    """vis-network's browser bundle as shipped inside the installed pyvis package (pyvis itself, which
    imports IPython, is not imported)."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pyvis is not installed; it ships the vis-network bundle the page inlines")
    lib = (
        Path(spec.submodule_search_locations[0])
        / "templates"
        / "lib"
        / f"vis-{VIS_VERSION}"
        / "vis-network.min.js"
    )
    if not lib.is_file():
        raise RuntimeError(f"pyvis does not ship vis-network {VIS_VERSION} (looked for {lib})")
    return lib.read_text(encoding="utf-8")


def _asset(name: str) -> str:
    return resources.files("kg.viz").joinpath(name).read_text(encoding="utf-8")


def script_json(data: object) -> str:
    """JSON that can sit inside a <script> element whatever strings it holds."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_UNSAFE[m.group()], text)


def render_html(graph: nx.MultiDiGraph, options: VizOptions | None = None) -> tuple[str, dict]:
    """The page for entity network `graph` and the data it embeds."""
    options = options or VizOptions()
    data = payload(select(graph, options), options)
    parts = {
        "TITLE": html.escape(options.title, quote=True),
        "STYLE": _asset("view.css"),
        "DATA": script_json(data),
        "VIS": vis_network_js(),
        "APP": _asset("view.js"),
    }
    return _MARKER.sub(lambda m: parts[m.group(1)], _asset("template.html")), data


def write_network_html(
    graph: nx.MultiDiGraph, path: str | Path, options: VizOptions | None = None, **overrides
) -> PageSummary:
    """Write the page of entity network `graph` to `path` (UTF-8, atomically)."""
    options = replace(options or VizOptions(), **overrides)
    page, data = render_html(graph, options)
    encoded = page.encode("utf-8")
    atomic_write(path, encoded)
    return PageSummary(
        path=Path(path),
        nodes=data["shown"]["nodes"],
        edges=data["shown"]["edges"],
        total_nodes=data["total"]["nodes"],
        total_edges=data["total"]["edges"],
        physics=data["physics"],
        bytes=len(encoded),
    )


def write_html(
    dataset: Dataset, path: str | Path, options: VizOptions | None = None, **overrides
) -> PageSummary:
    """Write the interactive page of a built graph to `path`; `overrides` set VizOptions fields."""
    return write_network_html(to_network(dataset), path, options, **overrides)

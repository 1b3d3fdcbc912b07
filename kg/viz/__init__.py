"""The interactive graph page: `write_html(dataset, path, **options)` writes one self-contained HTML file."""

from kg.viz.options import DEFAULT_MAX_NODES, VizOptions
from kg.viz.page import PageSummary, render_html, write_html, write_network_html

__all__ = [
    "DEFAULT_MAX_NODES",
    "PageSummary",
    "VizOptions",
    "render_html",
    "write_html",
    "write_network_html",
]

"""How long graph pages of 500, 5,000 and 20,000 entities take to become still in headless Chromium.

    python tests/bench/viz_load.py [--sizes 500 5000 20000] [--screenshots DIR]

For each size: the layout time, the time to write the page (selection, layout, HTML), its size, and
the page's own time from navigation start until vis-network has drawn the graph and stopped moving
(its 'afterDrawing' event once physics is off), split into reading the data into vis DataSets, building
the vis.Network, and drawing; plus the wall time the browser took. All real time (no virtual time
budget). Also the default page (--max-nodes default) of the largest graph. Not part of the unit tests.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kg.viz import DEFAULT_MAX_NODES, VizOptions, write_network_html  # noqa: E402
from kg.viz.layout import layout  # noqa: E402
from tests.bench.synthetic import synthetic_network  # noqa: E402
from tests.viz.browser import browser, offline_page, unavailable, wait_still  # noqa: E402


def measure(chromium, graph, max_nodes, out: Path, shot: Path | None) -> dict:
    """Write the page of `graph` and time it in the browser."""
    t0 = time.perf_counter()
    summary = write_network_html(graph, out, VizOptions(max_nodes=max_nodes, title="benchmark"))
    written = time.perf_counter() - t0
    t1 = time.perf_counter()
    with offline_page(chromium, out) as visit:
        still_ms = wait_still(visit.page, timeout_ms=600_000)
        wall = time.perf_counter() - t1
        marks = visit.page.evaluate("window.kgView.marks")
        if shot:
            visit.page.screenshot(path=str(shot))
        errors = visit.console_errors
        outside = [u for u in visit.requests if u != out.resolve().as_uri()]
    return {
        "shown": summary.nodes,
        "edges": summary.edges,
        "physics": summary.physics,
        "write_s": written,
        "mb": summary.bytes / 1e6,
        "still_s": still_ms / 1000,
        "script_s": (marks["datasets"] - marks["start"]) / 1000,
        "network_s": (marks["network"] - marks["datasets"]) / 1000,
        "draw_s": (marks["still"] - marks["network"]) / 1000,
        "wall_s": wall,
        "errors": len(errors),
        "outside": len(outside),
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000, 20000])
    parser.add_argument("--screenshots", type=Path, help="save a screenshot of each page here")
    args = parser.parse_args()
    reason = unavailable()
    if reason:
        print(f"viz_load: {reason}", file=sys.stderr)
        return 1
    if args.screenshots:
        args.screenshots.mkdir(parents=True, exist_ok=True)
    header = (
        f"{'entities':>8} {'shown':>6} {'edges':>6} {'physics':>7} {'layout s':>8} {'write s':>7} "
        f"{'MB':>6} {'still s':>7} {'data s':>6} {'vis s':>6} {'draw s':>6} {'wall s':>6} {'errors':>6} {'outside':>7}"
    )
    print(header)
    with tempfile.TemporaryDirectory() as tmp, browser() as chromium:
        runs = [(n, None) for n in args.sizes] + [(max(args.sizes), DEFAULT_MAX_NODES)]
        for n, cap in runs:
            graph = synthetic_network(n)
            t = time.perf_counter()
            if cap is None:
                layout(graph)
            layout_s = time.perf_counter() - t if cap is None else float("nan")
            shot = args.screenshots / f"viz-{n}-{cap or 'all'}.png" if args.screenshots else None
            r = measure(chromium, graph, cap, Path(tmp) / f"g{n}.html", shot)
            label = f"{n}" if cap is None else f"{n}*"
            print(
                f"{label:>8} {r['shown']:>6} {r['edges']:>6} {str(r['physics']):>7} {layout_s:>8.2f} "
                f"{r['write_s']:>7.2f} {r['mb']:>6.1f} {r['still_s']:>7.2f} {r['script_s']:>6.2f} "
                f"{r['network_s']:>6.2f} {r['draw_s']:>6.2f} {r['wall_s']:>6.2f} "
                f"{r['errors']:>6} {r['outside']:>7}",
                flush=True,
            )
    print(f"* the default page: at most {DEFAULT_MAX_NODES} entities, the most important kept")
    return 0


if __name__ == "__main__":
    sys.exit(main())

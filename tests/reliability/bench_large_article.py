"""How kg copes with one very large article: time and peak memory, each case in a fresh process.

    python tests/reliability/bench_large_article.py [--mb 50] [--extract-chars 50000,100000,200000]

Prints one line per case: wall seconds, CPU seconds and peak RSS. Cases: a 50 MB article as .txt,
.md, .html and one JSON line, refused under the default --max-chars and read with the limit off; then
extraction of articles of growing length, which shows why the default limit exists.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import tempfile
import time
from pathlib import Path

from kg.build import sample_dir


def _sample_text() -> str:
    from kg.ingest import read_inputs

    (article,) = list(read_inputs([sample_dir()]))
    return article.text + "\n"


def write_inputs(folder: Path, megabytes: float) -> dict[str, Path]:
    """The same news text repeated to `megabytes` MB in each input format."""
    unit = _sample_text()
    repeat = int(megabytes * 1e6) // len(unit.encode()) + 1
    body = unit * repeat
    paras = "".join(f"<p>{line}</p>\n" for line in unit.splitlines()) * repeat
    files = {
        "txt": body.encode(),
        "md": ("---\ntitle: 长文\n---\n" + body.replace("\n", "\n\n")).encode(),
        "html": f"<html><body><div id='ContentBody'>{paras}</div></body></html>".encode(),
        "jsonl": (json.dumps({"id": "big", "text": body}, ensure_ascii=False) + "\n").encode(),
    }
    out = {}
    for suffix, data in files.items():
        out[suffix] = folder / f"big.{suffix}"
        out[suffix].write_bytes(data)
    return out


def _read(path: str, max_chars: int | None) -> str:
    from kg.ingest import DEFAULT_MAX_CHARS, read_file

    items = list(read_file(path, DEFAULT_MAX_CHARS if max_chars is None else max_chars))
    return ", ".join(
        f"{len(i.text):,} chars" if hasattr(i, "text") else f"refused: {i.reason[:60]}" for i in items
    )


def _extract(chars: int) -> str:
    from kg.ingest.plain import text_article
    from kg.pipeline import extract_article
    from kg.text.segment import tokens

    unit = _sample_text()
    text = (unit * (chars // len(unit) + 1))[:chars]
    tokens("预热")  # load jieba outside the timing of the article itself
    started = time.perf_counter()
    ex = extract_article(text_article("big.txt", text))
    return f"{len(ex.mentions):,} mentions, {len(ex.facts):,} facts, extraction {time.perf_counter() - started:.1f} s"


def _peak_rss_mb() -> float:
    # VmHWM belongs to this process's own memory map; ru_maxrss survives exec from the parent.
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(target, args, queue) -> None:
    result = target(*args)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    queue.put((result, usage.ru_utime + usage.ru_stime, _peak_rss_mb()))


def measure(label: str, target, *args) -> None:
    """Run `target(*args)` in a fresh process; print wall time, CPU time and the process's peak RSS."""
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    started = time.perf_counter()
    proc = ctx.Process(target=_child, args=(target, args, queue))
    proc.start()
    result, cpu, peak = queue.get()
    proc.join()
    wall = time.perf_counter() - started
    print(f"{label:<34} wall {wall:7.1f} s  cpu {cpu:7.1f} s  peak RSS {peak:7.0f} MB  {result}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mb", type=float, default=50.0, help="size of the large article (default 50 MB)")
    parser.add_argument("--extract-chars", default="50000,100000,200000", help="article lengths to extract")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        paths = write_inputs(Path(folder), args.mb)
        for suffix, path in paths.items():
            size = path.stat().st_size / 1e6
            measure(f"{size:.0f} MB .{suffix}, default limit", _read, str(path), None)
        for suffix, path in paths.items():
            measure(f"{path.stat().st_size / 1e6:.0f} MB .{suffix}, --max-chars 0", _read, str(path), 0)
    for chars in (int(c) for c in args.extract_chars.split(",")):
        measure(f"extract {chars:,} chars", _extract, chars)


if __name__ == "__main__":
    main()

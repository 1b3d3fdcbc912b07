"""Benchmark of the shipped relation classifier: load time and entity pairs per second on FinRE valid.

Run: python tests/bench/relation_speed.py [path/to/valid.txt]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from kg.learn import relations
from kg.learn.finre import read_examples
from kg.learn.relation_features import tokenize

VALID = Path(__file__).resolve().parents[3] / "shared" / "data" / "finre" / "valid.txt"


def main() -> None:
    """Print load time and throughput figures."""
    examples = read_examples(Path(sys.argv[1]) if len(sys.argv) > 1 else VALID)
    started = time.perf_counter()
    model = relations.load()
    print(f"load: {time.perf_counter() - started:.3f} s")
    if model is None:
        return
    tokenize("预热分词器", (0, 5))  # jieba's one-off dictionary load is not part of the figures
    pairs = [(e.sentence, (0, len(e.sentence)), (*e.a, "Company"), (*e.b, "Company"), None) for e in examples]
    tokens = [tokenize(e.sentence, (0, len(e.sentence))) for e in examples]
    with_tokens = [(*p[:4], t) for p, t in zip(pairs, tokens, strict=True)]

    for name, run in (
        ("predict, tokenizing", lambda: [model.predict(*p) for p in pairs]),
        ("predict, tokens given", lambda: [model.predict(*p) for p in with_tokens]),
        ("predict_many, tokenizing", lambda: model.predict_many(pairs)),
        ("predict_many, tokens given", lambda: model.predict_many(with_tokens)),
    ):
        wall, cpu = min(_timed(run) for _ in range(3))
        print(
            f"{name}: {len(pairs) / wall:,.0f} pairs/s wall ({wall / len(pairs) * 1e3:.3f} ms/pair), "
            f"{len(pairs) / cpu:,.0f} pairs/s of CPU time"
        )


def _timed(run) -> tuple[float, float]:
    """Wall and CPU seconds of one run (CPU time is the fairer figure on a shared machine)."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


if __name__ == "__main__":
    main()

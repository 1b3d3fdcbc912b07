"""Speed of the entity tagger against plain jieba: python tests/bench/ner_speed.py [--articles N].

Articles are about 2,100 characters of real news text: the seed article and held-out CLUENER lines
joined into sentences. Prints medians in ms per article and per 1,000 characters, one core.
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

SHARED = ROOT.parent / "shared" / "data"


def articles(count: int, size: int = 2100) -> list[str]:
    """`count` texts of about `size` characters from held-out CLUENER lines and the seed article."""
    from kg.ingest import read_inputs
    from kg.learn.cluener import read_cluener, split

    texts = [a.text for a in read_inputs([str(SHARED / "articles" / "seed")]) if hasattr(a, "text")]
    _, dev = split(read_cluener(SHARED / "cluener" / "train.json"))
    lines = [ex.text for ex in dev]
    k = 0
    while len(texts) < count:
        parts: list[str] = []
        while sum(map(len, parts)) < size:
            parts.append(lines[k % len(lines)].rstrip("，,；;") + "。")
            k += 1
        texts.append("".join(parts))
    return texts[:count]


def median_ms(fn, texts: list[str], repeat: int = 3) -> float:
    """Median over texts of the best of `repeat` runs of fn(text), in ms of CPU time (robust to a busy machine)."""
    times = []
    for text in texts:
        best = float("inf")
        for _ in range(repeat):
            began = time.process_time()
            fn(text)
            best = min(best, time.process_time() - began)
        times.append(best * 1000)
    return statistics.median(times)


def main() -> int:
    """Print load times and per-article costs of jieba and of each step of the tagger."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=20)
    args = ap.parse_args()

    def load(what: str, fn):
        began, began_cpu = time.perf_counter(), time.process_time()
        result = fn()
        wall, cpu = time.perf_counter() - began, time.process_time() - began_cpu
        print(f"{what:26s} {wall:8.3f} s wall {cpu:8.3f} s CPU")
        return result

    import jieba

    jieba.setLogLevel(60)
    load("jieba load", jieba.initialize)
    tagger = load("model import + load", lambda: importlib.import_module("kg.learn.ner").load())
    from kg.learn import features, ner

    if tagger is None:
        print("no model: run `kg train ner` first")
        return 1
    load("jieba.posseg import", lambda: importlib.import_module("jieba.posseg"))

    texts = articles(args.articles)
    chars = statistics.median(len(t) for t in texts)
    tokens = {t: list(jieba.tokenize(t)) for t in texts}
    parts = {t: ner.segments(t) for t in texts}
    feats = {
        t: features.feature_columns(t, parts[t], tokens[t], tagger.lexicon, tagger.features) for t in texts
    }
    scores = {t: tagger.crf.emissions(feats[t]) for t in texts}

    def split(t):
        bounds = [sum(b - a for a, b in parts[t][: i + 1]) for i in range(len(parts[t]) - 1)]
        return [scores[t][x:y] for x, y in zip([0, *bounds], [*bounds, len(scores[t])], strict=False)]

    pieces = {t: split(t) for t in texts}
    rows = [
        ("jieba.cut (HMM)", lambda t: list(jieba.cut(t))),
        ("jieba.tokenize (HMM)", lambda t: list(jieba.tokenize(t))),
        ("jieba.posseg HMM=False", lambda t: list(jieba.posseg.cut(t, HMM=False))),
        ("jieba.posseg HMM=True", lambda t: list(jieba.posseg.cut(t))),
        (
            "  features",
            lambda t: features.feature_columns(t, parts[t], tokens[t], tagger.lexicon, tagger.features),
        ),
        ("  feature weights", lambda t: tagger.crf.emissions(feats[t])),
        ("  Viterbi + marginals", lambda t: tagger.crf.decode(pieces[t])),
        ("predict, tokens given", lambda t: tagger.predict(t, tokens[t])),
        ("predict, own jieba", lambda t: tagger.predict(t)),
    ]
    base = None
    print(f"median article: {chars:.0f} characters, {len(texts)} articles, CPU time")
    for name, fn in rows:
        ms = median_ms(fn, texts)
        base = base or ms
        print(f"{name:26s} {ms:8.2f} ms/article {ms / chars * 1000:8.2f} ms/1000 chars {ms / base:6.2f}x cut")
    return 0


if __name__ == "__main__":
    sys.exit(main())

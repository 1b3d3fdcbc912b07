"""Scale benchmarks of `kg build` and the store; prints figures (not part of the unit suite).

    python tests/bench/scale.py throughput --articles 300 --runs 3   # build vs jieba.lcut, per core
    python tests/bench/scale.py scaling --articles 300 --runs 3      # 1 vs 2 worker processes
    python tests/bench/scale.py store --articles 100000 --distinct 2000 --dir /tmp/kg-scale
    python tests/bench/scale.py queries --dir /tmp/kg-scale          # named query latency (+ rdflib at 1,000)
    python tests/bench/scale.py add-one --dir /tmp/kg-scale          # one new article into the big store

`store` extracts `--distinct` corpus articles with the real pipeline in 2 worker processes, then stores
`--articles` article graphs made from what the workers handed back (each article's N-Quads under its own
article id and content hash, so graphs, facts and evidence are distinct while entities are shared as in a
real news stream) through the build's own batched store writes; it reports
throughput per 10,000 articles, peak RSS and the size on disk. Every figure is a median of `--runs`.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"

PREFIXES = """PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
# The benchmarked named queries (kg/query/named) and the parameter each takes.
QUERIES = {"positions": "company", "facts": "entity", "neighbours": "entity", "predicate-counts": None}
# Names to ask about: companies with positions, and entities that are the subject of a fact.
NAME_QUERIES = {
    "company": "SELECT DISTINCT ?name WHERE { GRAPH ?g { ?m org:organization ?c . ?c rdfs:label ?name } }",
    "entity": "SELECT DISTINCT ?name WHERE { GRAPH ?g { ?f rdf:subject ?e . ?e rdfs:label ?name } }",
}


def sample_names(data, n: int, seed: int = 0) -> dict[str, list[str]]:
    """For each parameter, `n` names drawn (seeded) from those the graph can answer about."""
    from kg.query.engine import run_query

    out = {}
    for param, query in NAME_QUERIES.items():
        names = sorted(str(row[0]) for row in run_query(data, PREFIXES + query).rows)
        out[param] = random.Random(seed).sample(names, min(n, len(names)))
    return out


def machine() -> str:
    """Cores, memory and load, for the record."""
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{os.cpu_count()} cores, {mem:.0f} GiB, load average {load}"


def models() -> str:
    """The extraction models present in kg/models."""
    found = sorted(
        p.name for p in (REPO / "kg" / "models").glob("*") if p.is_file() and not p.name.startswith(".")
    )
    return ", ".join(found) or "none"


def corpus(n: int, where: Path) -> Path:
    """A corpus of `n` articles under `where` (made once, reused)."""
    folder = where / f"corpus-{n}"
    if not folder.is_dir():
        write_corpus(SHARED, folder, n)
    return folder


def timed(fn) -> tuple[float, float]:
    """Wall and CPU seconds (this process and its finished children) of `fn()`."""

    def cpu() -> float:
        s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime

    w0, c0 = time.perf_counter(), cpu()
    fn()
    return time.perf_counter() - w0, cpu() - c0


def throughput(args) -> dict:
    """Articles per second per core through `kg build` (one process) and through plain jieba.lcut."""
    import jieba

    from kg.build import build
    from kg.ingest import read_inputs

    folder = corpus(args.articles, args.dir)
    texts = [a.text for a in read_inputs([str(folder)]) if hasattr(a, "text")]
    build([str(next(folder.iterdir()))], None, workers=1, progress=False)  # load models and jieba once
    jieba.lcut("预热")
    builds, lcuts = [], []
    for _ in range(args.runs):
        builds.append(timed(lambda: build([str(folder)], None, workers=1, progress=False)))
        lcuts.append(timed(lambda: [jieba.lcut(t) for t in texts]))
    n = len(texts)
    b_wall, b_cpu = statistics.median(w for w, _ in builds), statistics.median(c for _, c in builds)
    j_wall, j_cpu = statistics.median(w for w, _ in lcuts), statistics.median(c for _, c in lcuts)
    return {
        "articles": n,
        "build articles/s (wall)": round(n / b_wall, 1),
        "build articles/s per CPU-second": round(n / b_cpu, 1),
        "jieba.lcut articles/s per CPU-second": round(n / j_cpu, 1),
        "ratio build/jieba (CPU)": round(b_cpu / j_cpu, 2),
        "ratio build/jieba (wall)": round(b_wall / j_wall, 2),
    }


def scaling(args) -> dict:
    """Wall time of `kg build` with 1 and with 2 worker processes on the same corpus."""
    folder = corpus(args.articles, args.dir)
    out = {}
    for workers in (1, 2):
        cmd = [
            sys.executable,
            "-m",
            "kg",
            "build",
            str(folder),
            "--workers",
            str(workers),
            "--no-html",
            "--no-progress",
        ]
        walls = []
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory() as tmp:
                w, _ = timed(lambda: subprocess.run([*cmd, "-o", tmp], check=True, capture_output=True))  # noqa: B023
            walls.append(w)
        out[f"{workers} process(es) s"] = round(statistics.median(walls), 1)
    out["speed-up 2 vs 1"] = round(out["1 process(es) s"] / out["2 process(es) s"], 2)
    return out


def peak_rss_mib() -> float:
    """Peak resident memory of this process, MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def store(args) -> dict:
    """Store `--articles` article graphs in an Oxigraph store through the build's batched writes."""
    from kg.build import _Batch
    from kg.extract.known import KnownNames
    from kg.ingest import discover
    from kg.parallel import Task, extract_files
    from kg.pipeline import learnable
    from kg.rdf.vocab import article_iri
    from kg.store import ArticleGraph, open_store

    folder = corpus(args.distinct, args.dir)
    t0 = time.perf_counter()
    files = list(discover([str(folder)]))
    task = Task(KnownNames().learn(learnable(files)), graphs=True)
    # what worker processes hand the writer in a build: each article's graph as N-Quads
    graphs = [g.portable() for g in extract_files(files, task, workers=2) if hasattr(g, "graph")]
    extract_s = time.perf_counter() - t0
    gc.freeze()  # the corpus held here is no work for the collector (a build does not hold it)
    target = args.dir / "store"
    if target.exists():
        raise SystemExit(f"{target} exists; remove it first")
    db = open_store(target)
    batch = _Batch(db)
    per_block, block, started = [], 10_000, time.perf_counter()
    for i in range(args.articles):
        g = graphs[i % len(graphs)]
        article_id, content_hash = f"bench{i:07d}", f"{i:064x}"
        nquads = g.graph.replace(g.article_id.encode(), article_id.encode())
        nquads = nquads.replace(g.content_hash.encode(), content_hash.encode())
        batch.add(ArticleGraph(article_iri(article_id), content_hash, nquads))
        if (i + 1) % block == 0 or i + 1 == args.articles:
            batch.flush()
            db.settle()  # every article of the block counted into the summary graph
            now = time.perf_counter()
            per_block.append(round(min(block, i + 1) / (now - started), 1))
            started = now
            print(
                f"  {i + 1:,} articles stored, {per_block[-1]} articles/s, peak RSS {peak_rss_mib():.0f} MiB",
                flush=True,
            )
    batch.flush()
    quads = len(db.oxigraph)
    size = db.size_on_disk()
    db.close()
    first, last = per_block[0], per_block[-1]
    return {
        "distinct articles extracted": len(graphs),
        "their extraction s (2 workers)": round(extract_s, 1),
        "articles stored": args.articles,
        "quads": quads,
        "articles/s per 10,000": per_block,
        "last 10,000 vs first 10,000": round(last / first, 2),
        "peak RSS MiB": round(peak_rss_mib()),
        "size on disk MiB (before any full compaction)": round(size / 2**20),
    }


def latencies(data, names: dict[str, list[str]], runs: int, engine: str = "oxigraph") -> dict:
    """Median and 95th percentile (ms) of each named query over `runs` runs, parameter values cycling."""
    from kg.query.named import run_named

    out = {}
    for query, param in QUERIES.items():
        times, rows = [], 0
        for i in range(runs):
            params = {param: names[param][i % len(names[param])]} if param else {}
            t = time.perf_counter()
            rows = len(run_named(data, query, engine=engine, **params))
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        out[query] = {
            "median ms": round(statistics.median(times), 1),
            "p95 ms": round(times[min(len(times) - 1, int(0.95 * len(times)))], 1),
            "rows (last run)": rows,
        }
    return out


def queries(args) -> dict:
    """Latency of the named queries on the big store (queried in place) and on rdflib's memory store at 1,000."""
    from rdflib import Dataset

    from kg.rdf.summary import digest_quads, summary_quads
    from kg.rdf.terms import from_ox_quad
    from kg.store import load_dataset, oxigraph_backing
    from kg.store.summary import SUMMARY

    data = load_dataset(args.dir / "store")
    backing = oxigraph_backing(data)
    graphs = [g for g in backing.named_graphs() if g != SUMMARY]
    result = {f"oxigraph store, {len(graphs):,} articles": latencies(data, sample_names(data, 20), args.runs)}
    quads = [q for g in graphs[:1000] for q in backing.quads_for_pattern(None, None, None, g)]
    memory = Dataset(default_union=True)
    memory.addN(from_ox_quad(q) for q in quads)
    memory.addN(from_ox_quad(q) for q in summary_quads(digest_quads(quads)))  # as a store keeps it
    result["rdflib memory store, 1,000 articles"] = latencies(
        memory, sample_names(memory, 20), max(5, args.runs // 4), engine="rdflib"
    )
    return result


def add_one(args) -> dict:
    """Seconds to add one new article to the big store, to replace it, and to build that article alone."""
    from kg.ingest import read_inputs
    from kg.rdf.vocab import article_iri
    from kg.store import open_store

    new = args.dir / "one-new"
    if not new.is_dir():
        write_corpus(SHARED, new, 1, seed=7, start=999_999)
    (article,) = [a for a in read_inputs([str(new)]) if hasattr(a, "text")]
    base = [sys.executable, "-m", "kg", "build", str(new), "--no-html", "--no-progress", "--workers", "1"]
    store = [*base, "--store", str(args.dir / "store")]

    def run(cmd: list[str]) -> float:
        return timed(lambda: subprocess.run(cmd, check=True, capture_output=True))[0]

    added, replaced, alone = [], [], []
    for _ in range(args.runs):
        with open_store(args.dir / "store") as db:  # not timed: the article must be new to the store
            db.remove_article(str(article_iri(article.id)))
        added.append(run(store))
        replaced.append(run([*store, "--force"]))
        with tempfile.TemporaryDirectory() as tmp:
            alone.append(run([*base, "-o", tmp]))
    return {
        "add 1 article to the store s (whole command)": round(statistics.median(added), 2),
        "replace it s (whole command)": round(statistics.median(replaced), 2),
        "build that article alone s (whole command)": round(statistics.median(alone), 2),
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("what", choices=["throughput", "scaling", "store", "queries", "add-one"])
    p.add_argument("--articles", type=int, default=300)
    p.add_argument("--distinct", type=int, default=2000)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "kg-scale")
    args = p.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    fn = {
        "throughput": throughput,
        "scaling": scaling,
        "store": store,
        "queries": queries,
        "add-one": add_one,
    }
    started = machine()
    figures = fn[args.what](args)
    print(
        json.dumps(
            {
                "benchmark": args.what,
                "command": " ".join(sys.argv),
                "machine at start": started,
                "machine at end": machine(),
                "models": models(),
                "figures": figures,
            },
            ensure_ascii=False,
            indent=2,
        )
    )


if __name__ == "__main__":
    main()

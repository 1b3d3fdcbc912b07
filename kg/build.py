"""`kg build`: extract the articles into a graph store (in memory, or persistent and incremental) and
write graph.trig, graph.ttl, graph.html and report.json."""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from kg.extract.known import KnownNames
from kg.ingest import DEFAULT_MAX_CHARS, STDIN, InputError, discover, read_file
from kg.io import atomic_write
from kg.model import Article
from kg.parallel import Task, extract_files, prepare_workers
from kg.progress import Progress
from kg.rdf.vocab import KG, RDF, SCHEMA, article_iri
from kg.store import ArticleGraph, GraphStore, open_store

KNOWN_NAMES = "known-names.tsv"  # the company names learnt from markup, kept in the store's metadata
BATCH_ARTICLES = 64  # articles per store transaction
BATCH_SECONDS = 2.0  # ... or fewer, when extraction is slow, so an interrupted build loses little


def sample_dir() -> str:
    """The folder of the bundled sample article (the real Eastmoney article on i茅台)."""
    return str(resources.files("kg.data").joinpath("sample"))


@dataclass
class BuildReport:
    """What a build took in, what it found and what it wrote."""

    articles: int = 0
    failed: list[InputError] = field(default_factory=list)
    entities: Counter = field(default_factory=Counter)
    facts: Counter = field(default_factory=Counter)
    files: list[str] = field(default_factory=list)
    added: int = 0
    replaced: int = 0
    unchanged: int = 0

    def to_json(self) -> dict:
        """The report as written to report.json (sorted, no timings, so rebuilds are byte-identical)."""
        return {
            "articles": self.articles,
            "failed": [e.record() for e in self.failed],
            "entities_by_type": dict(sorted(self.entities.items())),
            "facts_by_predicate": dict(sorted(self.facts.items())),
            "files": self.files,
        }


@dataclass
class Scan:
    """What a first reading of the inputs found: what to extract and the names marked up."""

    items: list[str | Article] = field(default_factory=list)  # files (stdin's articles), input order
    names: list[tuple[str, str]] = field(default_factory=list)  # (name, ticker) in reading order
    iris: dict[str, str] = field(default_factory=dict)  # article IRI -> content hash
    files_of: dict[str, list[str]] = field(default_factory=dict)  # file -> its article IRIs


def scan(
    inputs: Iterable[str | InputError],
    report: BuildReport,
    strict: bool,
    errors,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Scan:
    """Read every input (as `discover` lists them) once: failures reported (stop at the first if `strict`),
    hashes and names kept."""
    found = Scan()
    for item in inputs:
        for got in [item] if isinstance(item, InputError) else read_file(item, max_chars):
            if isinstance(got, InputError):
                _report_failure(got, report, errors)
                if strict:
                    return found
                continue
            iri = str(article_iri(got.id))
            found.iris[iri] = got.content_hash
            found.names.extend((got.text[a.start : a.end], a.ticker) for a in got.anchors)
            if item == STDIN:  # standard input cannot be read twice: keep its articles
                found.items.append(got)
            else:
                found.files_of.setdefault(item, []).append(iri)
        if isinstance(item, str) and item != STDIN and item in found.files_of:
            found.items.append(item)
    return found


def _report_failure(failure: InputError, report: BuildReport, errors) -> None:
    print(f"kg: {failure}", file=errors)
    report.failed.append(failure)


def known_names(store: GraphStore, found: Scan) -> KnownNames:
    """The names stored by earlier builds plus those just read; the merged table is stored back."""
    stored = store.read_meta(KNOWN_NAMES) or ""
    pairs = [tuple(line.split("\t", 1)) for line in stored.splitlines() if "\t" in line]
    seen = set(pairs)
    new = [p for p in dict.fromkeys(found.names) if p not in seen and "\t" not in p[0] and "\n" not in p[0]]
    if new:
        pairs.extend(new)
        store.write_meta(KNOWN_NAMES, "".join(f"{n}\t{t}\n" for n, t in pairs))
    known = KnownNames()
    for name, ticker in pairs:
        known.add(name, ticker)
    return known


def build(
    paths: list[str],
    out_dir: str | Path | None = "output",
    *,
    store: str | GraphStore | None = None,
    min_confidence: float = 0.0,
    html: bool = True,
    strict: bool = False,
    workers: int = 1,
    dask: str | None = None,
    force: bool = False,
    errors=None,
    progress: bool | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> BuildReport:
    """Build the graph of the articles under `paths` into `store` (default: in memory) and `out_dir`.

    With a persistent store only new and changed articles are extracted; failures are reported, not fatal.
    Articles longer than `max_chars` characters are refused (0: no limit).
    """
    errors = errors or sys.stderr
    report = BuildReport()
    target = open_store(store or "memory") if not isinstance(store, GraphStore) else store
    inputs = list(discover(paths))
    prepare_workers(workers, dask, files=sum(isinstance(i, str) and i != STDIN for i in inputs))
    try:
        found = scan(inputs, report, strict, errors, max_chars)
        stored = {} if force else target.stored_hashes(found.iris)
        unchanged = {iri: h for iri, h in found.iris.items() if stored.get(iri) == h}
        report.unchanged = len(unchanged)
        todo = [
            i
            for i in found.items
            if not isinstance(i, str) or any(r not in unchanged for r in found.files_of[i])
        ]
        task = Task(known_names(target, found), min_confidence, unchanged, max_chars, graphs=True)
        read_failures = {str(f) for f in report.failed}
        entity_types: dict[str, str] = {}
        with Progress(len(found.iris) - len(unchanged), enabled=progress, stream=errors) as bar:
            bar.failed = len(report.failed)
            batch = _Batch(target)
            for item in extract_files(todo, task, workers=workers, dask=dask):
                if isinstance(item, InputError):
                    if str(item) in read_failures:
                        continue  # reported while scanning
                    _report_failure(item, report, errors)  # the article was read but its extraction failed
                    bar.advance(failed=1)
                    if strict:
                        break
                    continue
                iri = article_iri(item.article_id)
                if str(iri) in stored:
                    report.replaced += 1
                else:
                    report.added += 1
                entity_types.update(item.entity_types)
                report.facts.update(item.predicates)
                batch.add(ArticleGraph(iri, item.content_hash, item.graph))
                bar.advance()
            batch.flush()
        report.articles = report.added + report.replaced
        report.entities = Counter(entity_types.values())
        if out_dir is not None:
            held = target.persistent or isinstance(store, GraphStore)  # may hold articles of other runs
            write_outputs(target, Path(out_dir), report, html=html, counts_from_store=held)
    finally:
        if not isinstance(store, GraphStore):
            target.close()
    return report


class _Batch:
    """Article graphs gathered into one store transaction every so many articles or seconds."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.graphs: list[ArticleGraph] = []
        self.since = time.monotonic()

    def add(self, graph: ArticleGraph) -> None:
        self.graphs.append(graph)
        if len(self.graphs) >= BATCH_ARTICLES or time.monotonic() - self.since >= BATCH_SECONDS:
            self.flush()

    def flush(self) -> None:
        if self.graphs:
            self.store.put_articles(self.graphs)
            self.graphs = []
        self.since = time.monotonic()


def store_counts(store: GraphStore) -> tuple[int, Counter, Counter]:
    """Articles, entities by type and facts by predicate of everything in `store`."""
    articles = sum(1 for _ in store.articles())
    entities: Counter = Counter()
    rows = store.query(
        f"SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {{ GRAPH ?g {{ ?g <{SCHEMA.mentions}> ?e . "
        f'?e <{RDF.type}> ?type FILTER(STRSTARTS(STR(?type), "{KG}")) }} }} GROUP BY ?type'
    )
    for row in rows:
        entities[str(row[0]).rsplit("#", 1)[-1]] += int(row[1])
    facts = Counter({str(p).rsplit("#", 1)[-1]: n for p, n in store.fact_counts().items()})
    return articles, entities, facts


def write_outputs(
    store: GraphStore, out: Path, report: BuildReport, *, html: bool = True, counts_from_store: bool = False
) -> None:
    """Write the store's graph as graph.trig, graph.ttl (and graph.html) and report.json, atomically."""
    from kg.rdf.serialize import oxigraph_quads, serialize_quads

    if counts_from_store:
        report.articles, report.entities, report.facts = store_counts(store)
    dataset = store.dataset()
    quads = oxigraph_quads(dataset)  # read once for both files
    report.files = []
    for name, fmt in {"graph.trig": "trig", "graph.ttl": "turtle"}.items():
        atomic_write(out / name, serialize_quads(quads, fmt))
        report.files.append(name)
    if html:
        from kg.viz import write_html

        write_html(dataset, out / "graph.html")
        report.files.append("graph.html")
    report.files.append("report.json")
    atomic_write(out / "report.json", json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n")

"""Extraction of many files: in this process, in a pool of worker processes, or on a Dask cluster.

Work is handed out file by file and results come back in input order, so the output is the same
whatever runs it. Each worker loads jieba and the models once and keeps them for all its files.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace

import pyoxigraph as ox

from kg.extract.known import KnownNames
from kg.ingest import DEFAULT_MAX_CHARS, InputError, read_file
from kg.model import Article, Extraction
from kg.rdf.convert import extraction_ox_quads, to_nquads
from kg.rdf.vocab import article_iri
from kg.registry import Registry

Result = list["Extraction | ArticleGraphData | InputError"]


@dataclass(frozen=True)
class Task:
    """What every worker needs besides the file: the build-wide names and what to leave out."""

    known: KnownNames
    min_confidence: float = 0.0
    skip: Mapping[str, str] = field(default_factory=dict)  # article IRI -> content hash already stored
    max_chars: int = DEFAULT_MAX_CHARS  # longer articles are refused (0: no limit)
    graphs: bool = False  # hand back each article's graph (ArticleGraphData), not its Extraction


@dataclass(frozen=True)
class ArticleGraphData:
    """What a build keeps of an extracted article: its id and hash, what its report counts, its graph.

    The graph is made where the article was extracted; it crosses to another process as N-Quads, which
    Oxigraph writes and reads in Rust, so the process that stores it does not rebuild it term by term.
    """

    article_id: str
    content_hash: str
    entity_types: tuple[tuple[str, str], ...]  # (entity IRI, type)
    predicates: tuple[str, ...]  # one per fact
    graph: list[ox.Quad] | bytes  # the quads, or their N-Quads once made portable

    @classmethod
    def of(cls, ex: Extraction) -> ArticleGraphData:
        """The graph data of an extraction, its quads made here."""
        return cls(
            ex.article.id,
            ex.article.content_hash,
            tuple((e.id, e.type) for e in ex.entities.values()),
            tuple(f.predicate for f in ex.facts),
            list(extraction_ox_quads(ex)),
        )

    def portable(self) -> ArticleGraphData:
        """The same data with its graph as N-Quads, ready to cross a process boundary."""
        return replace(self, graph=to_nquads(self.graph)) if isinstance(self.graph, list) else self


def extract_file(path: str, task: Task) -> Result:
    """The extractions (and read failures) of one file, leaving out articles `task.skip` already has."""
    out: Result = []
    for item in read_file(path, task.max_chars):
        if isinstance(item, InputError):
            out.append(item)
        elif (ex := _extract(item, task)) is not None:
            out.append(ex)
    return out


def _extract(item: Article, task: Task) -> Extraction | ArticleGraphData | InputError | None:
    """The extraction (or graph data) of one article, None when `task.skip` says it is stored unchanged,
    or its failure."""
    from kg.pipeline import extract_article, keep_confident

    if task.skip and task.skip.get(str(article_iri(item.id))) == item.content_hash:
        return None
    try:
        ex = keep_confident(extract_article(item, task.known), task.min_confidence)
        return ArticleGraphData.of(ex) if task.graphs else ex
    except Exception as err:  # an extraction bug on one odd article must cost that article, not the run
        return extraction_failed(item, err)


def extraction_failed(article: Article, err: BaseException) -> InputError:
    """The failure recorded for an article whose extraction raised `err`."""
    return InputError(article.path, f"extraction failed ({type(err).__name__}: {err})", article.line)


Runner = Callable[[list[str], Task], Iterator[Result]]
RUNNERS: Registry[Runner] = Registry("runner")


@RUNNERS.register("local")
def run_local(files: list[str], task: Task, **_: object) -> Iterator[Result]:
    """Every file in this process."""
    for path in files:
        yield extract_file(path, task)


_TASK: Task | None = None  # the task of a pool worker, set once when the worker starts


def _start_worker(task: Task) -> None:
    global _TASK
    _TASK = task


def _pool_extract(path: str) -> Result:
    assert _TASK is not None
    return _portable(extract_file(path, _TASK))


def _dask_extract(path: str, task: Task) -> Result:
    return _portable(extract_file(path, task))


def _portable(result: Result) -> list:
    """`result` ready to cross a process boundary: InputError does not survive pickling, its parts do;
    Oxigraph quads do not pickle, their N-Quads do."""
    return [_portable_item(item) for item in result]


def _portable_item(item: Extraction | ArticleGraphData | InputError) -> object:
    if isinstance(item, InputError):
        return item.path, item.reason, item.line
    return item.portable() if isinstance(item, ArticleGraphData) else item


def _restored(result: list) -> Result:
    return [InputError(*item) if isinstance(item, tuple) else item for item in result]


@RUNNERS.register("processes")
def run_processes(files: list[str], task: Task, *, workers: int = 0, **_: object) -> Iterator[Result]:
    """The files spread over `workers` processes."""
    workers = workers or os.cpu_count() or 1
    with _context().Pool(workers, initializer=_start_worker, initargs=(task,)) as pool:
        for result in pool.imap(_pool_extract, files, chunksize=1):
            yield _restored(result)


def _context():
    """Workers forked from a clean server process that has the pipeline imported and its models loaded.

    Forking this process itself is unsafe once a store is open: RocksDB's background threads may hold
    a lock at the moment of the fork, and the child then waits on it forever.
    """
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" not in methods:
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["kg.preload"])
    return ctx


def _pooled(workers: int, dask: str | None, files: int) -> bool:
    """Whether `files` files are extracted by a pool of `workers` processes."""
    return not dask and workers != 1 and files > 1


def prepare_workers(workers: int, dask: str | None, files: int) -> None:
    """Start the worker processes' server now, when a pool will extract the files: it loads the models
    while this process reads the inputs."""
    if not _pooled(workers, dask, files) or _context().get_start_method() != "forkserver":
        return
    from multiprocessing import forkserver

    forkserver.ensure_running()


@RUNNERS.register("dask")
def run_dask(
    files: list[str], task: Task, *, address: str = "", window: int = 0, **_: object
) -> Iterator[Result]:
    """The files extracted on the Dask cluster at `address`; results come back here in order."""
    try:
        from distributed import Client
    except ImportError:
        raise RuntimeError("--dask needs the optional dependency: pip install 'kg[dask]'") from None
    try:
        client = Client(address, timeout="30s")
    except OSError as err:
        raise RuntimeError(f"cannot reach the Dask scheduler at {address} ({err})") from None
    try:
        shared = client.scatter(task, broadcast=True)
        window = window or 4 * max(1, sum(client.nthreads().values()))
        pending = []
        queue = iter(files)
        for path in queue:
            pending.append(client.submit(_dask_extract, path, shared, pure=False))
            if len(pending) >= window:
                yield _restored(pending.pop(0).result())
        for future in pending:
            yield _restored(future.result())
    finally:
        client.close()


def extract_files(
    items: Iterable[str | Article | InputError],
    task: Task,
    *,
    workers: int = 1,
    dask: str | None = None,
) -> Iterator[Extraction | ArticleGraphData | InputError]:
    """Extractions (graph data, with `task.graphs`) of the files and articles already read among `items`,
    failures in place, in order."""
    items = list(items)
    files = [i for i in items if isinstance(i, str)]
    if dask:
        results = run_dask(files, task, address=dask)
    elif _pooled(workers, dask, len(files)):
        results = run_processes(files, task, workers=workers)
    else:
        results = run_local(files, task)
    for item in items:
        if isinstance(item, str):
            yield from next(results)
        elif isinstance(item, InputError):
            yield item
        elif (ex := _extract(item, task)) is not None:
            yield ex

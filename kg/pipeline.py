"""The whole extraction pipeline: articles in, resolved extractions and an RDF dataset out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rdflib import Dataset

from kg import extract
from kg.extract.doc import Doc
from kg.extract.known import KnownNames
from kg.ingest import DEFAULT_MAX_CHARS, STDIN, InputError, discover, read_file
from kg.model import Article, Extraction
from kg.parallel import Task, extract_files, prepare_workers
from kg.rdf.convert import extraction_quads
from kg.rdf.vocab import bind_prefixes
from kg.resolve import resolve


def extract_article(
    article: Article, known: KnownNames | None = None, disabled: frozenset[str] = frozenset()
) -> Extraction:
    """Mentions, entities and facts of one article."""
    if known is None:
        known = KnownNames().learn([article])
    doc = extract.run(Doc(article, known), disabled)
    entities = resolve(doc)
    return Extraction(article, doc.mentions, entities, doc.facts)


def warm_up() -> None:
    """Load jieba and the shipped models now rather than with the first article."""
    extract_article(Article("warm-up", "", "贵州茅台董事长丁雄军表示，公司与九州通签署合作协议。"))


def extract_paths(
    paths: Iterable[str],
    min_confidence: float = 0.0,
    *,
    workers: int = 1,
    dask: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[Extraction | InputError]:
    """Extractions of every article under `paths`, failures yielded in their place, in input order.

    Company names marked up in any article are recognised in all of them, so the files are read once
    to learn the names before extraction; `workers` processes (0: one per core) or a Dask cluster at
    `dask` share the extraction, with the same result as one process. Articles longer than `max_chars`
    characters are refused (0: no limit).
    """
    items: list = []
    for item in discover(paths):  # standard input can be read only once: its articles are kept
        items.extend(read_file(STDIN, max_chars) if item == STDIN else [item])
    prepare_workers(workers, dask, files=sum(isinstance(i, str) for i in items))
    known = KnownNames().learn(learnable(items, max_chars))
    task = Task(known, min_confidence, max_chars=max_chars)
    yield from extract_files(items, task, workers=workers, dask=dask)


def learnable(
    items: Iterable[str | Article | InputError], max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Article]:
    """The articles among `items` and in its files (failures left out), for learning names."""
    for item in items:
        if isinstance(item, Article):
            yield item
        elif isinstance(item, str):
            yield from (a for a in read_file(item, max_chars) if isinstance(a, Article))


def keep_confident(ex: Extraction, min_confidence: float) -> Extraction:
    """`ex` without its facts below `min_confidence`."""
    if min_confidence > 0:
        ex.facts = [f for f in ex.facts if f.confidence >= min_confidence]
    return ex


def build_dataset(extractions: Iterable[Extraction]) -> Dataset:
    """An rdflib Dataset with one named graph per article."""
    ds = Dataset(default_union=True)
    bind_prefixes(ds)
    ds.addN(q for ex in extractions for q in extraction_quads(ex))
    return ds

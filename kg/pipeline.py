"""The whole extraction pipeline: articles in, resolved extractions and an RDF dataset out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rdflib import Dataset

from kg import extract
from kg.extract.doc import Doc
from kg.extract.known import KnownNames
from kg.ingest import InputError, read_inputs
from kg.model import Article, Extraction
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


def extract_paths(paths: Iterable[str], min_confidence: float = 0.0) -> Iterator[Extraction | InputError]:
    """Extractions of every article under `paths`, failures yielded in their place.

    Company names marked up in any article are recognised in all of them, so articles are read first.
    """
    items = list(read_inputs(paths))
    known = KnownNames().learn(a for a in items if isinstance(a, Article))
    for item in items:
        if isinstance(item, InputError):
            yield item
            continue
        ex = extract_article(item, known)
        if min_confidence > 0:
            ex.facts = [f for f in ex.facts if f.confidence >= min_confidence]
        yield ex


def build_dataset(extractions: Iterable[Extraction]) -> Dataset:
    """An rdflib Dataset with one named graph per article."""
    ds = Dataset(default_union=True)
    bind_prefixes(ds)
    ds.addN(q for ex in extractions for q in extraction_quads(ex))
    return ds

"""The records that flow through the pipeline: articles, mentions, entities and facts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Anchor:
    """A company marked up by the publisher (Eastmoney stock markup), located in the clean text."""

    start: int
    end: int
    ticker: str


@dataclass
class Article:
    """One news article: its clean text and its metadata."""

    id: str
    path: str
    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    line: int | None = None
    anchors: list[Anchor] = field(default_factory=list)
    content_hash: str = ""

    def record(self) -> dict[str, Any]:
        """The contract's `article` record."""
        rec: dict[str, Any] = {"kind": "article", "article": self.id, "path": self.path}
        if self.line is not None:
            rec["line"] = self.line
        rec.update(
            title=self.title,
            published=self.published,
            url=self.url,
            source=self.source,
            categories=list(self.categories),
            tags=list(self.tags),
            text=self.text,
        )
        return rec


@dataclass
class Mention:
    """A span of the article text that names an entity of some type."""

    start: int
    end: int
    text: str
    type: str
    extractor: str
    confidence: float = 0.8
    ticker: str | None = None
    entity: str | None = None  # entity IRI, set by resolution

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


@dataclass
class Entity:
    """One real-world thing, with its canonical name and the other names it goes by."""

    id: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    ticker: str | None = None

    def record(self, article_id: str) -> dict[str, Any]:
        """The contract's `entity` record for this entity as seen in `article_id`."""
        rec: dict[str, Any] = {
            "kind": "entity",
            "article": article_id,
            "id": self.id,
            "type": self.type,
            "name": self.name,
            "aliases": sorted(a for a in self.aliases if a != self.name),
        }
        if self.ticker:
            rec["ticker"] = self.ticker
        return rec


@dataclass
class Fact:
    """A typed relation between two mentions, with the sentence it was read from."""

    predicate: str
    subject: Mention
    object: Mention
    sentence: tuple[int, int]
    extractor: str
    confidence: float = 0.7
    qualifiers: dict[str, Any] = field(default_factory=dict)

    def key(self) -> tuple:
        """Identity of the fact within an article, used to drop duplicates."""
        position = self.qualifiers.get("position")
        return (
            self.predicate,
            self.subject.entity or self.subject.text,
            self.object.entity or self.object.text,
            position,
        )


@dataclass
class Extraction:
    """Everything extracted from one article."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)

    def records(self) -> list[dict[str, Any]]:
        """The contract's records for this article: article, entities, mentions, facts."""
        aid = self.article.id
        out: list[dict[str, Any]] = [self.article.record()]
        out.extend(self.entities[eid].record(aid) for eid in sorted(self.entities))
        for m in self.mentions:
            out.append(
                {
                    "kind": "mention",
                    "article": aid,
                    "type": m.type,
                    "text": m.text,
                    "start": m.start,
                    "end": m.end,
                    "entity": m.entity,
                    "extractor": m.extractor,
                    "confidence": round(m.confidence, 3),
                }
            )
        text = self.article.text
        for f in self.facts:
            s, e = f.sentence
            out.append(
                {
                    "kind": "fact",
                    "article": aid,
                    "predicate": f.predicate,
                    "subject": self._ref(f.subject),
                    "object": self._ref(f.object),
                    "qualifiers": dict(f.qualifiers),
                    "evidence": {"sentence": text[s:e], "start": s, "end": e},
                    "confidence": round(f.confidence, 3),
                    "extractor": f.extractor,
                }
            )
        return out

    def _ref(self, m: Mention) -> dict[str, Any]:
        ent = self.entities.get(m.entity) if m.entity else None
        return {
            "id": m.entity,
            "name": ent.name if ent else m.text,
            "type": m.type,
            "text": m.text,
            "start": m.start,
            "end": m.end,
        }

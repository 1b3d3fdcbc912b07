"""Full news pages (.html): title, time, source and body (Eastmoney layout, else the densest text block)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import Tag

from kg.ingest.assemble import assemble
from kg.ingest.decode import decode_bytes
from kg.ingest.errors import InputError
from kg.ingest.meta import iso_datetime
from kg.ingest.registry import READERS
from kg.model import Article
from kg.text import source as credits
from kg.text.html import html_to_paragraphs, parse

_BODY_SELECTORS = (
    "#ContentBody",
    ".txtinfos",
    "#artibody",
    ".article-content",
    "#article_content",
    ".post_body",
    ".content-article",
    "article",
    ".article",
)
_TITLE_META = ("og:title", "twitter:title")
_TIME_META = ("article:published_time", "og:release_date", "publishdate", "pubdate", "PubDate")
_TITLE_SUFFIX = re.compile(r"\s*[_|\-—]\s*[^_|\-—]{1,20}$")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@READERS.register("page", suffixes=(".html", ".htm", ".shtml"))
def read_page(path: str, data: bytes) -> Iterator[Article | InputError]:
    """Read one news page."""
    html = decode_bytes(data, path)
    if not html.strip():
        raise InputError(path, "empty file")
    soup = parse(html)
    first = FirstTags(soup)
    body = main_content(soup, first)
    if body is None:
        raise InputError(path, "no article text found in the page")
    paragraphs = html_to_paragraphs(body)
    if not paragraphs:
        raise InputError(path, "no article text found in the page")
    meta = meta_tags(soup)
    try:
        published = iso_datetime(page_time(first, meta))
    except ValueError:
        published = None  # a page's time line is scraped, not declared: an unreadable one is left out
    canonical = soup.find("link", rel="canonical")
    url = canonical.get("href") if isinstance(canonical, Tag) else _meta(meta, ("og:url",))
    yield assemble(
        path,
        paragraphs,
        title=page_title(first, meta),
        published=published,
        url=url if isinstance(url, str) else None,
        source=page_source(first, meta),
    )


class FirstTags:
    """The first element of a page with each tag name, id and class, found in one pass.

    Each CSS look-up walks the whole page when nothing matches; a page reads some twenty selectors.
    """

    def __init__(self, soup: Tag) -> None:
        self.soup = soup
        self._first: dict[str, Tag] = {}
        for tag in soup.descendants:
            if not isinstance(tag, Tag):
                continue
            self._first.setdefault(tag.name, tag)
            ident = tag.get("id")
            if isinstance(ident, str):
                self._first.setdefault("#" + ident, tag)
            classes = tag.get("class") or ()
            for cls in classes.split() if isinstance(classes, str) else classes:
                self._first.setdefault("." + cls, tag)

    def select_one(self, selector: str) -> Tag | None:
        """The first element matching a selector: a tag name, #id, .class, or descendant selectors."""
        parts = selector.split()
        if len(parts) == 1:
            return self._first.get(selector)
        return self.soup.select_one(selector) if all(p in self._first for p in parts) else None


def main_content(soup: Tag, first: FirstTags | None = None) -> Tag | None:
    """The element holding the article body: a known container, else the one with most text in <p>."""
    first = first or FirstTags(soup)
    for selector in _BODY_SELECTORS:
        found = first.select_one(selector)
        if found is not None and len(_CJK.findall(found.get_text())) >= 20:
            return found
    best, best_score = None, 0
    scored: set[int] = set()  # ids of parents already scored (attribute look-ups on a Tag search it)
    for p in soup.find_all("p"):
        parent = p.parent
        if not isinstance(parent, Tag) or id(parent) in scored:
            continue
        scored.add(id(parent))
        score = sum(len(_CJK.findall(c.get_text())) for c in parent.find_all("p", recursive=False))
        if score > best_score:
            best, best_score = parent, score
    if best is None:
        return first.select_one("body") or soup
    return best


def page_title(first: FirstTags, meta: dict[tuple[str, str], str]) -> str | None:
    """The headline: <h1>, else og:title, else <title> without the site name."""
    h1 = first.select_one("h1")
    if isinstance(h1, Tag) and h1.get_text(strip=True):
        return h1.get_text(strip=True)
    named = _meta(meta, _TITLE_META)
    if named:
        return named
    title = first.select_one("title")
    if title is not None and title.string:
        return _TITLE_SUFFIX.sub("", title.string.strip()) or None
    return None


def page_time(first: FirstTags, meta: dict[tuple[str, str], str]) -> str | None:
    """The publication time from meta tags or the page's time line."""
    named = _meta(meta, _TIME_META)
    if named:
        return named
    for selector in (".time", ".date", ".pub_date", ".post_time", "time", ".infos .item"):
        found = first.select_one(selector)
        if found is not None and re.search(r"\d{4}", found.get_text()):
            return found.get_text(" ", strip=True)
    return None


def page_source(first: FirstTags, meta: dict[tuple[str, str], str]) -> str | None:
    """The source outlet named by the page ("来源：财联社")."""
    for selector in (".source", ".data-source", ".ly", ".art_source"):
        found = first.select_one(selector)
        if found is not None:
            text = found.get_text(" ", strip=True)
            named = credits.byline(text) or (text if 0 < len(text) <= 20 else None)
            if named:
                return named
    return _meta(meta, ("source", "og:site_name"))


def _meta(index: dict[tuple[str, str], str], names: tuple[str, ...]) -> str | None:
    """The content of the first of the meta tags `names` (by property, then name) that the page has."""
    for name in names:
        for key in ("property", "name"):
            content = index.get((key, name))
            if content:
                return content
    return None


def meta_tags(soup: Tag) -> dict[tuple[str, str], str]:
    """Every meta tag's content by (attribute, value), the first of each kept; one pass over the page."""
    index: dict[tuple[str, str], str] = {}
    for tag in soup.find_all("meta"):
        content = tag.get("content")
        if not isinstance(content, str) or not content.strip():
            continue
        for key in ("property", "name"):
            value = tag.get(key)
            if isinstance(value, str):
                index.setdefault((key, value), content.strip())
    return index

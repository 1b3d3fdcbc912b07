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
    body = main_content(soup)
    if body is None:
        raise InputError(path, "no article text found in the page")
    paragraphs = html_to_paragraphs(body)
    if not paragraphs:
        raise InputError(path, "no article text found in the page")
    try:
        published = iso_datetime(page_time(soup))
    except ValueError:
        published = None
    canonical = soup.find("link", rel="canonical")
    url = canonical.get("href") if isinstance(canonical, Tag) else _meta(soup, ("og:url",))
    yield assemble(
        path,
        paragraphs,
        title=page_title(soup),
        published=published,
        url=url if isinstance(url, str) else None,
        source=page_source(soup),
    )


def main_content(soup: Tag) -> Tag | None:
    """The element holding the article body: a known container, else the one with most text in <p>."""
    for selector in _BODY_SELECTORS:
        found = soup.select_one(selector)
        if found is not None and len(_CJK.findall(found.get_text())) >= 20:
            return found
    best, best_score = None, 0
    for p in soup.find_all("p"):
        parent = p.parent
        if not isinstance(parent, Tag) or getattr(parent, "_kg_scored", False):
            continue
        parent._kg_scored = True
        score = sum(len(_CJK.findall(c.get_text())) for c in parent.find_all("p", recursive=False))
        if score > best_score:
            best, best_score = parent, score
    if best is None:
        return soup.body or soup
    return best


def page_title(soup: Tag) -> str | None:
    """The headline: <h1>, else og:title, else <title> without the site name."""
    h1 = soup.find("h1")
    if isinstance(h1, Tag) and h1.get_text(strip=True):
        return h1.get_text(strip=True)
    meta = _meta(soup, _TITLE_META)
    if meta:
        return meta.strip()
    if soup.title and soup.title.string:
        return _TITLE_SUFFIX.sub("", soup.title.string.strip()) or None
    return None


def page_time(soup: Tag) -> str | None:
    """The publication time from meta tags or the page's time line."""
    meta = _meta(soup, _TIME_META)
    if meta:
        return meta
    for selector in (".time", ".date", ".pub_date", ".post_time", "time", ".infos .item"):
        found = soup.select_one(selector)
        if found is not None and re.search(r"\d{4}", found.get_text()):
            return found.get_text(" ", strip=True)
    return None


def page_source(soup: Tag) -> str | None:
    """The source outlet named by the page ("来源：财联社")."""
    meta = _meta(soup, ("source", "og:site_name"))
    for selector in (".source", ".data-source", ".ly", ".art_source"):
        found = soup.select_one(selector)
        if found is not None:
            text = found.get_text(" ", strip=True)
            named = credits.byline(text) or (text if 0 < len(text) <= 20 else None)
            if named:
                return named
    return meta


def _meta(soup: Tag, names: tuple[str, ...]) -> str | None:
    for name in names:
        tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
        if isinstance(tag, Tag) and isinstance(tag.get("content"), str) and tag["content"].strip():
            return tag["content"].strip()
    return None

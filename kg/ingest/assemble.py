"""Builds an Article from a title, a summary and HTML or Markdown body blocks."""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.ingest.meta import article_id, content_hash
from kg.model import Article
from kg.text import source as credits
from kg.text.builder import Paragraph, TextBuilder
from kg.text.chars import clean_label, drop_controls, replace_surrogates
from kg.text.html import html_to_paragraphs

# A link's text and target stop at the next bracket, so a line of unclosed brackets is scanned once
# (a scan to the line's end from every bracket is quadratic).
MD_LINK = r"\[([^\[\]\n]*)\]\([^()\n]*\)"
_MD_IMAGE = re.compile("!" + MD_LINK)
_MD_LINK = re.compile(MD_LINK)
_MD_MARKS = re.compile(r"^\s{0,3}(?:#{1,6}\s+|[-*+]\s+|\d+\.\s+)|\*\*|__|`")


def markdown_paragraph(block: str) -> Paragraph:
    """A Markdown block as one plain paragraph (links keep their text, images and marks go)."""
    lines = [
        _MD_MARKS.sub("", _MD_LINK.sub(r"\1", _MD_IMAGE.sub("", drop_controls(line)))).strip()
        for line in block.splitlines()
    ]
    return Paragraph("".join(line for line in lines if line))


def body_paragraphs(blocks: Iterable[str]) -> list[Paragraph]:
    """Paragraphs of body blocks: a block that starts with a tag is HTML, any other is Markdown."""
    out: list[Paragraph] = []
    for block in blocks:
        if block.lstrip().startswith("<"):
            out.extend(html_to_paragraphs(block))
        else:
            para = markdown_paragraph(block)
            if para.text:
                out.append(para)
    return out


def assemble(
    path: str,
    paragraphs: list[Paragraph],
    *,
    title: str | None = None,
    summary: str | None = None,
    published: str | None = None,
    url: str | None = None,
    source: str | None = None,
    categories: list[str] | None = None,
    tags: list[str] | None = None,
    explicit_id: str | None = None,
    line: int | None = None,
) -> Article:
    """An article whose text is the title, the summary when the body lacks it, then the body."""
    title, summary, url, source = (clean_label(v) for v in (title, summary, url, source))
    categories = [c for c in (clean_label(v) for v in categories or []) if c]
    tags = [t for t in (clean_label(v) for v in tags or []) if t]
    body: list[Paragraph] = []
    for para in paragraphs:
        credited = credits.credit_line(para.text)
        if credited:
            source = source or credited
        else:
            body.append(para)
    builder = TextBuilder()
    if title:
        builder.add(Paragraph(title.strip()))
    if summary:
        lead, outlet = credits.trailing_outlet(summary.strip())
        source = source or outlet
        body_text = "".join(p.text for p in body)
        if lead and lead not in body_text:
            builder.add(Paragraph(lead))
    for para in body:
        builder.add(para)
    text = replace_surrogates(builder.text)
    return Article(
        id=article_id(path, url, explicit_id),
        path=path,
        text=text,
        title=title.strip() if title else None,
        published=published,
        url=url,
        source=source,
        categories=list(categories or []),
        tags=list(tags or []),
        line=line,
        anchors=builder.anchors,
        content_hash=content_hash(text, title, published, url, source),
    )

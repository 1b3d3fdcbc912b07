"""HTML to clean paragraphs: drops what is not article text, keeps Eastmoney stock markup as anchors."""

from __future__ import annotations

import re
import warnings

from bs4 import BeautifulSoup, Comment, NavigableString, Tag, XMLParsedAsHTMLWarning

from kg.text import tickers
from kg.text.builder import Paragraph, squeeze
from kg.text.chars import replace_surrogates

warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)

BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "table",
        "tr",
        "td",
        "th",
        "center",
        "section",
        "article",
        "blockquote",
        "pre",
        "header",
        "footer",
        "dd",
        "dt",
        "dl",
        "hr",
        "figure",
        "main",
        "aside",
    ]
)
SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "iframe",
        "img",
        "figcaption",
        "head",
        "template",
        "svg",
        "button",
        "select",
        "input",
        "textarea",
        "object",
        "embed",
        "video",
        "audio",
        "canvas",
        "map",
    ]
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_CAPTION_CLASS = re.compile(r"caption|pictext|pic_txt|img_desc|imgtext", re.I)
_SKIP_START = "EM_StockImg_Start"
_SKIP_END = "EM_StockImg_End"


def parse(html: str) -> BeautifulSoup:
    """Parse HTML leniently (lxml), whatever its state."""
    return BeautifulSoup(replace_surrogates(html), "lxml")


def html_to_paragraphs(html: str | Tag) -> list[Paragraph]:
    """The visible article paragraphs of `html`, with stock anchors located in each paragraph."""
    root = parse(html) if isinstance(html, str) else html
    paragraphs: list[Paragraph] = []
    pieces: list[tuple[str, str | None]] = []
    skipping = False

    def flush() -> None:
        if pieces:
            para = squeeze(pieces)
            if para.text:
                paragraphs.append(para)
            pieces.clear()

    stack: list[object] = [root]
    while stack:
        node = stack.pop()
        if node is _FLUSH:
            flush()
            continue
        if isinstance(node, Comment):
            if _SKIP_START in node:
                skipping = True
            elif _SKIP_END in node:
                skipping = False
            continue
        if skipping:
            if isinstance(node, Tag):
                stack.extend(reversed(list(node.children)))
            continue
        if isinstance(node, NavigableString):
            if type(node) is NavigableString:  # not a CData/Doctype/ProcessingInstruction
                pieces.append((str(node), None))
            continue
        if not isinstance(node, Tag) or _is_hidden(node):
            continue
        ticker = stock_ticker(node)
        if ticker:
            pieces.append((node.get_text(), ticker))
            continue
        block = node.name in BLOCK_TAGS
        if block:
            flush()
            stack.append(_FLUSH)
        stack.extend(reversed(list(node.children)))
    flush()
    return paragraphs


def stock_ticker(tag: Tag) -> str | None:
    """The ticker an element marks up (Eastmoney's stock spans and quote links), if any."""
    if tag.name not in ("span", "a"):
        return None
    ident = tag.get("id")
    if isinstance(ident, str) and ident.startswith("stock_"):
        return tickers.from_stock_id(ident)
    classes = tag.get("class") or []
    code = tag.get("data-code")
    if isinstance(code, str) and ("keytip" in classes or "em_stock_key_common" in classes):
        return tickers.from_data_code(code)
    href = tag.get("href")
    if isinstance(href, str) and "quote.eastmoney.com" in href and tag.get_text(strip=True):
        return tickers.from_quote_url(href)
    return None


def _is_hidden(tag: Tag) -> bool:
    if tag.name in SKIP_TAGS:
        return True
    if tag.attrs is None:
        return False
    style = tag.get("style")
    if isinstance(style, str) and _HIDDEN_STYLE.search(style):
        return True
    if tag.has_attr("hidden"):
        return True
    classes = tag.get("class") or []
    return any(_CAPTION_CLASS.search(c) for c in classes)


class _Flush:
    """Stack marker: the end of a block element."""


_FLUSH = _Flush()

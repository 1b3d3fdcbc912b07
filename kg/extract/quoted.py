"""Quoted names: “X” after 中标 is a Project; “X” beside 旗下/APP/平台 is a Product, as is each repeat."""

from __future__ import annotations

import re

from kg.extract import extractor
from kg.extract.doc import Doc
from kg.extract.lexicon import Matcher

_QUOTED = re.compile(r"[“\"「『]([^“”\"「」『』\n]{1,20})[”\"」』]")
_PROJECT_BEFORE = re.compile(r"(?:中标|中选|承建|承接|入围)(?:了)?$")
_PROJECT_AFTER = ("项目", "工程")
_PRODUCT_BEFORE = re.compile(r"(?:旗下|APP|App|app|平台|产品|品牌|小程序|应用|软件)[^，。；“”]{0,6}$")
_PRODUCT_AFTER = ("APP", "App", "app", "平台", "小程序", "客户端", "应用", "软件")


@extractor("quoted", stage="mentions", order=60)
def quoted(doc: Doc) -> None:
    """Quoted projects and products; a product name once confirmed is a mention wherever it recurs."""
    text = doc.text
    products: set[str] = set()
    for m in _QUOTED.finditer(text):
        start, end = m.span(1)
        before = text[max(0, m.start() - 8) : m.start()]
        after = text[m.end() : m.end() + 3]
        if _PROJECT_BEFORE.search(before) or after.startswith(_PROJECT_AFTER):
            doc.add(start, end, "Project", "quoted", 0.8)
        elif _PRODUCT_BEFORE.search(before) or after.startswith(_PRODUCT_AFTER):
            products.add(m.group(1))
    if not products:
        return
    for start, end, _ in Matcher((p, None) for p in sorted(products)).longest(text):
        doc.add(start, end, "Product", "quoted", 0.8)

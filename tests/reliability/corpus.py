"""The bad-input corpus: every kind of damaged, hostile or odd input a news scrape produces, written by
the tests into a folder beside good articles, each with the outcome kg must give."""

from __future__ import annotations

import codecs
import io
import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

GOOD = "中信证券董事长张佑君表示，公司将继续服务实体经济。"
GBK_LINE = "贵州茅台董事长丁雄军表示，渠道改革最终是让茅台回归商品属性。"
NESTING = 10_000


@dataclass(frozen=True)
class Expected:
    """What one input must give: an article (with its exact text, if known) or one error."""

    name: str  # path relative to the corpus folder
    kind: str  # "article" or "error"
    detail: str  # the article's exact text, or a piece of the error's reason
    line: int | None = None  # the JSON Lines line


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("article.txt", GOOD)
    return buf.getvalue()


CONTROLS_TEXT = "贵州茅台董事长丁雄军\x01表示，公司\x1b[31m将继续推进“i茅台”\x7f\u2028😀👨\u200d👩\u200d👧\u202e的建设。\r\n第二段\x0c。"
FRONT = "---\ntitle: 茅台称支付系统故障\ndate: 2022-05-13 19:31:49 +0800\n---\n"

# JSON Lines dump: (line text, outcome) in file order; every line but the bad ones becomes an article.
DUMP_LINES: list[tuple[str, Expected | None]] = [
    (json.dumps({"id": "j-good", "text": GOOD}, ensure_ascii=False), None),
    ('{"id": "j-broken", "text": "未闭合', Expected("dump.jsonl", "error", "invalid JSON", 2)),
    (
        json.dumps(
            {"id": "j-html", "html": "<p>九州通董事长刘宝林表示看好医药物流。</p>"}, ensure_ascii=False
        ),
        None,
    ),
    (json.dumps({"id": "j-none"}), Expected("dump.jsonl", "error", 'neither a "text" nor an "html"', 4)),
    (json.dumps(["not", "an", "object"]), Expected("dump.jsonl", "error", "a JSON list, not an object", 5)),
    (
        json.dumps({"id": "j-date", "text": GOOD, "published": "2022-13-45"}),
        Expected("dump.jsonl", "error", "invalid published date", 6),
    ),
    (json.dumps({"id": "j-empty", "text": "  "}), Expected("dump.jsonl", "error", "empty article text", 7)),
    ("[" * 100_000 + "]" * 100_000, Expected("dump.jsonl", "error", "nested too deeply", 8)),
    # Unpaired surrogates as JSON escapes: each becomes U+FFFD, one code point for one.
    (
        '{"id": "j-surrogate\\ud800", "text": "\\udc00中信证券董事长张佑君表示\\ud83d。", "title": "\\udfff"}',
        None,
    ),
    # A raw tab inside a string (invalid JSON, written by many scrapers) and raw U+2028/U+0085.
    ('{"id": "j-raw", "text": "九州通\t董事长刘宝林\u2028表示\u0085看好。"}', None),
    (json.dumps({"id": "j-nested", "html": "<div>" * NESTING + GOOD + "</div>" * NESTING}), None),
    (json.dumps({"id": {"not": "a string"}, "text": GOOD, "title": ["a", "list"], "url": 5}), None),
]
DUMP_TEXTS = {
    1: GOOD,
    3: "九州通董事长刘宝林表示看好医药物流。",
    9: "\ufffd中信证券董事长张佑君表示\ufffd。",
    10: "九州通\t董事长刘宝林\u2028表示\u0085看好。",
    11: GOOD,
    12: GOOD,
}


def write_corpus(root: Path) -> list[Expected]:
    """Write the corpus under `root`; the expected outcome of every input, in discovery order."""
    files: dict[str, bytes] = {
        # Good articles in the same run.
        "good/plain.txt": GOOD.encode(),
        "good/post.md": (FRONT + f"<p>{GBK_LINE}</p>\n").encode(),
        "good/page.html": f"<html><body><div id='ContentBody'><p>{GOOD}</p></div></body></html>".encode(),
        # Encodings.
        "enc/gbk.txt": GBK_LINE.encode("gbk"),
        "enc/gb18030.html": f"<html><body><p>{GOOD}䶮𠀀</p></body></html>".encode("gb18030"),
        "enc/utf16-bom.txt": codecs.BOM_UTF16_LE + GOOD.encode("utf-16-le"),
        "enc/mixed-lines.txt": (GOOD + "\n").encode() + (GBK_LINE + "\n").encode("gbk") + GOOD.encode(),
        "enc/mixed-in-line.txt": (GOOD + "\n").encode()
        + GOOD.encode()
        + "贵州".encode("gbk")
        + GOOD.encode(),
        "enc/invalid-utf8.txt": GOOD.encode() + b"\xff\xfe" + GOOD.encode(),
        "enc/truncated-char.txt": GOOD.encode()[:-1],
        "enc/utf16-no-bom.txt": GOOD.encode("utf-16-le"),
        # Not text at all.
        "binary/empty.txt": b"",
        "binary/blank.md": b"\n  \n\t\n",
        "binary/photo.txt": _png(),
        "binary/archive.md": _zip(),
        "binary/nul.txt": GOOD.encode() + b"\x00" + GOOD.encode(),
        "binary/controls.txt": bytes(range(1, 32)) * 20,
        # Markup.
        "html/truncated.html": f"<html><body><div id='ContentBody'><p>{GOOD}</p><p>九州通表示<sp".encode(),
        "html/nested.html": (
            "<html><body>" + "<div>" * NESTING + f"<p>{GOOD}</p>" + "</div>" * NESTING
        ).encode(),
        "html/nested-unclosed.html": ("<div><span>" * NESTING + GBK_LINE).encode(),
        "html/script-only.html": b"<html><head><script>var a='\xe4\xb8\xad';</script></head><body></body></html>",
        "html/entities.html": "<p>贵州茅台&#0;董事长&#xD800;丁雄军&#x110000;表示。</p>".encode(),
        # Front matter.
        "front/blank-lines-first.md": ("\n\n\n" + FRONT + GOOD + "\n").encode(),
        "front/no-date.md": ("---\ntitle: 无日期\n---\n" + GOOD + "\n").encode(),
        "front/broken.md": ('---\ntitle: "未闭合\ndate: 2022-05-13\n---\n' + GOOD).encode(),
        "front/unterminated.md": ("\n\n---\ntitle: x\n" + GOOD).encode(),
        "front/list.md": ("---\n- a\n- b\n---\n" + GOOD).encode(),
        "front/scalar.md": ("---\njust words\n---\n" + GOOD).encode(),
        "front/bad-date.md": ("---\ntitle: t\ndate: yesterday\n---\n" + GOOD).encode(),
        "front/impossible-date.md": ("---\ntitle: t\ndate: 2022-02-30\n---\n" + GOOD).encode(),
        "front/python-tag.md": (
            "---\ntitle: !!python/object/apply:os.system ['echo hacked']\n---\n" + GOOD
        ).encode(),
        "front/deep.md": ("---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n" + GOOD).encode(),
        "front/control-char.md": ("---\ntitle: a\x01b\n---\n" + GOOD).encode(),
        "front/alias-bomb.md": (
            "---\ntitle: 炸弹\na: &a [x, x, x, x, x, x, x, x, x]\n"
            + "".join(
                f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n"
                for p, c in zip("abcdefgh", "bcdefghi", strict=True)
            )
            + "tags: *i\ncategories: *i\nsource: *i\n---\n"
            + GOOD
        ).encode(),
        # Characters.
        "chars/controls-emoji.txt": CONTROLS_TEXT.encode(),
        "chars/crlf.txt": (GOOD + "\r\n" + GBK_LINE + "\r\n").encode(),
        # Size: a 50 MB article is refused unread.
        "size/giant.txt": (GOOD * (50_000_000 // len(GOOD.encode()) + 1)).encode(),
        # JSON Lines with one bad line among good ones (and several kinds of bad line).
        "dump.jsonl": "\n".join(line for line, _ in DUMP_LINES).encode() + b"\n",
    }
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    special = root / "special"
    special.mkdir()
    os.mkfifo(special / "pipe.txt")  # reading it would block for ever
    (special / "dangling.txt").symlink_to(root / "nowhere.txt")
    with open(os.fsencode(special) + b"/bad\xffname\n\x1b[31m.txt", "wb"):
        pass  # an empty file whose name is not UTF-8 and holds a line break: its error must fit one line
    (root / "loop" / "inner").mkdir(parents=True)
    (root / "loop" / "inner" / "a.txt").write_bytes(GBK_LINE.encode())
    (root / "loop" / "inner" / "up").symlink_to(root / "loop")

    article = lambda name, text: Expected(name, "article", text)  # noqa: E731
    error = lambda name, reason: Expected(name, "error", reason)  # noqa: E731
    expected = [
        error("binary/archive.md", "binary file (a zip archive), not text"),
        error("binary/blank.md", "empty file"),
        error("binary/controls.txt", "binary file (mostly control characters), not text"),
        error("binary/empty.txt", "empty file"),
        error("binary/nul.txt", "binary file (contains NUL bytes"),
        error("binary/photo.txt", "binary file (a PNG image), not text"),
        article("chars/controls-emoji.txt", CONTROLS_TEXT),
        article("chars/crlf.txt", GOOD + "\r\n" + GBK_LINE + "\r\n"),
        *[
            Expected("dump.jsonl", "article", DUMP_TEXTS[n], n) if bad is None else bad
            for n, (_, bad) in enumerate(DUMP_LINES, start=1)
        ],
        article("enc/gb18030.html", GOOD + "䶮𠀀"),
        article("enc/gbk.txt", GBK_LINE),
        error(
            "enc/invalid-utf8.txt",
            "invalid UTF-8 byte at offset 75, line 1 (mixed encodings or a damaged file)",
        ),
        error("enc/mixed-in-line.txt", "invalid UTF-8 byte at offset 151, line 2"),
        article("enc/mixed-lines.txt", GOOD + "\n" + GBK_LINE + "\n" + GOOD),
        article("enc/truncated-char.txt", GOOD[:-1]),
        article("enc/utf16-bom.txt", GOOD),
        error("enc/utf16-no-bom.txt", "not valid UTF-8 or GB18030 text"),
        article("front/alias-bomb.md", "炸弹\n" + GOOD),
        article("front/blank-lines-first.md", "茅台称支付系统故障\n" + GOOD),
        error("front/bad-date.md", "invalid date in front matter: not a date: 'yesterday'"),
        error("front/broken.md", "broken YAML front matter at line 3"),
        error("front/control-char.md", "character U+0001 is not allowed in YAML"),
        error("front/deep.md", "broken YAML front matter: nested more than 50 levels deep"),
        error("front/impossible-date.md", "invalid date in front matter: day is out of range for month"),
        error("front/list.md", "YAML front matter is a list, not a mapping"),
        article("front/no-date.md", "无日期\n" + GOOD),
        error("front/python-tag.md", "could not determine a constructor for the tag"),
        error("front/scalar.md", "YAML front matter is a str, not a mapping"),
        error("front/unterminated.md", "unterminated YAML front matter (opened on line 3, never closed)"),
        article("good/page.html", GOOD),
        article("good/plain.txt", GOOD),
        article("good/post.md", "茅台称支付系统故障\n" + GBK_LINE),
        article("html/entities.html", "贵州茅台\ufffd董事长\ufffd丁雄军\ufffd表示。"),
        article("html/nested-unclosed.html", GBK_LINE),
        article("html/nested.html", GOOD),
        error("html/script-only.html", "no article text found in the page"),
        article("html/truncated.html", GOOD + "\n九州通表示"),
        article("loop/inner/a.txt", GBK_LINE),
        error("loop/inner/up", "directory loop (symbolic link back to a parent), skipped"),
        error("size/giant.txt", "file too large"),
        error("special/bad\ufffdname\n\x1b[31m.txt", "empty file"),
        error("special/dangling.txt", "broken symbolic link"),
        error("special/pipe.txt", "not a regular file (a named pipe)"),
    ]
    return expected

import pytest

from kg.ingest import read_inputs
from kg.ingest.errors import InputError
from kg.model import Article

POST = """---
title: "九州通称承担i茅台技术服务"
date: 2022-05-13 19:31:49 +0800
categories: emnews
tags: 东财滚动新闻 白酒
---
> 九州通表示，“i茅台”相关技术服务主要由他们承担。（财联社）

<p><span id="stock_1.600998"><a href="http://quote.eastmoney.com/unify/r/1.600998" class="keytip" data-code="1,600998">九州通</a></span>表示，“i茅台”相关技术服务主要由他们承担。</p><p class="em_media">（文章来源：财联社）</p>

<http://finance.eastmoney.com/news/1354,202205132378978299.html>

[返回东财滚动新闻](//finews.withounder.com/emnews/)｜[返回首页](//finews.withounder.com/)
"""


def _read(path) -> list:
    return list(read_inputs([str(path)]))


def test_seed_metadata_and_clean_text(seed_article):
    a = seed_article
    assert a.id == "202205132378978254"
    assert a.title == "抢到手的酒“飞”了？贵州茅台称支付系统故障"
    assert a.published == "2022-05-13T19:31:49+08:00"
    assert a.url == "http://finance.eastmoney.com/news/1354,202205132378978254.html"
    assert a.source == "财联社"
    assert (a.categories, a.tags) == (["emnews"], ["东财滚动新闻"])
    assert "东财" not in a.text.replace("东财滚动新闻", "")  # navigation footer dropped
    assert "K图" not in a.text and "文章来源" not in a.text
    assert "贵州茅台董事、代行总经理职责李静仁回复表示" in a.text
    assert a.text.count("近日，茅台旗下自营电商APP“i茅台”因突发故障") == 1  # summary not repeated


def test_seed_anchors_are_exact(seed_article):
    spans = [(seed_article.text[x.start : x.end], x.ticker) for x in seed_article.anchors]
    assert spans == [
        ("贵州茅台", "SH600519"),
        ("九州通", "SH600998"),
        ("贵州茅台", "SH600519"),
        ("贵州茅台", "SH600519"),
    ]


def test_post_with_summary_url_credit_and_footer(write):
    (a,) = _read(write("post.md", POST))
    assert a.id == "202205132378978299"
    assert a.tags == ["东财滚动新闻", "白酒"]
    assert a.source == "财联社"
    assert a.text.splitlines() == [
        "九州通称承担i茅台技术服务",
        "九州通表示，“i茅台”相关技术服务主要由他们承担。",
    ]
    assert a.text[a.anchors[0].start : a.anchors[0].end] == "九州通"


def test_blank_lines_before_front_matter_are_allowed(write):
    (a,) = _read(write("post.md", "\n\n" + POST))
    assert isinstance(a, Article) and a.title == "九州通称承担i茅台技术服务"


@pytest.mark.parametrize(
    "front, reason",
    [
        ('---\ntitle: "unclosed\ndate: 2022-05-13\n---\n', "broken YAML front matter"),
        ("---\ntitle: x\n", "unterminated YAML front matter"),
        ("---\n- a\n- b\n---\n", "not a mapping"),
        ("---\ntitle: x\ndate: yesterday\n---\n", "invalid date"),
    ],
    ids=["broken", "unterminated", "list", "bad-date"],
)
def test_bad_front_matter_is_one_clear_error(write, front, reason):
    path = write("bad.md", front + "正文。\n")
    (err,) = _read(path)
    assert isinstance(err, InputError)
    assert str(err).startswith(str(path)) and reason in str(err)
    assert "\n" not in str(err)


def test_markdown_body_without_front_matter(write):
    (a,) = _read(write("note.md", "# 标题\n\n中信证券**发布**[研报](http://x)。\n"))
    assert a.text == "标题\n中信证券发布研报。"


@pytest.mark.parametrize(
    "front, reason",
    [
        (
            "---\ntitle: x\ndate: 2022-02-30\n---\n",
            "invalid date in front matter: day is out of range for month",
        ),
        ("---\ntitle: a\x01b\n---\n", "broken YAML front matter: character U+0001 is not allowed in YAML"),
        ("---\ntitle: " + "[" * 60 + "]" * 60 + "\n---\n", "nested more than 50 levels deep"),
        ("---\ntitle: !!python/object/apply:os.system ['true']\n---\n", "could not determine a constructor"),
        ("---\njust words\n---\n", "YAML front matter is a str, not a mapping"),
        ("---\ndate: 2022-05-13\n---\n", "no article text"),
    ],
    ids=["impossible-date", "control-char", "deep", "python-tag", "scalar", "front-matter-only"],
)
def test_more_bad_front_matter_is_one_clear_error(write, front, reason):
    path = write("bad.md", front if reason == "no article text" else front + "正文。\n")
    (err,) = _read(path)
    assert isinstance(err, InputError) and reason in err.reason and "\n" not in str(err)


def test_metadata_that_is_not_text_is_ignored_not_expanded(write):
    # Nine levels of aliases: expanded, the tags would be 9**9 strings.
    aliases = "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    post = (
        "---\ntitle: 标题\nid: [1, 2]\na: &a [x, x, x, x, x, x, x, x, x]\n"
        + aliases
        + "tags: *i\nsource: *i\n---\n正文。\n"
    )
    (a,) = _read(write("bomb.md", post))
    assert (a.title, a.tags, a.source, a.id) == ("标题", [], None, "bomb")


@pytest.mark.parametrize(
    "footer",
    [
        "[返回东财滚动新闻](//finews.withounder.com/emnews/)｜[返回首页](//finews.withounder.com/)",
        "[上一篇](a.html) · [下一篇](b.html)",
        "[首页](/) | [财经](/finance) |",
    ],
)
def test_navigation_lines_are_dropped(write, footer):
    (a,) = _read(write("nav.md", "---\ntitle: 标题\n---\n正文。\n\n" + footer + "\n"))
    assert a.text == "标题\n正文。"


def test_a_line_of_links_with_text_after_them_is_kept(write):
    (a,) = _read(write("links.md", "---\ntitle: 标题\n---\n" + "[甲](a)  " * 30 + "乙\n"))
    assert a.text == "标题\n" + "甲  " * 30 + "乙"

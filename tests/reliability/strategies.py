"""Hypothesis strategies for Chinese company news: mostly CJK text with the names, titles, cue words and
punctuation the extractors react to, stock markup, and the odd characters scraped text carries."""

from __future__ import annotations

from hypothesis import strategies as st

WORDS = [
    "贵州茅台", "茅台", "九州通", "i茅台", "丁雄军", "李静仁", "张佑君", "中信证券", "五粮液", "阿里巴巴",
    "董事长", "总经理", "董事、代行总经理职责", "副总裁", "分析师", "表示", "称", "回复表示", "旗下", "控股子公司",
    "收购", "拟收购", "中标", "增持", "减持", "持有", "股份", "合作", "签署", "战略合作协议", "起诉", "成立",
    "股份有限公司", "集团", "银行", "公证处", "证监会", "国资委", "北京市", "（以下简称“茅台”）", "公司",
    "该公司", "他们", "SH600519", "600519", "2022年5月13日", "5月9日", "（文章来源：财联社）", "APP", "平台",
    "“i茅台”", "《", "》", "项目", "由", "承担", "提供", "技术服务", "向", "发行股份", "转让给",
]  # fmt: skip
PUNCTUATION = list("。，、；：？！“”‘’（）《》【】—…·") + ["\n", " ", "\n\n", "\u3000"]
ODD = [
    "\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b[31m", "\x7f", "\x85", "\x9b", "\u2028", "\u2029", "\u202e",
    "\u200b", "\u200d", "\ufeff", "\ufffd", "\ufffe", "\uffff", "😀", "👨\u200d👩\u200d👧", "🇨🇳", "\r\n",
    "\r", "\t", "𠀀", "䶮", "e\u0301", "\\", '"', "'", "<", ">", "&", "{", "}", "|", "^", "`", "%", "#",
]  # fmt: skip
SURROGATES = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)

piece = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS),
    CJK,
    st.sampled_from(PUNCTUATION),
    st.sampled_from(ODD),
    st.text(max_size=3),
)
chinese_text = st.lists(piece, max_size=60).map("".join)
"""Mostly Chinese news words and characters, with some odd characters and random Unicode."""

raw_text = st.lists(st.one_of(piece, SURROGATES), max_size=60).map("".join)
"""Like chinese_text, plus lone surrogates (what a JSON "\\ud800" escape gives)."""

_TICKERS = ["1,600519", "0,000858", "0,430047", "116,00700", "105,BABA", "9,1", "1,", ",", "1,600519,x"]
_markup_open = st.one_of(
    st.sampled_from(
        ["<p>", "<div>", "<span>", "<b>", "<td>", "<li>", "<center>", "<br>", "<br/>", "<h1>", "<table>"]
    ),
    st.sampled_from(
        [
            '<span id="stock_1.600519">',
            '<span id="stock_0.000858">',
            '<span id="stock_x">',
            '<a href="http://quote.eastmoney.com/unify/r/1.600998">',
            '<a href="http://quote.eastmoney.com/116.00700.html">',
            '<p style="display:none">',
            '<p class="pictext">',
            "<p hidden>",
            "<script>",
            "<style>",
            "<!-- EM_StockImg_Start -->",
            "<!-- EM_StockImg_End -->",
            "<!--",
            "<![CDATA[",
            "<?xml version='1.0'?>",
            "<!DOCTYPE html>",
        ]
    ),
    st.sampled_from(_TICKERS).map(lambda c: f'<a class="keytip" data-code="{c}">'),
    st.sampled_from(_TICKERS).map(lambda c: f'<span class="em_stock_key_common" data-code="{c}">'),
)
_markup_close = st.sampled_from(
    ["</p>", "</div>", "</span>", "</a>", "</b>", "</td>", "</script>", "-->", "]]>", "</"]
)
_entity = st.sampled_from(
    ["&amp;", "&lt;", "&nbsp;", "&#12290;", "&#x4e2d;", "&#0;", "&#xD800;", "&#x110000;", "&bogus;", "&"]
)
html = st.lists(st.one_of(piece, _markup_open, _markup_close, _entity, SURROGATES), max_size=60).map("".join)
"""HTML fragments: paragraphs, Eastmoney stock markup (valid and broken), hidden blocks, scripts, comments,
entity references, unclosed and stray tags, and text as above."""

_front_line = st.one_of(
    st.sampled_from(
        [
            "title: 贵州茅台称支付系统故障",
            'title: "未闭合',
            "title: [a, b",
            "title: !!python/name:os.system",
            "date: 2022-05-13 19:31:49 +0800",
            "date: 2022-02-30",
            "date: 2022-13-01",
            "date: yesterday",
            "date: 2022年5月13日 19时31分",
            "date: 99999-01-01",
            "date: 2022-05-13T25:61:00+99:99",
            "categories: emnews",
            "tags: 东财滚动新闻 白酒",
            "tags: [a, [b, [c]]]",
            "tags: {a: 1}",
            "id: 202205132378978254",
            "id: [1, 2]",
            "source: &a 财联社",
            "url: *a",
            "- a list item",
            "just a string",
            "a: &x [1, 2]",
            "b: [*x, *x]",
            "\t: tab",
            "? complex key",
            "...",
            "---",
            "",
        ]
    ),
    chinese_text.map(lambda t: "title: " + t),
)
jekyll = st.builds(
    lambda blanks, fence, lines, close, body: "\n" * blanks + fence + "\n".join(lines) + close + body,
    st.integers(0, 2),
    st.sampled_from(["---\n", "---\n", "", "--- \n"]),
    st.lists(_front_line, max_size=8),
    st.sampled_from(["\n---\n", "\n---\n", "\n...\n", "\n", ""]),
    st.one_of(
        chinese_text,
        html,
        st.just("> 摘要（财联社）\n\n<http://finance.eastmoney.com/news/1,202205132378978254.html>\n"),
    ),
)
"""Jekyll posts with front matter that is good, broken, unterminated, not a mapping, badly dated..."""

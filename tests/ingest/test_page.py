from kg.ingest import read_inputs
from kg.ingest.errors import InputError
from kg.model import Article

EASTMONEY_PAGE = """<!DOCTYPE html><html><head><meta charset="gbk"><title>贵州茅台称支付系统故障_东方财富网</title></head>
<body><div class="nav">首页 财经 股票</div>
<div class="newsContent"><h1>抢到手的酒“飞”了？贵州茅台称支付系统故障</h1>
<div class="infos"><div class="item">2022年05月13日 19:31</div><div class="source">来源：财联社</div></div>
<div class="txtinfos" id="ContentBody">
<p><span id="stock_1.600519"><a href="http://quote.eastmoney.com/unify/r/1.600519" class="keytip" data-code="1,600519">贵州茅台</a></span>董事长丁雄军也表示，不论是自己还是销售总经理，都没能在APP中申购成功。</p>
<p>港股<a href="http://quote.eastmoney.com/unify/r/116.00700">腾讯控股</a>与美股<span class="em_stock_key_common" data-code="105,BABA">阿里巴巴</span>均上涨。</p>
</div></div><div class="footer">返回东财滚动新闻</div></body></html>"""


def test_eastmoney_page_title_time_source_body_and_anchors(write):
    (a,) = list(read_inputs([str(write("page.html", EASTMONEY_PAGE, "gbk"))]))
    assert isinstance(a, Article)
    assert a.title == "抢到手的酒“飞”了？贵州茅台称支付系统故障"
    assert a.published == "2022-05-13T19:31:00+08:00"
    assert a.source == "财联社"
    assert "返回东财" not in a.text and "首页" not in a.text
    assert [(a.text[x.start : x.end], x.ticker) for x in a.anchors] == [
        ("贵州茅台", "SH600519"),
        ("腾讯控股", "HK00700"),
        ("阿里巴巴", "US.BABA"),
    ]


def test_real_news_page_finds_the_article_body(shared):
    page = shared / "data" / "articles" / "gne_testpages" / "sina_4.html"
    (a,) = list(read_inputs([str(page)]))
    assert isinstance(a, Article) and a.title
    assert len(a.text) > 300
    assert "<" not in a.text and "function(" not in a.text


def test_truncated_html_still_gives_the_text_it_has(write):
    html = EASTMONEY_PAGE[: EASTMONEY_PAGE.index("都没能") + 3]
    (a,) = list(read_inputs([str(write("cut.html", html))]))
    assert isinstance(a, Article) and a.text.endswith("都没能")


def test_page_without_any_text_is_an_error(write):
    path = write("empty.html", "<html><body><div></div></body></html>")
    (err,) = list(read_inputs([str(path)]))
    assert isinstance(err, InputError) and "no article text" in str(err)


def test_title_time_and_source_from_meta_tags_when_the_page_has_no_layout(write):
    page = (
        '<html><head><meta property="og:title" content="九州通称承担i茅台技术服务"/>'
        '<meta name="og:title" content="not this one"/>'
        '<meta property="article:published_time" content="2022-05-13T19:31:49+08:00"/>'
        '<meta property="og:site_name" content="财联社"/></head><body><div class="x">'
        "<p>九州通表示，“i茅台”相关技术服务主要由他们承担，公司将继续加大投入。</p>"
        "<p>九州通是国内医药流通行业的龙头企业之一，业务覆盖全国。</p></div></body></html>"
    )
    (a,) = list(read_inputs([str(write("meta.html", page))]))
    assert (a.title, a.published, a.source) == (
        "九州通称承担i茅台技术服务",
        "2022-05-13T19:31:49+08:00",
        "财联社",
    )
    assert a.text.splitlines()[1:] == [
        "九州通表示，“i茅台”相关技术服务主要由他们承担，公司将继续加大投入。",
        "九州通是国内医药流通行业的龙头企业之一，业务覆盖全国。",
    ]


def test_the_first_container_in_page_order_is_the_body(write):
    filler = "贵州茅台董事长丁雄军表示渠道改革最终是让茅台回归商品属性。"
    page = f"<div class='article'><p>{filler}</p></div><div class='article'><p>第二个容器的文字。{filler}</p></div>"
    (a,) = list(read_inputs([str(write("two.html", page))]))
    assert a.text == filler


def test_a_page_that_is_only_a_credit_line_has_no_article_text(write):
    (err,) = list(read_inputs([str(write("credit.html", "<p>（文章来源：财联社）</p>"))]))
    assert isinstance(err, InputError) and err.reason == "no article text"


def test_an_unreadable_page_time_is_left_out(write):
    page = "<div class='time'>2022-13-45 99:99</div><div id='ContentBody'><p>" + "中" * 30 + "</p></div>"
    (a,) = list(read_inputs([str(write("time.html", page))]))
    assert isinstance(a, Article) and a.published is None


def test_a_recursion_error_while_reading_is_one_clear_error(write, monkeypatch):
    import kg.ingest.page

    def too_deep(html):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(kg.ingest.page, "parse", too_deep)
    path = write("deep.html", "<div><p>贵州茅台</p></div>")
    (err,) = list(read_inputs([str(path)]))
    assert str(err) == f"{path}: markup nested too deeply to read"

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

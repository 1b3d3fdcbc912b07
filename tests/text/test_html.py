from kg.text.html import html_to_paragraphs
from kg.text.tickers import ticker


def test_each_eastmoney_markup_form_is_an_anchor():
    html = (
        '<p><span id="stock_1.600519"><a class="keytip" data-code="1,600519">贵州茅台</a></span>、'
        '<a class="keytip" data-code="0,000858">五粮液</a>、'
        '<span class="em_stock_key_common" data-code="0,430047">诺思兰德</span>、'
        '<a href="http://quote.eastmoney.com/unify/r/116.00700">腾讯控股</a>齐涨。</p>'
    )
    (para,) = html_to_paragraphs(html)
    assert para.text == "贵州茅台、五粮液、诺思兰德、腾讯控股齐涨。"
    assert [(para.text[a.start : a.end], a.ticker) for a in para.anchors] == [
        ("贵州茅台", "SH600519"),
        ("五粮液", "SZ000858"),
        ("诺思兰德", "BJ430047"),
        ("腾讯控股", "HK00700"),
    ]


def test_hidden_chart_caption_and_script_are_dropped():
    html = (
        '<p style="display:none;">隐藏</p><!-- EM_StockImg_Start --><p><a href="http://quote.eastmoney.com/'
        'unify/r/1.600519"><img alt="K图"/></a>K线</p><!-- EM_StockImg_End -->'
        '<p>正文一。</p><center><img src="x.jpg"/></center><p class="pictext">图片说明</p>'
        "<script>var a='脚本';</script><p>正文二。</p>"
    )
    assert [p.text for p in html_to_paragraphs(html)] == ["正文一。", "正文二。"]


def test_white_space_is_folded_inside_paragraphs():
    (para,) = html_to_paragraphs("<p>  甲\u3000\u3000乙 \n 丙  </p>")
    assert para.text == "甲 乙 丙"


def test_market_codes():
    assert ticker("1", "600519") == "SH600519"
    assert ticker("0", "000858") == "SZ000858"
    assert ticker("0", "830799") == "BJ830799"
    assert ticker("0", "920001") == "BJ920001"
    assert ticker("116", "700") == "HK00700"
    assert ticker("105", "baba") == "US.BABA"
    assert ticker("9", "1") is None


def test_control_characters_are_dropped_and_anchors_stay_exact():
    html = (
        '<p>据悉\x01，<span id="stock_1.600519">贵州\x1b茅台</span>\x7f与'
        '<a class="keytip" data-code="1,600998">九州通\x0b</a>合作\u2028完成。</p>'
    )
    (para,) = html_to_paragraphs(html)
    assert para.text == "据悉，贵州茅台与九州通 合作 完成。"
    assert [(para.text[a.start : a.end], a.ticker) for a in para.anchors] == [
        ("贵州茅台", "SH600519"),
        ("九州通", "SH600998"),
    ]


def test_lone_surrogates_in_markup_do_not_stop_parsing():
    (para,) = html_to_paragraphs("<p>贵州茅台\ud800董事长</p>")
    assert para.text == "贵州茅台\ufffd董事长"


def test_deeply_nested_markup_gives_its_text():
    html = "<div>" * 10_000 + "<p>贵州茅台</p>" + "</div>" * 10_000 + "<span>" * 10_000 + "九州通"
    assert [p.text for p in html_to_paragraphs(html)] == ["贵州茅台", "九州通"]

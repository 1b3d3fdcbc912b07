"""The seed graph's page in headless Chromium with the network blocked: drawn, quiet, and XSS-proof."""

from __future__ import annotations

import pytest

from kg.viz import write_network_html
from tests.viz.browser import browser, offline_page, unavailable, wait_still
from tests.viz.seed_graph import XSS_SENTENCE, XSS_TITLE

pytestmark = pytest.mark.browser

LABELS = {
    "贵州茅台",
    "九州通",
    "i茅台",
    "李静仁",
    "丁雄军",
    "杭州互联网公证处",
    "黑猫投诉平台",
    "财联社",
    "贵州省",
    "茅台数字营销平台",
}

DRAWN_PIXELS = """() => {
  const canvas = document.querySelector('#kg-graph canvas');
  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let drawn = 0;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) drawn += 1;
  return drawn;
}"""

EDGE_MIDDLE = """(name) => {
  const v = window.kgView;
  const id = v.data.edges.findIndex(e => v.data.predicates[e[2]].name === name);
  const point = v.network.body.edges[id].edgeType.getPoint(0.5);
  const dom = v.network.canvasToDOM(point);
  return [dom.x, dom.y];
}"""

NODE_CENTRE = """(label) => {
  const v = window.kgView;
  const id = v.data.nodes.findIndex(n => n[0] === label);
  const dom = v.network.canvasToDOM(v.network.getPositions([id])[id]);
  return [dom.x, dom.y];
}"""


@pytest.fixture(scope="module")
def chromium():
    reason = unavailable()
    if reason:
        pytest.skip(reason)
    with browser() as b:
        yield b


@pytest.fixture(scope="module")
def page_file(hostile_network, tmp_path_factory):
    return write_network_html(hostile_network, tmp_path_factory.mktemp("page") / "graph.html").path


@pytest.fixture(scope="module")
def visit(chromium, page_file):
    """One visit for the module; after all its tests, nothing may have run, failed or left the page."""
    with offline_page(chromium, page_file) as v:
        wait_still(v.page, timeout_ms=60_000)
        yield v
        assert v.page.evaluate("window.__xss") is None, "an article's markup ran as script"
        assert v.console_errors == []
        assert v.requests == [page_file.resolve().as_uri()], "a request left the page"
        assert v.blocked == []


@pytest.fixture(autouse=True)
def checked(visit):
    """After each test: no script from an article ran, no error, no request."""
    yield
    assert visit.page.evaluate("window.__xss") is None, "an article's markup ran as script"
    assert visit.console_errors == []
    assert visit.blocked == []


def test_the_graph_is_drawn_with_the_seed_entities(visit):
    page = visit.page
    labels = page.evaluate("window.kgView.nodes.get().map(n => n.label)")
    assert set(labels) == LABELS
    assert page.evaluate("window.kgView.edges.length") == 6
    assert page.evaluate(DRAWN_PIXELS) > 5_000
    legend = page.inner_text("#kg-legend")
    for word in ("实体类型", "公司", "人物", "关系", "任职", "提供服务", "签约"):
        assert word in legend
    assert page.inner_text("#kg-summary").startswith("显示 10 / 10 个实体，6 / 6 条关系")


def test_hovering_a_node_shows_its_card(visit):
    page = visit.page
    x, y = page.evaluate(NODE_CENTRE, "贵州茅台")
    page.mouse.move(x, y)
    page.wait_for_selector("#kg-tip:not([hidden])", timeout=5_000)
    tip = page.inner_text("#kg-tip")
    assert "贵州茅台" in tip and "公司 · SH600519" in tip and "又称：茅台" in tip


def test_hostile_title_and_sentence_show_as_text_in_the_tooltip(visit):
    page = visit.page
    x, y = page.evaluate(EDGE_MIDDLE, "signs_agreement_with")
    page.mouse.move(x, y)
    page.wait_for_selector("#kg-tip:not([hidden])", timeout=5_000)
    tip = page.inner_text("#kg-tip")
    assert XSS_SENTENCE in tip
    assert XSS_TITLE in tip
    assert page.evaluate("document.querySelectorAll('#kg-tip img, #kg-tip script').length") == 0
    assert page.evaluate("document.querySelectorAll('#kg-tip a').length") == 0  # javascript: URL not linked


def test_clicking_shows_evidence_with_a_link_to_the_article(visit):
    page = visit.page
    x, y = page.evaluate(EDGE_MIDDLE, "provides_service_to")
    page.mouse.click(x, y)
    page.wait_for_selector("#kg-details:not([hidden])", timeout=5_000)
    details = page.inner_text("#kg-details")
    assert "九州通 —提供服务→ i茅台" in details
    assert "“i茅台”相关技术服务主要由他们承担" in details
    assert "抢到手的酒“飞”了？贵州茅台称支付系统故障 · 2022-05-13" in details
    href = page.get_attribute("#kg-details a", "href")
    assert href == "http://finance.eastmoney.com/news/1354,202205132378978254.html"


def test_searching_by_ticker_selects_the_company(visit):
    page = visit.page
    page.fill("#kg-search", "600998")
    page.press("#kg-search", "Enter")
    page.wait_for_selector("#kg-details:not([hidden])", timeout=5_000)
    assert page.inner_text("#kg-details h3") == "九州通"
    assert "签约 — 贵州茅台" in page.inner_text("#kg-details")
    assert page.evaluate("window.kgView.network.getSelectedNodes().length") == 1

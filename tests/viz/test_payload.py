"""The data embedded in a page: sizes by importance, legend entries, edge labels and evidence."""

from __future__ import annotations

from kg.viz import VizOptions
from kg.viz.payload import payload
from kg.viz.select import select


def build(network, **options) -> dict:
    opts = VizOptions(**options)
    return payload(select(network, opts), opts)


def test_the_most_important_entity_is_drawn_largest(hostile_network):
    data = build(hostile_network)
    sizes = {n[0]: n[2] for n in data["nodes"]}
    assert max(sizes, key=sizes.get) == "贵州茅台"
    assert sizes["贵州茅台"] > sizes["李静仁"] > sizes["贵州省"]


def test_the_legend_lists_the_types_and_predicates_present_with_counts(hostile_network):
    data = build(hostile_network)
    assert [(t["name"], t["label"], t["count"]) for t in data["types"]] == [
        ("Company", "公司", 2),
        ("Person", "人物", 2),
        ("Product", "产品", 1),
        ("Organization", "机构", 3),
        ("Location", "地点", 1),
        ("Project", "项目", 1),
    ]
    preds = {p["name"]: (p["label"], p["count"], p["symmetric"]) for p in data["predicates"]}
    assert preds["holds_position"] == ("任职", 2, False)
    assert preds["signs_agreement_with"] == ("签约", 1, True)


def test_each_edge_carries_its_evidence_and_article(hostile_network):
    data = build(hostile_network)
    by_pred = {data["predicates"][e[2]]["name"]: e for e in data["edges"] if e[2] is not None}
    owns = by_pred["owns"]
    assert data["nodes"][owns[0]][0] == "贵州茅台" and data["nodes"][owns[1]][0] == "i茅台"
    (sentence, article, position, acting, confidence) = owns[4][0]
    assert "旗下自营电商APP" in sentence
    assert data["articles"][article] == [
        "抢到手的酒“飞”了？贵州茅台称支付系统故障",
        "2022-05-13",
        "http://finance.eastmoney.com/news/1354,202205132378978254.html",
    ]
    positions = sorted((ev[2], ev[3]) for e in data["edges"] for ev in e[4] if ev[2])
    assert positions == [("总经理", True), ("董事", False), ("董事长", False)]


def test_the_header_knows_what_was_filtered_and_cut(hostile_network):
    data = build(hostile_network, focus=("九州通",), hops=1, since="2022")
    assert data["shown"] == {"nodes": 4, "edges": 4}  # 九州通, i茅台, 贵州茅台, the project; owns among them
    assert data["total"] == {"nodes": 10, "edges": 6}
    assert data["filters"] == ["focus 九州通 within 1 hops", "dates 2022 to …"]
    assert [data["nodes"][i][0] for i in data["focus"]] == ["九州通"]

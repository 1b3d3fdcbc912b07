"""What a page shows: the filters, the neighbourhood of a focus entity, the size cap."""

from __future__ import annotations

import pytest

from kg.network import EntityNotFound
from kg.rdf.vocab import entity_iri
from kg.viz import VizOptions
from kg.viz.select import select
from tests.viz.seed_graph import seed_extraction


def shown(network, **options) -> set[str]:
    sub = select(network, VizOptions(**options)).graph
    return {sub.nodes[n]["label"] for n in sub}


def facts(network, **options) -> set[tuple[str, str, str]]:
    sub = select(network, VizOptions(**options)).graph
    return {(sub.nodes[u]["label"], k, sub.nodes[v]["label"]) for u, v, k in sub.edges(keys=True)}


ALL = {
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


def test_without_filters_everything_is_shown(hostile_network):
    assert shown(hostile_network) == ALL
    assert len(facts(hostile_network)) == 6


def test_focus_shows_the_neighbourhood_whatever_the_direction_of_the_facts(hostile_network):
    assert shown(hostile_network, focus=("贵州茅台",), hops=1) == {
        "贵州茅台",
        "i茅台",
        "李静仁",
        "丁雄军",
        "九州通",
    }
    assert shown(hostile_network, focus=("i茅台",), hops=1) == {"i茅台", "贵州茅台", "九州通"}
    assert shown(hostile_network, focus=("i茅台",), hops=2) == {
        "i茅台",
        "贵州茅台",
        "九州通",
        "李静仁",
        "丁雄军",
        "茅台数字营销平台",
    }
    assert shown(hostile_network, focus=("贵州省",), hops=2) == {"贵州省"}


def test_focus_by_alias_or_ticker_and_several_at_once(hostile_network):
    assert shown(hostile_network, focus=("茅台",), hops=0) == {"贵州茅台"}
    assert shown(hostile_network, focus=("600998", "贵州省"), hops=0) == {"九州通", "贵州省"}
    selection = select(hostile_network, VizOptions(focus=("SH600519",), hops=1))
    assert selection.focus == [str(entity_iri("Company", "SH600519"))]


def test_an_unknown_focus_is_an_error_with_suggestions(hostile_network):
    with pytest.raises(EntityNotFound, match="贵州茅台"):
        select(hostile_network, VizOptions(focus=("贵州茅苔",)))


def test_a_focus_that_the_other_filters_exclude_is_an_error(hostile_network):
    with pytest.raises(ValueError, match="excluded by the other filters"):
        select(hostile_network, VizOptions(focus=("李静仁",), types=("Company",)))


def test_types_keep_entities_of_those_types_and_the_facts_between_them(hostile_network):
    assert shown(hostile_network, types=("Company", "Person")) == {"贵州茅台", "九州通", "李静仁", "丁雄军"}
    assert facts(hostile_network, types=("Company", "Person")) == {
        ("李静仁", "holds_position", "贵州茅台"),
        ("丁雄军", "holds_position", "贵州茅台"),
        ("九州通", "signs_agreement_with", "贵州茅台"),
    }
    assert shown(hostile_network, types=("Organization",)) == {"杭州互联网公证处", "黑猫投诉平台", "财联社"}


def test_predicates_keep_only_those_facts_and_their_entities(hostile_network):
    assert facts(hostile_network, predicates=("holds_position",)) == {
        ("李静仁", "holds_position", "贵州茅台"),
        ("丁雄军", "holds_position", "贵州茅台"),
    }
    assert shown(hostile_network, predicates=("holds_position",)) == {"李静仁", "丁雄军", "贵州茅台"}


def test_dates_keep_facts_and_entities_of_articles_in_the_period(hostile_network):
    assert facts(hostile_network, since="2022-06") == {("九州通", "signs_agreement_with", "贵州茅台")}
    assert shown(hostile_network, since="2022-06") == {"九州通", "贵州茅台"}
    assert ("九州通", "signs_agreement_with", "贵州茅台") not in facts(hostile_network, until="2022-05")
    assert shown(hostile_network, until="2022-05-13") == ALL
    assert shown(hostile_network, since="2022-05-13", until="2022-05-13") == ALL
    assert shown(hostile_network, since="2023") == set()


def test_min_confidence_drops_weaker_facts_and_unconnected_entities(hostile_network):
    kept = facts(hostile_network, min_confidence=0.7)
    assert ("九州通", "signs_agreement_with", "贵州茅台") not in kept and len(kept) == 5
    assert "贵州省" not in shown(hostile_network, min_confidence=0.7)


def test_max_nodes_keeps_the_focus_then_the_largest_component_by_importance(hostile_network):
    assert shown(hostile_network, max_nodes=2) == {"贵州茅台", "九州通"}
    assert shown(hostile_network, max_nodes=2, focus=("贵州省",), hops=5) == {"贵州省"}
    giant = {"贵州茅台", "九州通", "i茅台", "李静仁", "丁雄军", "茅台数字营销平台"}
    assert shown(hostile_network, max_nodes=6) == giant
    seven = shown(hostile_network, max_nodes=7)
    assert len(seven) == 7 and giant < seven
    selection = select(hostile_network, VizOptions(max_nodes=6))
    assert selection.filtered_nodes == 10 and selection.total_nodes == 10
    assert selection.graph.number_of_nodes() == 6


def test_job_titles_are_edge_labels_not_nodes_unless_asked_for():
    from kg.model import Entity, Mention
    from kg.network import to_network
    from kg.pipeline import build_dataset

    ex = seed_extraction()
    title = Entity(str(entity_iri("Position", "董事长")), "Position", "董事长")
    ex.entities[title.id] = title
    ex.mentions.append(Mention(0, 3, "董事长", "Position", "hand", entity=title.id))
    network = to_network(build_dataset([ex]))
    assert "董事长" not in shown(network)
    assert shown(network, types=("Position",)) == {"董事长"}


@pytest.mark.parametrize(
    "options, message",
    [
        ({"types": ("Firm",)}, "unknown entity type 'Firm'"),
        ({"predicates": ("likes",)}, "unknown predicate 'likes'"),
        ({"since": "2022-13"}, "is not a date"),
        ({"until": "yesterday"}, "is not a date"),
        ({"since": "2022-06", "until": "2022-05"}, "is after"),
        ({"min_confidence": 1.5}, "not between 0 and 1"),
        ({"max_nodes": 0}, "at least 1"),
        ({"hops": -1}, "negative"),
    ],
)
def test_unusable_options_are_named(hostile_network, options, message):
    with pytest.raises(ValueError, match=message):
        select(hostile_network, VizOptions(**options))

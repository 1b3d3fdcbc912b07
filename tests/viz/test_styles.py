"""Every entity type and predicate of the schema has a colour (and types a shape vis-network draws)."""

from __future__ import annotations

import re

from kg.network import UNTYPED
from kg.schema import entity_types, predicates
from kg.viz.styles import FALLBACK_COLOR, predicate_style, type_style

# vis-network shapes that draw the label below the node and honour `size`
SIZED_SHAPES = {"dot", "diamond", "star", "triangle", "triangleDown", "hexagon", "square"}
HEX = re.compile(r"^#[0-9a-f]{6}$")


def test_every_type_has_a_colour_and_a_sized_shape():
    for name in [*entity_types(), UNTYPED]:
        style = type_style(name)
        assert HEX.match(style.color), name
        assert style.shape in SIZED_SHAPES, name
    colours = [type_style(t).color for t in entity_types()]
    assert len(set(colours)) == len(colours)


def test_every_predicate_has_its_own_colour():
    colours = [predicate_style(p).color for p in predicates()]
    assert all(HEX.match(c) for c in colours)
    assert len(set(colours)) == len(colours)


def test_unknown_names_fall_back():
    assert type_style("Spaceship") == type_style(UNTYPED)
    assert predicate_style("likes").color == FALLBACK_COLOR

"""The gazette rules as a matrix: role × department × issue state."""

import pytest

from gongkai.access.testing import NONE, OWN, TREE, C, H, O, Places, R

pytestmark = pytest.mark.django_db

STATES = ["draft", "review", "published"]
ANY = frozenset(STATES)


def test_gazette_rules():
    places = Places()
    expected = {
        "gazette.view": (ANY, {H: OWN, R: OWN, C: NONE, O: TREE}),
        "gazette.create": (ANY, {H: OWN, R: OWN, C: NONE, O: TREE}),
        "gazette.compile": ({"draft"}, {H: OWN, R: OWN, C: NONE, O: TREE}),
        "gazette.approve": ({"review"}, {H: NONE, R: OWN, C: NONE, O: NONE}),
        "gazette.distribute": (ANY, {H: OWN, R: OWN, C: NONE, O: TREE}),
    }
    assert places.mismatches(expected, STATES) == []

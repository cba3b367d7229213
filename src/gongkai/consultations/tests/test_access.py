"""Who may do what with a consultation: role × where it is × its phase, written out by hand.

Where the consultation is, seen from the person's own department (天水市财政局):
  own     — 天水市财政局 itself
  sibling — another department of 天水市
  child   — a department of 秦州区 (under 天水市)
  other   — a department of 陇南市
The 公开办 (office) sits in 天水市's general office, so it reaches own-government and child
departments, not 陇南市.
"""

import pytest

from gongkai import access
from gongkai.access.testing import NONE, OWN, TREE, C, H, O, Places, R
from gongkai.consultations.models import Phase

from .helpers import at, published

PHASES = tuple(Phase.values)

# action -> (phases in which it can be taken, role -> places)
EXPECTED = {
    "consultations.view": (set(PHASES), {H: OWN, R: OWN, C: NONE, O: TREE}),
    "consultations.edit": ({"draft"}, {H: OWN, R: OWN, C: NONE, O: NONE}),
    "consultations.publish": ({"draft"}, {H: NONE, R: OWN, C: NONE, O: NONE}),
    "consultations.extend": ({"planned", "open"}, {H: NONE, R: OWN, C: NONE, O: TREE}),
    "consultations.moderate": (
        {"open", "closed", "voting", "feedback"},
        {H: OWN, R: OWN, C: NONE, O: NONE},
    ),
    "consultations.shortlist": ({"closed"}, {H: OWN, R: OWN, C: NONE, O: NONE}),
    "consultations.feedback": ({"closed", "voting"}, {H: OWN, R: OWN, C: NONE, O: NONE}),
    "consultations.publish_feedback": ({"closed", "voting"}, {H: NONE, R: OWN, C: NONE, O: NONE}),
    "consultations.new_round": ({"feedback"}, {H: OWN, R: OWN, C: NONE, O: NONE}),
}


@pytest.fixture
def places(db):
    return Places()


def test_matrix(places):
    assert places.mismatches(EXPECTED, PHASES) == []


def test_create_needs_own_department(places):
    handler, office = places.people[H], places.people[O]
    assert access.can(handler, "consultations.create", places.departments["own"])
    assert not access.can(handler, "consultations.create", places.departments["sibling"])
    assert not access.can(office, "consultations.create", places.departments["own"])


def test_scope_matches_can(world):
    from gongkai.consultations.models import Consultation

    mine = published(world)
    theirs = published(world)
    Consultation.objects.filter(pk=theirs.pk).update(department=world.environment)
    visible = access.scope(world.handler_finance, "consultations.view", Consultation.objects.all())
    assert list(visible) == [mine]


def test_the_phase_is_read_at_the_moment_of_the_action(world):
    consultation = published(world)
    assert access.can(
        world.handler_finance, "consultations.moderate", consultation.as_of(at(2026, 6, 2))
    )
    assert not access.can(
        world.handler_finance, "consultations.moderate", consultation.as_of(at(2026, 5, 31))
    )
    assert access.can(
        world.reviewer_finance, "consultations.extend", consultation.as_of(at(2026, 6, 2))
    )
    assert not access.can(
        world.reviewer_finance, "consultations.extend", consultation.as_of(at(2026, 7, 2))
    )

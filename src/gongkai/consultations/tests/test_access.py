"""Who may do what with a consultation: role × where it is × its phase, written out by hand.

Where the consultation is, seen from the person's own department (天水市财政局):
  own     — 天水市财政局 itself
  sibling — another department of 天水市
  child   — a department of 秦州区 (under 天水市)
  other   — a department of 陇南市
The 公开办 (office) sits in 天水市's general office, so it reaches own-government and child
departments, not 陇南市.
"""

from itertools import product
from types import SimpleNamespace

import pytest

from gongkai import access
from gongkai.consultations.models import Phase
from gongkai.orgs.roles import Role
from gongkai.testing.factories import department, government, staff

from .helpers import at, published

H, R, C, O = Role.HANDLER, Role.REVIEWER, Role.CONFIDENTIALITY, Role.DISCLOSURE_OFFICE  # noqa: E741
PLACES = ("own", "sibling", "child", "other")
PHASES = tuple(Phase.values)
OWN = {"own"}
TREE = {"own", "sibling", "child"}  # what the office reaches (its home is the general office)
NONE: set[str] = set()

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
def setting(db):
    tianshui = government("620500", "天水市")
    qinzhou = government("620502", "秦州区", level="county", parent=tianshui)
    longnan = government("621200", "陇南市")
    finance = department(tianshui, "天水市财政局")
    office_home = department(tianshui, "天水市人民政府办公室", kind="general_office")
    places = {
        "own": finance,
        "sibling": department(tianshui, "天水市环境保护局"),
        "child": department(qinzhou, "秦州区财政局"),
        "other": department(longnan, "陇南市财政局"),
    }
    people = {role: staff(f"p_{role}", (finance, role)) for role in (H, R, C)}
    people[O] = staff("p_office", (office_home, O))
    return places, people


def test_matrix(setting):
    places, people = setting
    wrong = []
    for action, (phases, by_role) in EXPECTED.items():
        for role, place, phase in product(by_role, PLACES, PHASES):
            obj = SimpleNamespace(access_department=places[place], state=phase)
            expected = phase in phases and place in by_role[role]
            if access.can(people[role], action, obj) != expected:
                wrong.append(f"{action} · {role.label} · {place} · {phase}: expected {expected}")
    assert wrong == []


def test_create_needs_own_department(setting):
    places, people = setting
    assert access.can(people[H], "consultations.create", places["own"])
    assert not access.can(people[H], "consultations.create", places["sibling"])
    assert not access.can(people[O], "consultations.create", places["own"])


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

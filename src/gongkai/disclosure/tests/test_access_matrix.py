"""The access policy for proactive disclosure, as a matrix written out by hand:
role × where the item is × item state (in the style of access/tests/test_matrix.py).

Where the item is, seen from the person's own department:
  own     — the person's department (天水市财政局)
  sibling — another department of the same government (天水市环境保护局)
  child   — a department of a county under that government (秦州区财政局)
  other   — a department of an unrelated government (陇南市财政局)
"""

from itertools import product

import pytest

from gongkai import access
from gongkai.disclosure.models import InformationItem
from gongkai.orgs.roles import Role
from gongkai.testing.factories import department, government, staff

PLACES = ("own", "sibling", "child", "other")
SUPERVISED = {"own", "sibling", "child"}
OWN = {"own"}
NOWHERE: set[str] = set()
H, R, C, O, S, SUP = (  # noqa: E741 - the roles, as columns of the matrix
    Role.HANDLER,
    Role.REVIEWER,
    Role.CONFIDENTIALITY,
    Role.DISCLOSURE_OFFICE,
    Role.SYSADMIN,
    Role.SUPERVISOR,  # 监察 reads government services only
)
STATES = ("draft", "submitted", "approval", "scheduled", "published", "returned", "withdrawn")
ANY_STATE = set(STATES)

# action -> (role -> places where allowed, states in which allowed)
EXPECTED = {
    "disclosure.view_draft": (
        {H: OWN, R: OWN, C: OWN, O: SUPERVISED, S: NOWHERE, SUP: NOWHERE},
        ANY_STATE,
    ),
    "disclosure.edit": (
        {H: OWN, R: OWN, C: NOWHERE, O: NOWHERE, S: NOWHERE, SUP: NOWHERE},
        {"draft", "returned"},
    ),
    "disclosure.submit": (
        {H: OWN, R: OWN, C: NOWHERE, O: NOWHERE, S: NOWHERE, SUP: NOWHERE},
        {"draft", "returned"},
    ),
    "disclosure.confidentiality_review": (
        {H: NOWHERE, R: NOWHERE, C: OWN, O: NOWHERE, S: NOWHERE, SUP: NOWHERE},
        {"submitted"},
    ),
    "disclosure.approve": (
        {H: NOWHERE, R: OWN, C: NOWHERE, O: NOWHERE, S: NOWHERE, SUP: NOWHERE},
        {"approval", "scheduled"},
    ),
    "disclosure.withdraw": (
        {H: NOWHERE, R: OWN, C: NOWHERE, O: SUPERVISED, S: NOWHERE, SUP: NOWHERE},
        {"published"},
    ),
    "disclosure.correct": (
        {H: NOWHERE, R: OWN, C: NOWHERE, O: NOWHERE, S: NOWHERE, SUP: NOWHERE},
        {"published"},
    ),
    "disclosure.change_validity": (
        {H: NOWHERE, R: OWN, C: NOWHERE, O: NOWHERE, S: NOWHERE, SUP: NOWHERE},
        {"published"},
    ),
    "disclosure.supervise": (
        {H: NOWHERE, R: NOWHERE, C: NOWHERE, O: SUPERVISED, S: NOWHERE, SUP: NOWHERE},
        ANY_STATE,
    ),
}
# On a department (drafting for it), no state.
CREATE = {H: OWN, R: OWN, C: NOWHERE, O: NOWHERE, S: NOWHERE, SUP: NOWHERE}


@pytest.fixture
def places(db):
    """Each role held by someone in 天水市财政局, and departments around it."""
    tianshui = government("620500", "天水市")
    qinzhou = government("620502", "秦州区", level="county", parent=tianshui)
    longnan = government("621200", "陇南市")
    depts = {
        "own": department(tianshui, "天水市财政局"),
        "sibling": department(tianshui, "天水市环境保护局"),
        "child": department(qinzhou, "秦州区财政局"),
        "other": department(longnan, "陇南市财政局"),
    }
    people = {role: staff(f"person_{role}", (depts["own"], role)) for role in Role}
    return depts, people


def _item(dept, state):
    return InformationItem(department=dept, government=dept.government, state=state, title="测试")


def _mismatches(cases):
    return [
        f"{role.label} · {place} · {state or '-'}: expected {expected}, policy says {actual}"
        for role, place, state, expected, actual in cases
        if expected != actual
    ]


@pytest.mark.parametrize("action", list(EXPECTED))
def test_item_actions(places, action):
    depts, people = places
    reach, states = EXPECTED[action]
    cases = [
        (
            role,
            place,
            state,
            place in reach[role] and state in states,
            access.can(people[role], action, _item(depts[place], state)),
        )
        for role, place, state in product(Role, PLACES, STATES)
    ]
    assert _mismatches(cases) == []


def test_drafting_for_a_department(places):
    depts, people = places
    cases = [
        (
            role,
            place,
            None,
            place in CREATE[role],
            access.can(people[role], "disclosure.create", depts[place]),
        )
        for role, place in product(Role, PLACES)
    ]
    assert _mismatches(cases) == []


def test_scope_filters_exactly_what_can_allows(places):
    from gongkai.disclosure.models import Genre, SubjectCategory

    depts, people = places
    subject, genre = SubjectCategory.objects.first(), Genre.objects.first()
    for dept, state in product(depts.values(), STATES):
        item = _item(dept, state)
        item.subject, item.genre = subject, genre
        item.save()
    items = list(InformationItem.objects.select_related("department__government"))
    for action, person in product(EXPECTED, people.values()):
        by_policy = {i.pk for i in items if access.can(person, action, i)}
        by_query = set(
            access.scope(person, action, InformationItem.objects.all()).values_list("pk", flat=True)
        )
        assert by_query == by_policy, (action, person.username)

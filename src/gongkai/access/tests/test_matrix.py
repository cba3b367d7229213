"""The access policy as a matrix: role × where the object is × object state.

Expectations are written out here by hand, from the rules as the offices work
(not derived from the policy table), so a change to the table that grants or
withdraws a right shows up as a failing case.

Where the object is, seen from the person's own department:
  own     — the person's department
  sibling — another department of the same government
  child   — a department of a county under that government
  other   — a department of an unrelated government
"""

from itertools import product

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied

from gongkai import access
from gongkai.orgs.models import Membership
from gongkai.orgs.roles import Role
from gongkai.testing.factories import department, government, staff
from gongkai.workdays.models import Clock

PLACES = ("own", "sibling", "child", "other")
EVERYWHERE = set(PLACES)
SUPERVISED = {"own", "sibling", "child"}
NOWHERE: set[str] = set()
H, R, C, O, S, SUP = (  # noqa: E741 - the roles, as columns of the matrix
    Role.HANDLER,
    Role.REVIEWER,
    Role.CONFIDENTIALITY,
    Role.DISCLOSURE_OFFICE,
    Role.SYSADMIN,
    Role.SUPERVISOR,  # 监察 reads government services' cases only (gongkai.services)
)

# action -> role -> places where it is allowed (for objects in an allowed state)
EXPECTED = {
    "department.view": {
        H: {"own"},
        R: {"own"},
        C: {"own"},
        O: SUPERVISED,
        S: EVERYWHERE,
        SUP: NOWHERE,
    },
    "department.edit_profile": {
        H: NOWHERE,
        R: {"own"},
        C: NOWHERE,
        O: SUPERVISED,
        S: EVERYWHERE,
        SUP: NOWHERE,
    },
    "clock.view": {H: {"own"}, R: {"own"}, C: {"own"}, O: SUPERVISED, S: NOWHERE, SUP: NOWHERE},
    "clock.pause": {H: {"own"}, R: {"own"}, C: NOWHERE, O: NOWHERE, S: NOWHERE, SUP: NOWHERE},
    "clock.resume": {H: {"own"}, R: {"own"}, C: NOWHERE, O: NOWHERE, S: NOWHERE, SUP: NOWHERE},
    "clock.extend": {H: NOWHERE, R: {"own"}, C: NOWHERE, O: SUPERVISED, S: NOWHERE, SUP: NOWHERE},
    "clock.supervise": {
        H: NOWHERE,
        R: NOWHERE,
        C: NOWHERE,
        O: SUPERVISED,
        S: NOWHERE,
        SUP: NOWHERE,
    },
}
# action -> the clock states in which it can be taken at all
CLOCK_STATES = ("running", "paused", "overdue", "met", "stopped")
ALLOWED_STATES = {
    "clock.view": set(CLOCK_STATES),
    "clock.pause": {"running"},
    "clock.resume": {"paused"},
    "clock.extend": {"running", "paused"},
    "clock.supervise": {"running", "paused", "overdue"},
}
ADMIN_ACTIONS = {  # no object: the role alone decides
    "admin.access": {S},
    "calendar.manage": {S},
    "membership.manage": {S},
    "jobs.view_failed": {S},
}


@pytest.fixture
def places(db):
    """Each role held by someone in 天水市's general office, and departments around it."""
    tianshui = government("620500", "天水市")
    qinzhou = government("620502", "秦州区", level="county", parent=tianshui)
    longnan = government("621200", "陇南市")
    home = department(tianshui, "天水市人民政府办公室", kind="general_office")
    depts = {
        "own": home,
        "sibling": department(tianshui, "天水市财政局"),
        "child": department(qinzhou, "秦州区财政局"),
        "other": department(longnan, "陇南市财政局"),
    }
    people = {role: staff(f"person_{role}", (home, role)) for role in Role}
    return depts, people


def _clock(dept, state):
    return Clock(
        content_type=ContentType.objects.get_for_model(dept),
        object_id=str(dept.pk),
        stage=f"reply-{state}",
        label=f"{dept.name} 答复",
        department=dept,
        start_date="2026-03-02",
        limit_days=20,
        state=state,
    )


def _mismatches(cases):
    """The cases where the policy disagrees with the written expectation, readably."""
    return [
        f"{role.label} · {place} · {state or '-'}: expected {expected}, policy says {actual}"
        for role, place, state, expected, actual in cases
        if expected != actual
    ]


@pytest.mark.parametrize("action", ["department.view", "department.edit_profile"])
def test_department_actions(places, action):
    depts, people = places
    cases = [
        (
            role,
            place,
            None,
            place in EXPECTED[action][role],
            access.can(people[role], action, depts[place]),
        )
        for role, place in product(Role, PLACES)
    ]
    assert _mismatches(cases) == []


@pytest.mark.parametrize("action", list(ALLOWED_STATES))
def test_clock_actions(places, action):
    depts, people = places
    cases = [
        (
            role,
            place,
            state,
            place in EXPECTED[action][role] and state in ALLOWED_STATES[action],
            access.can(people[role], action, _clock(depts[place], state)),
        )
        for role, place, state in product(Role, PLACES, CLOCK_STATES)
    ]
    assert _mismatches(cases) == []


@pytest.mark.parametrize("action", list(ADMIN_ACTIONS))
def test_administration_needs_the_sysadmin_role(places, action):
    _, people = places
    cases = [
        (role, "-", None, role in ADMIN_ACTIONS[action], access.can(people[role], action))
        for role in Role
    ]
    assert _mismatches(cases) == []


def test_scope_filters_exactly_what_can_allows(places):
    depts, people = places
    for dept, state in product(depts.values(), CLOCK_STATES):
        _clock(dept, state).save()
    clocks = list(Clock.objects.select_related("department__government"))
    for action, person in product(ALLOWED_STATES, people.values()):
        by_policy = {c.pk for c in clocks if access.can(person, action, c)}
        by_query = set(
            access.scope(person, action, Clock.objects.all()).values_list("pk", flat=True)
        )
        assert by_query == by_policy, (action, person.username)


def test_scope_on_departments_themselves(places):
    depts, people = places
    visible = access.scope(
        people[O], "department.view", type(depts["own"]).objects.all(), department_field=None
    )
    assert set(visible) == {depts["own"], depts["sibling"], depts["child"]}


def test_a_county_office_does_not_reach_up_to_the_city(places):
    depts, _ = places
    county_office = staff("qinzhou_office", (depts["child"], O))
    assert access.can(county_office, "clock.supervise", _clock(depts["child"], "running"))
    assert not access.can(county_office, "clock.supervise", _clock(depts["sibling"], "running"))


def test_an_inactive_membership_or_account_grants_nothing(places):
    depts, people = places
    handler = people[H]
    Membership.objects.filter(user=handler).update(active=False)
    handler._gongkai_memberships = None
    assert not access.can(handler, "clock.view", _clock(depts["own"], "running"))
    reviewer = people[R]
    reviewer.is_active = False
    assert not access.can(reviewer, "clock.view", _clock(depts["own"], "running"))


def test_anonymous_visitors_can_do_nothing_here(places):
    from django.contrib.auth.models import AnonymousUser

    depts, _ = places
    assert not access.can(AnonymousUser(), "clock.view", _clock(depts["own"], "running"))
    assert not access.can(AnonymousUser(), "admin.access")


def test_superusers_administer_but_do_not_handle_cases(places):
    depts, _ = places
    root = staff("root")
    root.is_superuser = True
    assert access.can(root, "calendar.manage")
    assert not access.can(root, "clock.pause", _clock(depts["own"], "running"))


def test_require_raises_permission_denied_with_a_chinese_reason(places):
    depts, people = places
    with pytest.raises(PermissionDenied, match="无权执行此操作：批准延期"):
        access.require(people[H], "clock.extend", _clock(depts["own"], "running"))


def test_unknown_actions_are_a_programming_error(places):
    _, people = places
    with pytest.raises(KeyError):
        access.can(people[H], "clock.delete")

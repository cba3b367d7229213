"""The case rules of gongkai.access as a table (role × department × state), checked
against ``can`` and ``scope``. Places as in applications' matrix: members of 天水市财政局
(own), 市环保局 / 市政府办 (sibling), 秦州区财政局 (child government), 陇南市财政局 (other);
the 公开办 member sits in 天水市人民政府办公室."""

from __future__ import annotations

import itertools

import pytest

from gongkai import access
from gongkai.services.models import Case, CaseState

from .case_helpers import matrix_case
from .helpers import complete_guide, item

pytestmark = pytest.mark.django_db

ANY = frozenset(CaseState.values)
HANDLING = frozenset({"pending", "correction", "review", "decided", "completed"})
REVIEW = frozenset({"review"})
NONE = frozenset()

#                                             own    sibling child  other  states
MATRIX = {
    "services.view_case": {
        "handler": (True, False, False, False, ANY),
        "reviewer": (True, False, False, False, ANY),
        "confidentiality": (False, False, False, False, NONE),
        "office": (True, True, True, False, ANY),
        "sysadmin": (False, False, False, False, NONE),
    },
    "services.register_case": {
        "handler": (True, False, False, False, ANY),
        "reviewer": (True, False, False, False, ANY),
        "confidentiality": (False, False, False, False, NONE),
        "office": (False, False, False, False, NONE),
        "sysadmin": (False, False, False, False, NONE),
    },
    "services.handle_case": {
        "handler": (True, False, False, False, HANDLING),
        "reviewer": (True, False, False, False, HANDLING),
        "confidentiality": (False, False, False, False, NONE),
        "office": (False, False, False, False, NONE),
        "sysadmin": (False, False, False, False, NONE),
    },
    "services.decide_case": {
        "handler": (False, False, False, False, NONE),
        "reviewer": (True, False, False, False, REVIEW),
        "confidentiality": (False, False, False, False, NONE),
        "office": (False, False, False, False, NONE),
        "sysadmin": (False, False, False, False, NONE),
    },
    "services.approve_extension": {
        "handler": (False, False, False, False, NONE),
        "reviewer": (True, False, False, False, REVIEW),
        "confidentiality": (False, False, False, False, NONE),
        "office": (False, False, False, False, NONE),
        "sysadmin": (False, False, False, False, NONE),
    },
}
ACTIONS = list(MATRIX)
ROLES = ["handler", "reviewer", "confidentiality", "office", "sysadmin"]
PLACES = ["own", "sibling", "child", "other"]


@pytest.fixture
def matrix_world(world):
    people = {
        "handler": world.handler_finance,
        "reviewer": world.reviewer_finance,
        "confidentiality": world.secrecy_finance,
        "office": world.office,
        "sysadmin": world.admin,
    }
    member_places = {
        "finance": {
            world.finance.pk: "own",
            world.environment.pk: "sibling",
            world.general_office.pk: "sibling",
            world.qinzhou_finance.pk: "child",
            world.longnan_finance.pk: "other",
        },
        "office": {
            world.general_office.pk: "own",
            world.finance.pk: "sibling",
            world.environment.pk: "sibling",
            world.qinzhou_finance.pk: "child",
            world.longnan_finance.pk: "other",
        },
    }
    departments = [
        world.finance,
        world.environment,
        world.general_office,
        world.qinzhou_finance,
        world.longnan_finance,
    ]
    guides = {}
    for department in departments:
        service = item(world, department=department)
        guides[department.pk] = (service, complete_guide(service))
    found = []
    for n, (department, state) in enumerate(itertools.product(departments, CaseState.values)):
        service, guide = guides[department.pk]
        found.append(matrix_case(service, guide, number=f"M{n:04d}", state=state))
    return people, member_places, found


def expected(action, role, place, state) -> bool:
    *reach, states = MATRIX[action][role]
    return dict(zip(PLACES, reach, strict=True))[place] and state in states


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_can_and_scope_follow_the_table(matrix_world, action, role):
    people, member_places, found = matrix_world
    user = people[role]
    places = member_places["office" if role in ("office", "sysadmin") else "finance"]
    allowed_by_table = set()
    for case in found:
        place = places[case.department_id]
        want = expected(action, role, place, case.state)
        assert access.can(user, action, case) == want, (action, role, place, case.state)
        if want:
            allowed_by_table.add(case.pk)
    if action == "services.register_case":
        return  # asked about an item, not a case: no state, no scope over cases
    scoped = set(access.scope(user, action, Case.objects.all()).values_list("pk", flat=True))
    assert scoped == allowed_by_table, (action, role)


def test_the_table_covers_every_case_rule():
    rules = {n for n in access.RULES if n.startswith("services.") and "case" in n}
    assert rules | {"services.approve_extension"} == set(MATRIX)

"""The rating rules of gongkai.access as a table (role × department × state) over
follow-ups, checked against ``can`` and ``scope``; places as in the case matrix."""

from __future__ import annotations

import itertools
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from gongkai import access
from gongkai.orgs.roles import Role
from gongkai.services.models import FollowUpState, Rating, RatingFollowUp
from gongkai.testing.factories import staff

from .case_helpers import MATRIX_DAY, matrix_case
from .helpers import complete_guide, item

pytestmark = pytest.mark.django_db

ANY = frozenset(FollowUpState.values)
FOLLOWING = frozenset({"callback", "rectifying"})
NONE = frozenset()

#                                      own    sibling child  other  states
MATRIX = {
    "services.view_ratings": {
        "handler": (True, False, False, False, ANY),
        "reviewer": (True, False, False, False, ANY),
        "confidentiality": (False, False, False, False, NONE),
        "office": (True, True, True, False, ANY),
        "supervisor": (True, True, True, False, ANY),
        "sysadmin": (False, False, False, False, NONE),
    },
    "services.follow_up_rating": {
        "handler": (True, False, False, False, FOLLOWING),
        "reviewer": (True, False, False, False, FOLLOWING),
        "confidentiality": (False, False, False, False, NONE),
        "office": (False, False, False, False, NONE),
        "supervisor": (False, False, False, False, NONE),
        "sysadmin": (False, False, False, False, NONE),
    },
}
PLACES = ["own", "sibling", "child", "other"]


@pytest.fixture
def matrix_world(world):
    supervisor = staff("supervisor_tianshui", (world.general_office, Role.SUPERVISOR))
    people = {
        "handler": world.handler_finance,
        "reviewer": world.reviewer_finance,
        "confidentiality": world.secrecy_finance,
        "office": world.office,
        "supervisor": supervisor,
        "sysadmin": world.admin,
    }
    finance_places = {
        world.finance.pk: "own",
        world.environment.pk: "sibling",
        world.general_office.pk: "sibling",
        world.qinzhou_finance.pk: "child",
        world.longnan_finance.pk: "other",
    }
    office_places = {**finance_places, world.general_office.pk: "own", world.finance.pk: "sibling"}
    departments = [
        world.finance,
        world.environment,
        world.general_office,
        world.qinzhou_finance,
        world.longnan_finance,
    ]
    found = []
    for n, (department, state) in enumerate(itertools.product(departments, FollowUpState.values)):
        service = item(world, department=department)
        case = matrix_case(service, complete_guide(service), number=f"R{n:04d}", state="completed")
        rating = Rating.objects.create(
            case=case,
            stage="completion",
            grade=1,
            channel="online",
            rated_at=datetime.combine(MATRIX_DAY, time(12), tzinfo=ZoneInfo("Asia/Shanghai")),
        )
        found.append(
            RatingFollowUp.objects.create(rating=rating, department=department, state=state)
        )
    return people, {"finance": finance_places, "office": office_places}, found


def expected(action, role, place, state) -> bool:
    *reach, states = MATRIX[action][role]
    return dict(zip(PLACES, reach, strict=True))[place] and state in states


@pytest.mark.parametrize("action", list(MATRIX))
@pytest.mark.parametrize(
    "role", ["handler", "reviewer", "confidentiality", "office", "supervisor", "sysadmin"]
)
def test_can_and_scope_follow_the_table(matrix_world, action, role):
    people, places_of, found = matrix_world
    user = people[role]
    places = places_of["office" if role in ("office", "supervisor", "sysadmin") else "finance"]
    allowed = set()
    for follow_up in found:
        place = places[follow_up.department_id]
        want = expected(action, role, place, follow_up.state)
        assert access.can(user, action, follow_up) == want, (action, role, place, follow_up.state)
        if want:
            allowed.add(follow_up.pk)
    scoped = access.scope(user, action, RatingFollowUp.objects.all())
    assert set(scoped.values_list("pk", flat=True)) == allowed, (action, role)


RECORDABLE = frozenset({"completed", "delivered"})
#                          own    sibling child  other  states (of the case)
RECORD = {
    "handler": (True, False, False, False, RECORDABLE),
    "reviewer": (True, False, False, False, RECORDABLE),
    "confidentiality": (False, False, False, False, NONE),
    "office": (False, False, False, False, NONE),
    "supervisor": (False, False, False, False, NONE),
    "sysadmin": (False, False, False, False, NONE),
}


@pytest.mark.parametrize("role", list(RECORD))
@pytest.mark.parametrize("state", ["review", "completed", "delivered"])
def test_recording_a_counter_rating_follows_the_table(matrix_world, role, state):
    people, places_of, found = matrix_world
    user = people[role]
    places = places_of["office" if role in ("office", "supervisor", "sysadmin") else "finance"]
    for follow_up in found[:: len(FollowUpState.values)]:
        case = follow_up.rating.case
        case.state = state
        *reach, states = RECORD[role]
        want = dict(zip(PLACES, reach, strict=True))[places[case.department_id]] and (
            state in states
        )
        assert access.can(user, "services.record_rating", case) == want, (role, state)


def test_the_table_covers_every_rating_rule():
    rules = {n for n in access.RULES if n.startswith("services.") and "rating" in n}
    assert rules == set(MATRIX) | {"services.record_rating"}

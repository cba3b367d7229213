"""The card rules of gongkai.access as a table (role × department × card state), with the
监察 (supervisor) role, checked against ``can`` and ``scope``. Places as in the cases'
matrix: members of 天水市财政局 (own), 市环保局 / 市政府办 (sibling), 秦州区财政局
(child government), 陇南市财政局 (other); the 公开办 member and the supervisor sit in
天水市人民政府办公室."""

from __future__ import annotations

import pytest

from gongkai import access
from gongkai.orgs.roles import Role
from gongkai.services.models import CardState, SupervisionCard
from gongkai.testing.factories import staff

from .case_helpers import MATRIX_DAY, matrix_case
from .helpers import complete_guide, item

pytestmark = pytest.mark.django_db

ANY = frozenset(CardState.values)
ISSUED = frozenset({"issued"})
OPEN = frozenset({"issued", "explained"})
NONE = frozenset()

#                                            own    sibling child  other  states
MATRIX = {
    "services.view_card": {
        "handler": (True, False, False, False, ANY),
        "reviewer": (True, False, False, False, ANY),
        "confidentiality": (False, False, False, False, NONE),
        "office": (True, True, True, False, ANY),
        "supervisor": (True, True, True, False, ANY),
        "sysadmin": (False, False, False, False, NONE),
    },
    "services.explain_card": {
        "handler": (True, False, False, False, ISSUED),
        "reviewer": (True, False, False, False, ISSUED),
        "confidentiality": (False, False, False, False, NONE),
        "office": (False, False, False, False, NONE),
        "supervisor": (False, False, False, False, NONE),
        "sysadmin": (False, False, False, False, NONE),
    },
    "services.judge_card": {
        "handler": (False, False, False, False, NONE),
        "reviewer": (False, False, False, False, NONE),
        "confidentiality": (False, False, False, False, NONE),
        "office": (False, False, False, False, NONE),
        "supervisor": (True, True, True, False, OPEN),
        "sysadmin": (False, False, False, False, NONE),
    },
}
ROLES = list(MATRIX["services.view_card"])
PLACES = ["own", "sibling", "child", "other"]


@pytest.fixture
def matrix_world(world):
    people = {
        "handler": world.handler_finance,
        "reviewer": world.reviewer_finance,
        "confidentiality": world.secrecy_finance,
        "office": world.office,
        "supervisor": staff("jiancha", (world.general_office, Role.SUPERVISOR)),
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
    found = []
    for n, department in enumerate(departments):
        service = item(world, department=department)
        case = matrix_case(service, complete_guide(service), number=f"K{n:04d}", state="review")
        for reason, state in zip(
            ["near_limit", "overdue_law", "overdue_promise", "outside_system"],
            CardState.values,
            strict=True,
        ):
            found.append(
                SupervisionCard.objects.create(
                    case=case,
                    department=department,
                    colour="red",
                    reason=reason,
                    issued_on=MATRIX_DAY,
                    state=state,
                )
            )
    return people, member_places, found


def expected(action, role, place, state) -> bool:
    *reach, states = MATRIX[action][role]
    return dict(zip(PLACES, reach, strict=True))[place] and state in states


@pytest.mark.parametrize("action", list(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_can_and_scope_follow_the_table(matrix_world, action, role):
    people, member_places, found = matrix_world
    user = people[role]
    places = member_places["office" if role in ("office", "supervisor", "sysadmin") else "finance"]
    allowed = set()
    for card in found:
        place = places[card.department_id]
        want = expected(action, role, place, card.state)
        assert access.can(user, action, card) == want, (action, role, place, card.state)
        if want:
            allowed.add(card.pk)
    scoped = set(
        access.scope(user, action, SupervisionCard.objects.all()).values_list("pk", flat=True)
    )
    assert scoped == allowed, (action, role)


def test_the_table_covers_every_card_rule():
    assert {n for n in access.RULES if n.endswith("_card")} == set(MATRIX)

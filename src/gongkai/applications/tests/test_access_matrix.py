"""The applications rules of gongkai.access as a table, checked against ``can`` and ``scope``.

Each row: role → (own, sibling, child-government, other-government department) and
the application states in which the action is allowed. Members of departments
sit in 天水市财政局 (own), 天水市环境保护局 / 市政府办 (sibling), 秦州区财政局
(a department of the county under 天水市: child) and 陇南市财政局 (other); the
公开办 member sits in 天水市人民政府办公室, so for it 市财政局 is a sibling.
"""

from __future__ import annotations

import itertools

import pytest

from gongkai import access
from gongkai.applications.models import Application, ApplicationState

pytestmark = pytest.mark.django_db

ANY = frozenset(ApplicationState.values)
HANDLING = frozenset({"in_progress", "awaiting_correction", "awaiting_fee", "replied"})
REVIEW = frozenset({"reply_review"})
EXTENDABLE = frozenset({"in_progress", "awaiting_correction", "awaiting_fee", "reply_review"})
AFTER_REPLY = frozenset({"replied", "closed"})
NONE = frozenset()

#                                         own    sibling child  other  states
MATRIX = {
    "applications.view": {
        "handler": (True, False, False, False, ANY),
        "reviewer": (True, False, False, False, ANY),
        "confidentiality": (True, False, False, False, ANY),
        "office": (True, True, True, False, ANY),
        "sysadmin": (False, False, False, False, NONE),
    },
    "applications.intake": {
        "handler": (True, False, False, False, ANY),
        "reviewer": (True, False, False, False, ANY),
        "confidentiality": (False, False, False, False, NONE),
        "office": (True, True, True, False, ANY),
        "sysadmin": (False, False, False, False, NONE),
    },
    "applications.handle": {
        "handler": (True, False, False, False, HANDLING),
        "reviewer": (True, False, False, False, HANDLING),
        "confidentiality": (False, False, False, False, NONE),
        "office": (False, False, False, False, NONE),
        "sysadmin": (False, False, False, False, NONE),
    },
    "applications.secrecy_review": {
        "handler": (False, False, False, False, NONE),
        "reviewer": (False, False, False, False, NONE),
        "confidentiality": (True, False, False, False, REVIEW),
        "office": (False, False, False, False, NONE),
        "sysadmin": (False, False, False, False, NONE),
    },
    "applications.approve_reply": {
        "handler": (False, False, False, False, NONE),
        "reviewer": (True, False, False, False, REVIEW),
        "confidentiality": (False, False, False, False, NONE),
        "office": (False, False, False, False, NONE),
        "sysadmin": (False, False, False, False, NONE),
    },
    "applications.approve_extension": {
        "handler": (False, False, False, False, NONE),
        "reviewer": (False, False, False, False, NONE),
        "confidentiality": (False, False, False, False, NONE),
        "office": (True, True, True, False, EXTENDABLE),
        "sysadmin": (False, False, False, False, NONE),
    },
    "applications.record_challenge": {
        "handler": (True, False, False, False, AFTER_REPLY),
        "reviewer": (True, False, False, False, AFTER_REPLY),
        "confidentiality": (False, False, False, False, NONE),
        "office": (True, True, True, False, AFTER_REPLY),
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
    applications = []
    for n, (department, state) in enumerate(
        itertools.product(departments, ApplicationState.values)
    ):
        applications.append(
            Application.objects.create(
                department=department,
                tracking_number=f"M{n:04d}",
                year=2026,
                password_hash="x",
                state=state,
                applicant_kind="natural",
                name="矩阵",
                id_type="resident_id",
                id_number="11010519491231002X",
                phone="13800000000",
                description="矩阵测试",
                channel="online",
                fingerprint=f"m{n}",
            )
        )
    return people, member_places, applications


def expected(action, role, place, state) -> bool:
    *reach, states = MATRIX[action][role]
    return dict(zip(PLACES, reach, strict=True))[place] and state in states


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_can_and_scope_follow_the_table(matrix_world, action, role):
    people, member_places, applications = matrix_world
    user = people[role]
    places = member_places["office" if role in ("office", "sysadmin") else "finance"]
    allowed_by_table = set()
    for application in applications:
        place = places[application.department_id]
        want = expected(action, role, place, application.state)
        got = access.can(user, action, application)
        assert got == want, (action, role, place, application.state)
        if want:
            allowed_by_table.add(application.pk)
    scoped = set(access.scope(user, action, Application.objects.all()).values_list("pk", flat=True))
    assert scoped == allowed_by_table, (action, role)


def test_the_table_covers_every_applications_rule():
    rules = {name for name in access.RULES if name.startswith("applications.")}
    assert rules - set(MATRIX) == {"applications.supervise"}

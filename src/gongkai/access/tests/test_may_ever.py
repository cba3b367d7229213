"""``access.may_ever``: the right person at the wrong moment, told apart from the wrong person."""

from types import SimpleNamespace

import pytest

from gongkai import access

pytestmark = pytest.mark.django_db


def reply_of(department, state):
    return SimpleNamespace(state=state, access_department=department)


def test_the_leader_may_approve_later_and_another_department_never(world):
    waiting = reply_of(world.finance, "reply_review")
    handling = reply_of(world.finance, "in_progress")
    elsewhere = reply_of(world.environment, "in_progress")
    leader = world.reviewer_finance

    assert access.can(leader, "applications.approve_reply", waiting)
    assert not access.can(leader, "applications.approve_reply", handling)
    assert access.may_ever(leader, "applications.approve_reply", handling)  # not now: a message
    assert not access.may_ever(leader, "applications.approve_reply", elsewhere)  # never: 403
    assert not access.may_ever(world.handler_finance, "applications.approve_reply", handling)


def test_an_unknown_action_is_an_error_not_a_refusal(world):
    with pytest.raises(KeyError, match="unknown action"):
        access.may_ever(world.reviewer_finance, "applications.teleport", None)

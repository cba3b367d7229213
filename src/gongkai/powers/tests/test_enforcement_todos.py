"""Unpublished decisions wait in the body's staff's 待办, the overdue ones flagged;
the page cache knows when a decision next leaves public view."""

from datetime import UTC, date, datetime

import pytest
from django.utils import timezone

from gongkai.powers.enforcement_setup import next_display_end
from gongkai.powers.services.decisions import publish_decision
from gongkai.powers.staff_todos import todos

from .enforcement_helpers import body, finance_powers, penalty

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _on_7_december_2026(today_is):
    """The dates below are written for this day, whatever day the suite runs on."""
    today_is(date(2026, 12, 7))


def test_unpublished_decisions_are_the_bodys_staffs_todos(world):
    licence, punish, inspect = finance_powers(world)
    own = body(world, powers=[licence, punish, inspect])
    overdue = penalty(world, own, punish, date(2026, 11, 2), number=1)
    fresh = penalty(world, own, punish, date(2026, 12, 4), number=2)
    published = penalty(world, own, punish, date(2026, 12, 4), number=3)
    publish_decision(published, actor=world.handler_finance)
    now = timezone.now()
    items = todos(world.handler_finance, world.finance, now=now, limit=10)
    assert [i.subject for i in items] == [
        f"{overdue.document_number} {overdue.case_name}（已超期）",
        f"{fresh.document_number} {fresh.case_name}",
    ]
    assert todos(world.handler_environment, world.environment, now=now, limit=10) == []


def test_the_next_display_end_is_a_time_boundary(world):
    licence, punish, inspect = finance_powers(world)
    own = body(world, powers=[licence, punish, inspect])
    now = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)
    assert next_display_end(now) is None
    decision = penalty(world, own, punish, date(2026, 2, 2))
    publish_decision(decision, actor=world.handler_finance, on=date(2026, 2, 3))
    moment = next_display_end(now)
    assert moment.date() == date(2027, 2, 3) and moment.hour == 0
    assert str(moment.tzinfo) == "Asia/Shanghai"

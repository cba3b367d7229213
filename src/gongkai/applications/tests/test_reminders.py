"""Reminders: once per application and point, to the assignee (or the handlers) and,
when overdue, to the disclosure office. Today is passed in: Fri 27 Nov 2026."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.applications import reminders, services
from gongkai.notices.models import Notice
from gongkai.workdays import add_working_days

from .helpers import received

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 27)


def due_on(world, due, **kw):
    return received(world.finance, add_working_days(due, -20), world.handler_finance, **kw)


def subjects_for(user):
    return sorted(Notice.objects.filter(recipient=user).values_list("subject", flat=True))


def test_each_point_is_reminded_once(world):
    late = due_on(world, date(2026, 11, 25), name="甲", description="甲的申请内容")
    today = due_on(world, TODAY, name="乙", description="乙的申请内容")
    soon = due_on(world, date(2026, 12, 2), name="丙", description="丙的申请内容")
    later = due_on(world, date(2026, 12, 3), name="丁", description="丁的申请内容")
    services.assign(late, assignee=world.reviewer_finance, actor=world.handler_finance)
    Notice.objects.all().delete()

    sent = reminders.send_reply_reminders(TODAY)
    assert sent == {"soon": 1, "today": 1, "overdue": 1}
    assert subjects_for(world.reviewer_finance) == [
        f"【答复已超期】{late.tracking_number}（2026-11-25到期）"
    ]
    # Unassigned ones go to the department's handlers.
    assert f"【答复期限今日届满】{today.tracking_number}（2026-11-27到期）" in subjects_for(
        world.handler_finance
    )
    assert f"【答复期限临近】{soon.tracking_number}（2026-12-02到期）" in subjects_for(
        world.handler_finance
    )
    assert not Notice.objects.filter(object_id=str(later.pk)).exists()
    # Overdue: the disclosure office above the agency is told as well.
    assert subjects_for(world.office) == [f"【答复已超期】{late.tracking_number}（2026-11-25到期）"]

    before = Notice.objects.count()
    assert reminders.send_reply_reminders(TODAY) == {"soon": 0, "today": 0, "overdue": 0}
    assert Notice.objects.count() == before


def test_a_replied_application_is_not_reminded(world):
    late = due_on(world, date(2026, 11, 25))
    services.submit_reply(
        late,
        outcome="unable.not_held",
        legal_basis="第三十六条第（四）项",
        reply_text="",
        actor=world.handler_finance,
        expected_version=late.version,
    )
    services.approve_reply(late, actor=world.reviewer_finance, on=date(2026, 11, 26))
    assert reminders.send_reply_reminders(TODAY) == {"soon": 0, "today": 0, "overdue": 0}


def test_correction_notice_limit_warned_one_working_day_before(world):
    # Received Thu 19 Nov: 7 working days end Mon 30 Nov, the next working day after the 27th.
    waiting = received(world.finance, date(2026, 11, 19), world.handler_finance, name="甲")
    corrected = received(
        world.finance,
        date(2026, 11, 19),
        world.handler_finance,
        name="乙",
        description="乙申请的信息",
    )
    assert waiting.correction_notice_by == date(2026, 11, 30)
    services.request_correction(
        corrected, what="请写明年份", actor=world.handler_finance, on=date(2026, 11, 20)
    )
    assert reminders.send_correction_warnings(date(2026, 11, 26)) == 0  # two working days before
    assert reminders.send_correction_warnings(TODAY) == 1
    assert reminders.send_correction_warnings(TODAY) == 0
    warned = Notice.objects.filter(subject__startswith="【补正告知期限临近】")
    assert {n.object_id for n in warned} == {str(waiting.pk)}
    # No handler assigned: every handler of the agency is warned.
    assert {n.recipient for n in warned} == {world.handler_finance, world.both}


def test_the_job_is_scheduled_at_half_past_eight():
    from gongkai.applications import jobs  # noqa: F401 - registers the schedule
    from gongkai.jobs.registry import SCHEDULES

    assert SCHEDULES["applications.reminders"].cron == "30 8 * * *"

"""Clocks: the one kind of object behind every statutory deadline (条例 Art. 30–33)."""

from datetime import date

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.core.errors import DomainError
from gongkai.workdays import CalendarMissing, add_working_days
from gongkai.workdays.clocks import (
    complete_clock,
    extend_clock,
    pause_clock,
    restart_clock,
    resume_clock,
    stop_clock,
)
from gongkai.workdays.models import Clock, ClockEvent, ClockEventError
from gongkai.workdays.recompute import mark_overdue_clocks


def _kinds(clock):
    return list(clock.events.order_by("id").values_list("kind", flat=True))


def test_reply_is_due_twenty_working_days_after_receipt(start, world):
    clock = start(date(2026, 9, 30))
    assert clock.due_date == date(2026, 11, 3)
    assert clock.state == "running"
    assert clock.subject == world.finance
    assert _kinds(clock) == ["start"]
    event = AuditEvent.objects.get(action="clock.start")
    assert event.actor == world.handler_finance and event.object_id == str(clock.pk)


def test_a_second_clock_for_the_same_stage_is_refused(start, world):
    start(date(2026, 3, 2), stage="reply")
    with pytest.raises(DomainError, match="已经开始计时"):
        start(date(2026, 3, 3), stage="reply")
    assert Clock.objects.for_subject(world.finance).count() == 1


def test_a_clock_whose_deadline_reaches_an_unloaded_year_runs_on_the_provisional_calendar(start):
    clock = start(date(2026, 12, 20))
    assert clock.due_date == date(2027, 1, 18)  # 元旦 projected, no 调休
    assert clock.provisional
    assert not start(date(2026, 11, 2)).provisional


def test_a_clock_before_the_first_loaded_year_cannot_start(start):
    with pytest.raises(CalendarMissing) as raised:
        start(date(2003, 12, 20))
    assert raised.value.year == 2003
    assert not Clock.objects.exists()


def test_pause_excludes_working_days_after_the_pause_day_through_the_resume_day(start, world):
    clock = start(date(2026, 3, 2))  # Monday; unpaused it is due Monday 30 March
    assert clock.due_date == date(2026, 3, 30)
    pause_clock(clock, on=date(2026, 3, 10), reason="征求第三方意见", actor=world.handler_finance)
    assert clock.state == "paused" and clock.due_date is None
    # Tuesday 10 March is still counted (day 6): 14 working days are left while paused.
    assert clock.working_days_left(date(2026, 3, 20)) == 14
    resume_clock(clock, on=date(2026, 3, 12), actor=world.handler_finance)
    # 11 and 12 March are not counted: two working days later.
    assert clock.due_date == date(2026, 4, 1)
    assert clock.state == "running"
    assert _kinds(clock) == ["start", "pause", "resume"]
    resume = clock.events.get(kind="resume")
    assert (resume.old_due, resume.new_due) == (None, date(2026, 4, 1))


def test_the_worked_example_of_the_operator_docs(start, world):
    clock = start(date(2026, 9, 30))
    assert clock.due_date == date(2026, 11, 3)
    pause_clock(clock, on=date(2026, 10, 8), reason="征求第三方意见", actor=world.handler_finance)
    resume_clock(clock, on=date(2026, 10, 13), actor=world.handler_finance)
    assert clock.due_date == date(2026, 11, 9)


def test_a_clock_cannot_be_paused_on_or_after_its_due_date(start, world):
    clock = start(date(2026, 3, 2), limit_days=3)
    with pytest.raises(DomainError, match="届满"):
        pause_clock(clock, on=clock.due_date, reason="征求第三方意见", actor=world.handler_finance)


def test_a_paused_clock_cannot_be_paused_again(start, world):
    clock = start(date(2026, 3, 2))
    pause_clock(clock, on=date(2026, 3, 4), reason="征求第三方意见", actor=world.handler_finance)
    with pytest.raises(DomainError, match="已暂停，不能暂停计时"):
        pause_clock(clock, on=date(2026, 3, 5), reason="再次", actor=world.handler_finance)


def test_extension_adds_approved_working_days(start, world):
    clock = start(date(2026, 9, 30))
    extend_clock(clock, days=20, reason="需要调取档案", approver=world.office)
    assert clock.due_date == add_working_days(date(2026, 11, 3), 20) == date(2026, 12, 1)
    event = clock.events.get(kind="extend")
    assert event.actor == world.office
    assert (event.old_due, event.new_due) == (date(2026, 11, 3), date(2026, 12, 1))


def test_extension_is_refused_the_second_time(start, world):
    clock = start(date(2026, 3, 2))
    extend_clock(clock, days=5, reason="需要调取档案", approver=world.office)
    with pytest.raises(DomainError, match="最多延长1次"):
        extend_clock(clock, days=5, reason="还需时间", approver=world.office)
    assert clock.extensions.count() == 1


def test_extension_over_twenty_working_days_is_refused(start, world):
    clock = start(date(2026, 3, 2))
    with pytest.raises(DomainError, match="合计最多延长20个工作日"):
        extend_clock(clock, days=21, reason="需要调取档案", approver=world.office)
    assert clock.due_date == date(2026, 3, 30)


def test_extension_is_refused_where_the_rule_allows_none(start, world):
    clock = start(date(2026, 3, 2), max_extensions=0, max_extension_days=0)
    with pytest.raises(DomainError, match="不得延长"):
        extend_clock(clock, days=1, reason="需要调取档案", approver=world.office)


def test_extension_is_refused_once_the_clock_is_finished_or_overdue(start, world):
    done = start(date(2026, 3, 2))
    complete_clock(done, on=date(2026, 3, 20), actor=world.handler_finance)
    with pytest.raises(DomainError, match="已于2026-03-20结束"):
        extend_clock(done, days=5, reason="需要调取档案", approver=world.office)
    late = start(date(2026, 3, 2))
    mark_overdue_clocks(date(2026, 4, 1))
    late.refresh_from_db()
    with pytest.raises(DomainError, match="已超期，不能延长时限"):
        extend_clock(late, days=5, reason="需要调取档案", approver=world.office)


def test_extension_while_paused_applies_when_the_clock_resumes(start, world):
    clock = start(date(2026, 3, 2))
    pause_clock(clock, on=date(2026, 3, 10), reason="征求第三方意见", actor=world.handler_finance)
    extend_clock(clock, days=10, reason="需要调取档案", approver=world.office)
    assert clock.due_date is None
    resume_clock(clock, on=date(2026, 3, 12), actor=world.handler_finance)
    assert clock.due_date == add_working_days(date(2026, 4, 1), 10)


def test_restart_after_correction_counts_afresh_from_the_day_the_correction_arrives(start, world):
    clock = start(date(2026, 3, 2))
    pause_clock(clock, on=date(2026, 3, 4), reason="一次性补正告知", actor=world.handler_finance)
    restart_clock(
        clock, on=date(2026, 3, 16), reason="收到补正后的申请", actor=world.handler_finance
    )
    assert clock.state == "running"
    assert clock.start_date == date(2026, 3, 2) and clock.restarted_on == date(2026, 3, 16)
    assert clock.due_date == add_working_days(date(2026, 3, 16), 20) == date(2026, 4, 14)
    assert clock.pauses.get().ends_on == date(2026, 3, 16)
    assert _kinds(clock) == ["start", "pause", "restart"]


def test_pauses_before_a_restart_no_longer_matter(start, world):
    clock = start(date(2026, 3, 2))
    pause_clock(clock, on=date(2026, 3, 4), reason="征求第三方意见", actor=world.handler_finance)
    resume_clock(clock, on=date(2026, 3, 11), actor=world.handler_finance)
    restart_clock(clock, on=date(2026, 3, 13), reason="收到补正", actor=world.handler_finance)
    assert clock.due_date == add_working_days(date(2026, 3, 13), 20)


def test_completing_on_the_due_date_meets_the_deadline(start, world):
    clock = start(date(2026, 9, 30))
    complete_clock(clock, on=date(2026, 11, 3), actor=world.handler_finance)
    assert (clock.state, clock.finished_on) == ("met", date(2026, 11, 3))
    assert clock.working_days_left(date(2026, 11, 27)) is None


def test_completing_after_the_due_date_leaves_the_clock_overdue(start, world):
    clock = start(date(2026, 9, 30))
    complete_clock(clock, on=date(2026, 11, 4), actor=world.handler_finance)
    assert (clock.state, clock.finished_on) == ("overdue", date(2026, 11, 4))
    assert clock.events.get(kind="complete").detail == {"on": "2026-11-04", "met": False}
    with pytest.raises(DomainError, match="已于2026-11-04结束"):
        complete_clock(clock, on=date(2026, 11, 5), actor=world.handler_finance)


def test_completing_while_paused_closes_the_pause(start, world):
    clock = start(date(2026, 3, 2))
    pause_clock(clock, on=date(2026, 3, 10), reason="征求第三方意见", actor=world.handler_finance)
    complete_clock(clock, on=date(2026, 4, 20), actor=world.handler_finance)
    # The pause ran to 20 April, so the deadline moved past it: met.
    assert clock.state == "met"
    assert clock.pauses.get().ends_on == date(2026, 4, 20)


def test_stopping_ends_the_clock_with_its_reason(start, world):
    clock = start(date(2026, 3, 2))
    stop_clock(clock, on=date(2026, 3, 5), reason="申请人撤回申请", actor=world.handler_finance)
    assert (clock.state, clock.finished_on) == ("stopped", date(2026, 3, 5))
    with pytest.raises(DomainError):
        resume_clock(clock, on=date(2026, 3, 6), actor=world.handler_finance)


def test_actions_refuse_dates_before_the_start(start, world):
    clock = start(date(2026, 3, 2))
    with pytest.raises(DomainError, match="早于起算日"):
        complete_clock(clock, on=date(2026, 3, 1), actor=world.handler_finance)


def test_mark_overdue_marks_running_clocks_past_their_due_date_once(start, world):
    late = start(date(2026, 3, 2))  # due 30 March
    on_time = start(date(2026, 3, 20))
    paused = start(date(2026, 3, 2))
    pause_clock(paused, on=date(2026, 3, 4), reason="征求第三方意见", actor=world.handler_finance)
    assert mark_overdue_clocks(date(2026, 3, 31)) == 1
    assert mark_overdue_clocks(date(2026, 3, 31)) == 0
    late.refresh_from_db()
    on_time.refresh_from_db()
    assert (late.state, late.finished_on) == ("overdue", None)
    assert on_time.state == "running"
    assert late.working_days_left(date(2026, 3, 31)) == -1
    assert list(Clock.objects.open().filter(state="overdue")) == [late]
    assert _kinds(late) == ["start", "overdue"]
    assert AuditEvent.objects.filter(action="clock.mark_overdue").count() == 1


def test_the_due_date_itself_is_not_yet_overdue(start):
    clock = start(date(2026, 3, 2))
    assert mark_overdue_clocks(clock.due_date) == 0


def test_an_overdue_clock_can_still_be_completed_late(start, world):
    clock = start(date(2026, 3, 2))
    mark_overdue_clocks(date(2026, 4, 1))
    clock.refresh_from_db()
    complete_clock(clock, on=date(2026, 4, 2), actor=world.handler_finance)
    assert (clock.state, clock.finished_on) == ("overdue", date(2026, 4, 2))


def test_clock_history_is_append_only(start):
    event = start(date(2026, 3, 2)).events.get()
    event.detail = {"changed": True}
    with pytest.raises(ClockEventError):
        event.save()


def test_the_scheduled_job_is_declared_in_code():
    from gongkai.jobs.registry import SCHEDULES
    from gongkai.workdays import jobs

    schedule = SCHEDULES["workdays.mark_overdue"]
    assert schedule.cron == "5 0 * * *"
    assert schedule.task is jobs.mark_overdue_clocks


def test_the_scheduled_job_marks_overdue_clocks(start, frozen_today):
    clock = start(date(2026, 3, 2))
    frozen_today(date(2026, 4, 1))
    from gongkai.workdays.jobs import mark_overdue_clocks as job

    assert job.call() == 1
    clock.refresh_from_db()
    assert clock.state == "overdue"


def test_events_record_the_acting_person(start, world):
    clock = start(date(2026, 3, 2))
    pause_clock(clock, on=date(2026, 3, 4), reason="征求第三方意见", actor=world.reviewer_finance)
    assert ClockEvent.objects.get(clock=clock, kind="pause").actor == world.reviewer_finance

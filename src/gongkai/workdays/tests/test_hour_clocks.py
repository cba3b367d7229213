"""Hour clocks (自然小时): 舆情回应's 5, 24 and 48 hours run on through nights, weekends
and holidays (国办发〔2016〕61号), need no holiday calendar, and are never paused."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from gongkai.core.errors import DomainError
from gongkai.workdays import CalendarMissing
from gongkai.workdays.clocks import (
    complete_clock,
    extend_clock,
    pause_clock,
    restart_clock,
    start_clock,
    start_hour_clock,
    stop_clock,
)
from gongkai.workdays.models import Clock, ClockUnit
from gongkai.workdays.recompute import mark_overdue_clocks, recompute_open_clocks

BEIJING = ZoneInfo("Asia/Shanghai")


def at(*parts) -> datetime:
    return datetime(*parts, tzinfo=BEIJING)


@pytest.fixture
def hours(world):
    counter = iter(range(1, 10_000))

    def start(started_at: datetime, limit_hours: int, stage: str = ""):
        return start_hour_clock(
            world.finance,
            stage=stage or f"respond-{next(counter)}",
            label="回应网民关切",
            department=world.finance,
            started_at=started_at,
            limit_hours=limit_hours,
            actor=world.handler_finance,
        )

    return start


def test_five_hours_from_late_evening_run_through_midnight_into_national_day(hours):
    clock = hours(at(2026, 9, 30, 22, 0), 5)
    assert clock.unit == ClockUnit.HOURS
    assert clock.due_at == at(2026, 10, 1, 3, 0)  # a holiday: counted all the same
    assert clock.due_date == date(2026, 10, 1) and clock.start_date == date(2026, 9, 30)
    assert clock.limit_days == 0 and not clock.provisional


def test_forty_eight_hours_across_the_spring_festival_are_forty_eight_hours(hours):
    clock = hours(at(2026, 2, 15, 20, 30), 48)  # 除夕's eve, the holiday's first day
    assert clock.due_at == at(2026, 2, 17, 20, 30)


def test_an_hour_clock_needs_no_holiday_calendar(hours, world):
    with pytest.raises(CalendarMissing):  # a working-day clock cannot start in 2003
        start_clock(
            world.finance,
            stage="reply",
            label="x",
            department=world.finance,
            start_date=date(2003, 12, 20),
            limit_days=20,
        )
    clock = hours(at(2003, 12, 31, 23, 0), 24)
    assert clock.due_at == at(2004, 1, 1, 23, 0)


def test_the_instant_is_kept_exactly_whatever_the_time_zone_it_was_given_in(hours):
    clock = hours(datetime(2026, 5, 3, 23, 30, tzinfo=ZoneInfo("UTC")), 5)
    assert clock.start_date == date(2026, 5, 4)  # 07:30 on 4 May in Beijing
    assert clock.due_at == at(2026, 5, 4, 12, 30)


def test_bad_starts_are_refused_in_chinese(hours):
    with pytest.raises(DomainError, match="至少为1小时"):
        hours(at(2026, 5, 4, 8, 0), 0)
    with pytest.raises(DomainError, match="必须带时区"):
        hours(datetime(2026, 5, 4, 8, 0), 5)
    hours(at(2026, 5, 4, 8, 0), 5, stage="respond")
    with pytest.raises(DomainError, match="已经开始计时"):
        hours(at(2026, 5, 4, 9, 0), 5, stage="respond")
    assert Clock.objects.count() == 1


def test_an_hour_clock_is_never_paused_extended_or_restarted(hours, world):
    clock = hours(at(2026, 5, 4, 8, 0), 24)
    actions = [
        lambda: pause_clock(clock, on=date(2026, 5, 4), reason="等待", actor=world.handler_finance),
        lambda: extend_clock(clock, days=1, reason="复杂", approver=world.handler_finance),
        lambda: restart_clock(
            clock, on=date(2026, 5, 4), reason="重来", actor=world.handler_finance
        ),
    ]
    for action in actions:
        with pytest.raises(DomainError, match="按自然小时计算") as refused:
            action()
        assert refused.value.code == "clock_unit"
    clock.refresh_from_db()
    assert clock.state == "running" and clock.due_at == at(2026, 5, 5, 8, 0)


def test_completed_at_the_due_instant_is_met_a_minute_later_is_late(hours, world):
    on_time = hours(at(2026, 5, 4, 8, 0), 5)
    complete_clock(on_time, at=at(2026, 5, 4, 13, 0), actor=world.handler_finance)
    assert (on_time.state, on_time.finished_at) == ("met", at(2026, 5, 4, 13, 0))
    assert on_time.finished_on == date(2026, 5, 4)
    late = hours(at(2026, 5, 4, 8, 0), 5)
    complete_clock(late, at=at(2026, 5, 4, 13, 1), actor=world.handler_finance)
    assert late.state == "overdue" and late.finished_on == date(2026, 5, 4)


def test_completion_needs_an_instant_after_the_start(hours, world):
    clock = hours(at(2026, 5, 4, 8, 0), 5)
    with pytest.raises(DomainError, match="完成的时刻"):
        complete_clock(clock, on=date(2026, 5, 4), actor=world.handler_finance)
    with pytest.raises(DomainError, match="早于起算时刻"):
        complete_clock(clock, at=at(2026, 5, 4, 7, 59), actor=world.handler_finance)
    clock.refresh_from_db()
    assert clock.state == "running"


def test_past_its_due_instant_an_hour_clock_is_marked_overdue_the_same_day(hours, start):
    due_soon = hours(at(2026, 12, 7, 4, 0), 5)  # due 09:00
    not_yet = hours(at(2026, 12, 7, 8, 0), 5)  # due 13:00
    days = start(date(2026, 12, 1))  # a working-day clock, due next year
    marked = mark_overdue_clocks(now=at(2026, 12, 7, 9, 1), units=(ClockUnit.HOURS,))
    assert marked == 1
    states = dict(Clock.objects.values_list("pk", "state"))
    assert states == {due_soon.pk: "overdue", not_yet.pk: "running", days.pk: "running"}
    assert mark_overdue_clocks(now=at(2026, 12, 7, 9, 2), units=(ClockUnit.HOURS,)) == 0


def test_the_five_minute_job_marks_hour_clocks_only(hours, start, world):
    from gongkai.jobs.registry import SCHEDULES
    from gongkai.workdays import jobs

    assert SCHEDULES["workdays.mark_overdue_hours"].cron == "*/5 * * * *"
    hour = hours(at(2026, 12, 6, 20, 0), 5)  # due 01:00 today; the test runs at 09:00
    day = start(date(2026, 10, 9))  # due in November: overdue by the date
    assert jobs.mark_overdue_hour_clocks.call() == 1
    hour.refresh_from_db(), day.refresh_from_db()
    assert (hour.state, day.state) == ("overdue", "running")


def test_a_calendar_recompute_leaves_hour_clocks_alone(hours, world):
    clock = hours(at(2026, 10, 1, 9, 0), 48)
    recompute_open_clocks(reason="节假日安排调整", actor=world.handler_finance)
    clock.refresh_from_db()
    assert clock.due_at == at(2026, 10, 3, 9, 0) and clock.events.count() == 1


def test_stopped_an_hour_clock_is_finished(hours, world):
    clock = hours(at(2026, 5, 4, 8, 0), 5)
    stop_clock(
        clock, on=date(2026, 5, 4), reason="事件已由上级统一回应", actor=world.handler_finance
    )
    assert clock.state == "stopped" and clock.time_left() is None


def test_explained_as_hours_not_days(hours):
    clock = hours(at(2026, 9, 30, 22, 0), 5)
    assert clock.explain() == []
    text = clock.explain_text()
    assert "起算时刻：2026-09-30 22:00；时限5小时" in text
    assert "到期时刻：2026-10-01 03:00" in text
    assert clock.time_left(at(2026, 10, 1, 2, 0)) == timedelta(hours=1)

"""The three lists of "我的工作", one query each.

Every list goes through the access policy (``access.scope(user, "clock.view",
...)``) before it is narrowed to the person or their current department, so
nobody sees a deadline they may not see elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import F, Q, QuerySet

from gongkai import access
from gongkai.workdays import CalendarMissing, add_working_days
from gongkai.workdays.models import Clock, ClockState

DUE_SOON_WORKING_DAYS = 3


def _visible(user) -> QuerySet[Clock]:
    return access.scope(user, "clock.view", Clock.objects.all()).select_related(
        "department", "assignee"
    )


def assigned_to_me(user) -> QuerySet[Clock]:
    """Open clocks (running, paused, overdue) assigned to ``user``, soonest first."""
    return (
        _visible(user)
        .filter(
            assignee=user,
            state__in=[ClockState.RUNNING, ClockState.PAUSED, ClockState.OVERDUE],
            finished_on__isnull=True,
        )
        .order_by(F("due_date").asc(nulls_last=True), "id")
    )


def due_soon(user, department, today: date) -> QuerySet[Clock]:
    """Running clocks of ``department`` due today or within the next 3 working days."""
    horizon = add_working_days(today, DUE_SOON_WORKING_DAYS)
    return (
        _visible(user)
        .filter(
            department=department,
            state=ClockState.RUNNING,
            finished_on__isnull=True,
            due_date__gte=today,
            due_date__lte=horizon,
        )
        .order_by("due_date", "id")
    )


def overdue(user, department, today: date) -> QuerySet[Clock]:
    """Overdue clocks of ``department``, including running ones past their due
    date that the nightly job has not marked yet."""
    return (
        _visible(user)
        .filter(department=department, finished_on__isnull=True)
        .filter(Q(state=ClockState.OVERDUE) | Q(state=ClockState.RUNNING, due_date__lt=today))
        .order_by("due_date", "id")
    )


@dataclass
class Row:
    clock: Clock
    days_left: int | None
    late: bool = False

    @property
    def overdue_days(self) -> int:
        """Working days past the due date (0 when it passed over a weekend or holiday)."""
        return -self.days_left if self.days_left is not None and self.days_left < 0 else 0


@dataclass
class Section:
    key: str
    title: str
    description: str
    rows: list[Row] = field(default_factory=list)
    problem: str = ""


def _rows(clocks, today: date) -> list[Row]:
    rows = []
    for clock in clocks:
        try:
            days_left = clock.working_days_left(today)
        except CalendarMissing:
            days_left = None
        late = clock.state == ClockState.OVERDUE or (
            clock.due_date is not None and clock.due_date < today
        )
        rows.append(Row(clock, days_left, late))
    return rows


def my_work(user, department, today: date) -> list[Section]:
    mine = Section("assigned", "指派给我", "指派给我本人、尚未办结的事项")
    mine.rows = _rows(assigned_to_me(user), today)
    soon = Section(
        "due-soon",
        "即将到期",
        f"本部门 {DUE_SOON_WORKING_DAYS} 个工作日内到期的事项",
    )
    late = Section("overdue", "已超期", "本部门已超过办理时限的事项")
    if department is None:
        soon.problem = late.problem = "您还没有任职部门，无法显示部门事项。请联系系统管理员。"
        return [mine, soon, late]
    try:
        soon.rows = _rows(due_soon(user, department, today), today)
    except CalendarMissing as missing:
        soon.problem = f"无法计算即将到期的事项：{missing}"
    late.rows = _rows(overdue(user, department, today), today)
    return [mine, soon, late]

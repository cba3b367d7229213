"""The three lists of deadlines of "我的工作", one query each.

Every list goes through the access policy (``access.scope(user, "clock.view",
...)``), so nobody sees a deadline they may not see elsewhere. 指派给我 holds
the person's own clocks; 即将到期 and 已超期 hold the clocks they answer for
in their current post (``member_of``): their department's, or for the 公开办
those of every department of its government and the governments under it.

``overdue`` is the one computation of "已超期" on the page: module cards that
show an overdue figure count it from the same queryset, so the card and the
panel cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from gongkai import access
from gongkai.access import Scope
from gongkai.orgs.roles import Role
from gongkai.workdays import CalendarMissing, add_working_days
from gongkai.workdays.models import Clock, ClockState, ClockUnit

DUE_SOON_WORKING_DAYS = 3


def _visible(user) -> QuerySet[Clock]:
    return access.scope(user, "clock.view", Clock.objects.all()).select_related(
        "department", "assignee"
    )


def in_post(user, department) -> QuerySet[Clock]:
    """Clocks ``user`` answers for in their post at ``department``."""
    return access.scope(
        user, "clock.view", Clock.objects.all(), member_of=department
    ).select_related("department", "assignee")


def reach_label(user, department) -> str:
    """Whose clocks ``in_post`` holds, in words: 本部门, or the 公开办's government tree."""
    rule = access.RULES["clock.view"]
    reaches = {
        rule.roles.get(Role(m.role))
        for m in access.memberships_of(user)
        if m.department_id == department.pk
    }
    if reaches & {Scope.TREE, Scope.ALL}:
        return f"{department.government.name}及下级政府各部门"
    return "本部门"


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
    """Running clocks of the post at ``department`` due today or within the next 3 working days."""
    horizon = add_working_days(today, DUE_SOON_WORKING_DAYS)
    return (
        in_post(user, department)
        .filter(
            state=ClockState.RUNNING,
            finished_on__isnull=True,
            due_date__gte=today,
            due_date__lte=horizon,
        )
        .order_by("due_date", "id")
    )


def overdue(user, department, today: date) -> QuerySet[Clock]:
    """Overdue clocks of the post at ``department``, including running ones past
    their due date that the nightly job has not marked yet."""
    return (
        in_post(user, department)
        .filter(finished_on__isnull=True)
        .filter(
            Q(state=ClockState.OVERDUE)
            | Q(state=ClockState.RUNNING, unit=ClockUnit.WORKING_DAYS, due_date__lt=today)
            | Q(state=ClockState.RUNNING, unit=ClockUnit.HOURS, due_at__lt=timezone.now())
        )
        .order_by("due_date", "id")
    )


@dataclass
class Row:
    clock: Clock
    days_left: int | None
    late: bool = False
    time_left: timedelta | None = None  # an hour clock's

    @property
    def soon(self) -> bool:
        """Due within 3 working days, or an hour clock within a quarter of its limit."""
        if self.time_left is not None:
            return self.time_left <= timedelta(hours=self.clock.limit_hours) / 4
        return self.days_left is not None and self.days_left <= DUE_SOON_WORKING_DAYS

    @property
    def hours_text(self) -> str:
        """An hour clock's time left, or past due, in hours and minutes."""
        if self.time_left is None:
            return ""
        minutes = abs(int(self.time_left.total_seconds())) // 60
        hours, minutes = divmod(minutes, 60)
        span = f"{hours}小时{minutes}分" if hours else f"{minutes}分钟"
        return f"已超时 {span}" if self.time_left.total_seconds() < 0 else f"还剩 {span}"

    @property
    def overdue_days(self) -> int:
        """Working days past the due date (0 when it passed over a weekend or holiday)."""
        return -self.days_left if self.days_left is not None and self.days_left < 0 else 0


@dataclass
class Section:
    key: str
    title: str
    description: str
    empty: str
    rows: list[Row] = field(default_factory=list)
    problem: str = ""


def _rows(clocks, today: date) -> list[Row]:
    rows, now = [], timezone.now()
    for clock in clocks:
        if clock.in_hours:
            left = clock.time_left(now)
            late = clock.state == ClockState.OVERDUE or (left is not None and left < timedelta())
            rows.append(Row(clock, None, late, left))
            continue
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
    mine = Section("assigned", "指派给我", "指派给我本人、尚未办结的事项", "没有指派给您的事项。")
    mine.rows = _rows(assigned_to_me(user), today)
    reach = reach_label(user, department) if department is not None else "本部门"
    soon = Section(
        "due-soon",
        "即将到期",
        f"{reach} {DUE_SOON_WORKING_DAYS} 个工作日内到期的事项",
        "没有即将到期的事项。",
    )
    late = Section("overdue", "已超期", f"{reach}已超过办理时限的事项", "没有超期的事项。")
    if department is None:
        soon.problem = late.problem = "您还没有任职部门，无法显示部门事项。请联系系统管理员。"
        return [mine, soon, late]
    try:
        soon.rows = _rows(due_soon(user, department, today), today)
    except CalendarMissing as missing:
        soon.problem = f"无法计算即将到期的事项：{missing}"
    late.rows = _rows(overdue(user, department, today), today)
    return [mine, soon, late]

"""督办 (supervision): reminders before and at the reply deadline, escalation after it,
and the 督办专报 (supervision bulletin) of a period.

Points, each sent once per reply clock (``SupervisionMark``):

* 临期提醒 — due within ``due_soon_days`` working days: the lead department's handlers;
* 到期提醒 — due today: the handlers again;
* 超期催办 — past due: the handlers and the board's office;
* 提请部门负责人督办 — ``escalate_after_days`` working days past due (default 0, the
  first day overdue): the lead department's leaders (审核人), and the message
  joins the office's supervision list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction

from gongkai.core.dates import cn_date
from gongkai.orgs.roles import Role
from gongkai.workdays import working_days_between
from gongkai.workdays.models import Clock

from .models import (
    InteractionRules,
    Message,
    Satisfaction,
    StepKind,
    SupervisionMark,
    SupervisionPoint,
)
from .services.common import add_step, notify_department, notify_office, today


def open_reply_clocks():
    return Clock.objects.open().filter(
        content_type=ContentType.objects.get_for_model(Message), stage__startswith="reply:"
    )


def _mark(message: Message, clock: Clock, point: str, on: date) -> bool:
    """Record the point; False if it was already recorded (then nothing is sent)."""
    try:
        with transaction.atomic():
            SupervisionMark.objects.create(message=message, clock=clock, point=point, on=on)
    except IntegrityError:
        return False
    return True


def _points_for(clock: Clock, rules: InteractionRules, on: date) -> list[str]:
    if clock.due_date is None:  # paused
        return []
    left = working_days_between(on, clock.due_date)
    if clock.due_date < on:
        points = [SupervisionPoint.OVERDUE]
        if -left >= rules.escalate_after_days:
            points.append(SupervisionPoint.ESCALATED)
        return points
    if clock.due_date == on:
        return [SupervisionPoint.DUE_TODAY]
    if left <= rules.due_soon_days:
        return [SupervisionPoint.DUE_SOON]
    return []


def supervise(on: date | None = None) -> dict[str, int]:
    """Send what is due today; safe to run twice (each point once per clock)."""
    on = on or today()
    sent = dict.fromkeys(SupervisionPoint.values, 0)
    clocks = open_reply_clocks().select_related("department")
    messages = Message.objects.select_related("channel__government").in_bulk(
        [int(c.object_id) for c in clocks]
    )
    rules_cache: dict[int, InteractionRules] = {}
    for clock in clocks:
        message = messages.get(int(clock.object_id))
        if message is None:
            continue
        gov_id = message.channel.government_id
        if gov_id not in rules_cache:  # one query per government, not one per clock
            rules_cache[gov_id] = InteractionRules.for_government(message.channel.government)
        rules = rules_cache[gov_id]
        for point in _points_for(clock, rules, on):
            if not _mark(message, clock, point, on):
                continue
            sent[point] += 1
            due = f"{cn_date(clock.due_date)}"
            with transaction.atomic():
                if point == SupervisionPoint.DUE_SOON:
                    notify_department(
                        message, clock.department, "留言临近答复期限", f"请于{due}前答复。"
                    )
                elif point == SupervisionPoint.DUE_TODAY:
                    notify_department(
                        message, clock.department, "留言今日到期", f"答复期限为今天（{due}）。"
                    )
                elif point == SupervisionPoint.OVERDUE:
                    notify_department(
                        message,
                        clock.department,
                        "留言已超期，请尽快答复",
                        f"答复期限为{due}，已超期。",
                    )
                    notify_office(
                        message, "留言超期", f"{clock.department.name}答复期限{due}已过。"
                    )
                else:
                    notify_department(
                        message,
                        clock.department,
                        "超期留言督办",
                        f"本部门承办的留言答复期限{due}已过，请部门负责人督促办理。",
                        roles=(Role.REVIEWER,),
                    )
                add_step(
                    message,
                    StepKind.ESCALATED
                    if point == SupervisionPoint.ESCALATED
                    else StepKind.REMINDED,
                    on=on,
                    text=f"{SupervisionPoint(point).label}（答复期限{due}）",
                    public=False,
                    department=clock.department,
                )
    return sent


def supervision_list(government, on: date | None = None):
    """The office's list: escalated messages whose reply clock is still open, by due date."""
    on = on or today()
    escalated = SupervisionMark.objects.filter(
        point=SupervisionPoint.ESCALATED,
        message__channel__government__path__startswith=government.path,
    ).values_list("clock_id", flat=True)
    return (
        open_reply_clocks()
        .filter(pk__in=escalated, due_date__lt=on)
        .select_related("department")
        .order_by("due_date", "id")
    )


@dataclass
class BulletinDepartment:
    department: object
    overdue: list = field(default_factory=list)  # (message, clock)
    unsatisfied: list = field(default_factory=list)  # messages


@dataclass
class Bulletin:
    government: object
    start: date
    end: date
    departments: list[BulletinDepartment]

    @property
    def overdue_count(self) -> int:
        return sum(len(d.overdue) for d in self.departments)

    @property
    def unsatisfied_count(self) -> int:
        return sum(len(d.unsatisfied) for d in self.departments)


def bulletin(government, start: date, end: date) -> Bulletin:
    """督办专报: per department, messages overdue at some point in [start, end] and
    messages rated 不满意 in it."""
    ct = ContentType.objects.get_for_model(Message)
    late = (
        Clock.objects.filter(
            content_type=ct,
            stage__startswith="reply:",
            department__government__path__startswith=government.path,
            due_date__gte=start,
            due_date__lte=end,
            state="overdue",
        )
        .select_related("department")
        .order_by("department__sort_order", "department_id", "due_date")
    )
    by_dept: dict[int, BulletinDepartment] = {}
    ids = [int(c.object_id) for c in late]
    messages = Message.objects.in_bulk(ids)
    for clock in late:
        entry = by_dept.setdefault(clock.department_id, BulletinDepartment(clock.department))
        entry.overdue.append((messages.get(int(clock.object_id)), clock))
    unsatisfied = (
        Message.objects.filter(
            satisfaction=Satisfaction.UNSATISFIED,
            rated_on__gte=start,
            rated_on__lte=end,
            lead_department__government__path__startswith=government.path,
        )
        .select_related("lead_department")
        .order_by("rated_on", "id")
    )
    for message in unsatisfied:
        entry = by_dept.setdefault(
            message.lead_department_id, BulletinDepartment(message.lead_department)
        )
        entry.unsatisfied.append(message)
    departments = sorted(
        by_dept.values(), key=lambda d: (-len(d.overdue) - len(d.unsatisfied), d.department.pk)
    )
    return Bulletin(government, start, end, departments)

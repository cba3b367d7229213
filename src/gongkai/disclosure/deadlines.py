"""条例 Art. 26: proactive information is published within 20 working days of
being formed or changed (信息形成或者变更之日起20个工作日内).

The deadline is a kernel clock (``gongkai.workdays.clocks``), stage ``publish``,
on the owning department, started when a proactive item records the date its
information was formed or changed; the day itself is not counted. Publication
completes the clock: published on or before the due date is on time, later is
``late_publication`` (counted by the supervision page and module).

If the date or the owning department changes before publication, the clock
follows: a later date restarts it (``restart_clock``); an earlier date or
another department stops it and starts a fresh one (stage ``publish-2`` …), so
history is never rewritten. An item that stops being proactive stops its clock.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from gongkai.workdays.clocks import complete_clock, restart_clock, start_clock, stop_clock
from gongkai.workdays.models import Clock

from .models import DisclosureAttribute, InformationItem

PUBLISH_LIMIT_WORKING_DAYS = 20  # 条例第二十六条
STAGE = "publish"


def _clocks(item: InformationItem):
    return Clock.objects.for_subject(item).filter(stage__startswith=STAGE)


def open_publish_clock(item: InformationItem) -> Clock | None:
    return _clocks(item).open().order_by("-id").first()


def _next_stage(item: InformationItem) -> str:
    used = _clocks(item).count()
    return STAGE if used == 0 else f"{STAGE}-{used + 1}"


def _start(item: InformationItem, *, actor) -> Clock:
    return start_clock(
        item,
        stage=_next_stage(item),
        label=f"主动公开：{item.title}",
        department=item.department,
        start_date=item.formed_or_changed_on,
        limit_days=PUBLISH_LIMIT_WORKING_DAYS,
        assignee=item.created_by,
        url=item.get_workbench_url(),
        actor=actor,
    )


def _stop(clock: Clock, reason: str, *, actor) -> None:
    on = max(timezone.localdate(), clock.counting_from)
    stop_clock(clock, on=on, reason=reason, actor=actor)


def sync_publish_clock(item: InformationItem, *, actor) -> Clock | None:
    """Make the item's Art. 26 clock match its attribute, date and department.

    Call inside the transaction that saved the item; sets ``publish_due_on``.
    """
    wanted = (
        item.disclosure_attribute == DisclosureAttribute.PROACTIVE
        and item.formed_or_changed_on is not None
    )
    clock = open_publish_clock(item)
    if not wanted:
        if clock is not None:
            _stop(
                clock, "该信息不再属于需按期主动公开的信息（公开属性或形成日期已变更）", actor=actor
            )
        clock = None
    elif clock is None:
        clock = _start(item, actor=actor)
    elif clock.department_id != item.department_id:
        _stop(clock, f"主办机构变更为{item.department}，重新计时", actor=actor)
        clock = _start(item, actor=actor)
    elif clock.counting_from != item.formed_or_changed_on:
        new_date = item.formed_or_changed_on
        reason = f"信息形成或变更日期更正为{new_date:%Y-%m-%d}"
        if new_date > clock.counting_from:
            clock = restart_clock(clock, on=new_date, reason=reason, actor=actor)
        else:
            _stop(clock, reason + "，重新计时", actor=actor)
            clock = _start(item, actor=actor)
    due = clock.due_date if clock is not None else None
    if item.publish_due_on != due:
        item.publish_due_on = due
        InformationItem.objects.filter(pk=item.pk).update(publish_due_on=due)
    return clock


def complete_publish_clock(item: InformationItem, *, on: date, actor) -> bool:
    """Finish the clock at publication on ``on``; True when that is late (Art. 26)."""
    clock = open_publish_clock(item)
    if clock is None:
        return False
    clock = complete_clock(clock, on=on, actor=actor)
    return clock.state == "overdue"

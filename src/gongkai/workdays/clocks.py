"""Actions on clocks: the one kind of object behind every statutory deadline.

Rules (the counting itself is in ``counting.py``; docs/calendar.md for operators):

* ``start_clock``: counting starts the day after ``start_date`` (e.g. the day of
  receipt, 条例 Art. 31); due date = the day ``limit_days`` working days are
  reached (Art. 33: 20).
* ``pause_clock`` / ``resume_clock``: a pause from P to R excludes the working
  days in (P, R] (Art. 33: time spent consulting third parties is not counted).
  While paused the due date is empty.
* ``extend_clock``: adds working days (Art. 33: once, at most 20 working days
  in total). Refused when ``max_extensions`` are used up, when the days would
  exceed ``max_extension_days`` in total, or unless the clock is running or paused.
* ``restart_clock``: counting starts afresh from the restart day (Art. 30: the
  reply period runs from receipt of the corrected application); earlier pauses
  no longer matter, approved extensions stay, history stays.
* ``complete_clock``: finished on ``on``; ``met`` if on or before the due date,
  otherwise ``overdue`` with ``finished_on`` set.
* ``stop_clock``: the matter ended without the deadline being due (withdrawn,
  abandoned…).
* ``start_hour_clock``: a clock of calendar hours (自然小时) from an instant, e.g.
  舆情回应 within 5, 24 or 48 hours: it runs on through nights, weekends and holidays,
  needs no holiday calendar, and is never paused, extended or restarted; it is
  completed at an instant (``complete_clock(at=…)``), met when at or before its due
  instant.
* ``mark_overdue_clocks``: running clocks past their due date (an hour clock: its due
  instant) become ``overdue``.
* ``recompute_open_clocks``: after a calendar change, every open clock's due
  date is computed again; a clock whose due date moves gets an event.

Every action has the same shape: lock the row in ``transaction.atomic()`` →
check the guard (``DomainError`` with a Chinese sentence) → save with
``update_fields`` → ``ClockEvent`` + audit event. The caller's instance is
refreshed afterwards.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from gongkai.audit.services import record
from gongkai.core.errors import DomainError

from .counting import compute_due
from .engine import get_engine
from .models import (
    Clock,
    ClockEvent,
    ClockEventKind,
    ClockExtension,
    ClockPause,
    ClockState,
    ClockUnit,
)
from .recompute import mark_overdue_clocks, recompute_open_clocks

__all__ = [
    "TRANSITIONS",
    "complete_clock",
    "extend_clock",
    "mark_overdue_clocks",
    "pause_clock",
    "recompute_open_clocks",
    "restart_clock",
    "resume_clock",
    "start_clock",
    "start_hour_clock",
    "stop_clock",
]

RUNNING, PAUSED, OVERDUE = ClockState.RUNNING, ClockState.PAUSED, ClockState.OVERDUE

# action: (Chinese name, states it may be taken from, next state)
TRANSITIONS: dict[str, tuple[str, frozenset[str], str | None]] = {
    "pause": ("暂停计时", frozenset({RUNNING}), PAUSED),
    "resume": ("恢复计时", frozenset({PAUSED}), RUNNING),
    "extend": ("延长时限", frozenset({RUNNING, PAUSED}), None),  # state unchanged
    "restart": ("重新计时", frozenset({RUNNING, PAUSED, OVERDUE}), RUNNING),
    "complete": ("办结", frozenset({RUNNING, PAUSED, OVERDUE}), None),  # met or overdue
    "stop": ("终止计时", frozenset({RUNNING, PAUSED, OVERDUE}), ClockState.STOPPED),
}


# What an hour clock never does: it counts every hour from its start to its due instant.
NOT_FOR_HOURS = frozenset({"pause", "resume", "extend", "restart"})


def _guard(clock: Clock, action: str) -> None:
    name, allowed, _ = TRANSITIONS[action]
    if clock.in_hours and action in NOT_FOR_HOURS:
        raise DomainError(
            f"“{clock.label}”的时限按自然小时计算（夜间、休息日和节假日照常计时），不能{name}。",
            code="clock_unit",
        )
    if clock.finished_on is not None:
        raise DomainError(
            f"“{clock.label}”的时限已于{clock.finished_on:%Y-%m-%d}结束"
            f"（{clock.get_state_display()}），不能再{name}。",
            code="clock_finished",
        )
    if clock.state not in allowed:
        raise DomainError(
            f"“{clock.label}”的时限{clock.get_state_display()}，不能{name}。", code="clock_state"
        )


def _not_before(on: date, limit: date, what: str) -> None:
    if on < limit:
        raise DomainError(f"日期{on:%Y-%m-%d}早于{what}{limit:%Y-%m-%d}。", code="clock_date")


def _locked(clock: Clock) -> Clock:
    return Clock.objects.select_for_update().get(pk=clock.pk)


def _snapshot(clock: Clock) -> dict:
    if clock.in_hours:
        return {
            "state": clock.state,
            "started_at": clock.started_at,
            "limit_hours": clock.limit_hours,
            "due_at": clock.due_at,
        }
    return {
        "state": clock.state,
        "due_date": clock.due_date,
        "counting_from": clock.counting_from,
        "limit_days": clock.limit_days,
    }


def _due(clock: Clock) -> date | None:
    return compute_due(get_engine(), clock.counting_from, clock.target_days(), clock.pause_spans())


def _open_pause(clock: Clock) -> ClockPause | None:
    return clock.pauses.filter(ends_on__isnull=True).order_by("-starts_on").first()


def _write(
    clock: Clock,
    kind: str,
    *,
    actor,
    before: dict,
    old_due: date | None,
    fields: list[str],
    detail: dict | None = None,
) -> None:
    clock.save(update_fields=[*fields, "updated_at"])
    ClockEvent.objects.create(
        clock=clock,
        kind=kind,
        detail=detail or {},
        old_due=old_due,
        new_due=clock.due_date,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )
    record(
        f"clock.{kind}",
        actor=actor,
        obj=clock,
        before=before,
        after={**_snapshot(clock), **(detail or {})},
    )


def start_clock(
    subject: models.Model,
    *,
    stage: str,
    label: str,
    department,
    start_date: date,
    limit_days: int,
    max_extensions: int = 0,
    max_extension_days: int = 0,
    assignee=None,
    url: str = "",
    actor=None,
) -> Clock:
    """Start counting ``limit_days`` working days after ``start_date`` for ``subject`` at ``stage``.

    Raises ``CalendarMissing`` (a ``DomainError``) when the due date would fall
    in a year whose holiday arrangement is not loaded yet.
    """
    if subject.pk is None:
        raise DomainError("对象尚未保存，不能开始计时。")
    if limit_days < 1:
        raise DomainError("时限至少为1个工作日。", code="clock_limit")
    content_type = ContentType.objects.get_for_model(subject)
    due = compute_due(get_engine(), start_date, limit_days, [])
    with transaction.atomic():
        if Clock.objects.filter(
            content_type=content_type, object_id=str(subject.pk), stage=stage
        ).exists():
            raise DomainError(
                f"“{label}”的该环节（{stage}）已经开始计时；如需重新起算，请使用重新计时。",
                code="clock_exists",
            )
        clock = Clock.objects.create(
            content_type=content_type,
            object_id=str(subject.pk),
            stage=stage,
            label=label[:200],
            url=url,
            department=department,
            assignee=assignee,
            start_date=start_date,
            limit_days=limit_days,
            max_extensions=max_extensions,
            max_extension_days=max_extension_days,
            due_date=due,
            state=RUNNING,
        )
        ClockEvent.objects.create(
            clock=clock,
            kind=ClockEventKind.START,
            detail={"start_date": start_date.isoformat(), "limit_days": limit_days},
            new_due=due,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
        )
        record("clock.start", actor=actor, obj=clock, after=_snapshot(clock))
    return clock


def start_hour_clock(
    subject: models.Model,
    *,
    stage: str,
    label: str,
    department,
    started_at: datetime,
    limit_hours: int,
    assignee=None,
    url: str = "",
    actor=None,
) -> Clock:
    """Start counting ``limit_hours`` calendar hours from the instant ``started_at``.

    The due instant is ``started_at`` plus the hours, whatever nights, weekends or
    holidays lie between (国办发〔2016〕61号 counts 舆情回应 in hours from the moment the
    event is known); no holiday calendar is needed, so a year not loaded yet is no
    obstacle. Its ``due_date`` is the due instant's day in Beijing.
    """
    if subject.pk is None:
        raise DomainError("对象尚未保存，不能开始计时。")
    if limit_hours < 1:
        raise DomainError("时限至少为1小时。", code="clock_limit")
    if timezone.is_naive(started_at):
        raise DomainError("起算时刻必须带时区。", code="clock_date")
    content_type = ContentType.objects.get_for_model(subject)
    due_at = started_at + timedelta(hours=limit_hours)
    with transaction.atomic():
        if Clock.objects.filter(
            content_type=content_type, object_id=str(subject.pk), stage=stage
        ).exists():
            raise DomainError(f"“{label}”的该环节（{stage}）已经开始计时。", code="clock_exists")
        clock = Clock.objects.create(
            content_type=content_type,
            object_id=str(subject.pk),
            stage=stage,
            label=label[:200],
            url=url,
            department=department,
            assignee=assignee,
            unit=ClockUnit.HOURS,
            start_date=timezone.localdate(started_at),
            started_at=started_at,
            limit_days=0,
            limit_hours=limit_hours,
            due_at=due_at,
            due_date=timezone.localdate(due_at),
            state=RUNNING,
        )
        ClockEvent.objects.create(
            clock=clock,
            kind=ClockEventKind.START,
            detail={"started_at": started_at.isoformat(), "limit_hours": limit_hours},
            new_due=clock.due_date,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
        )
        record("clock.start", actor=actor, obj=clock, after=_snapshot(clock))
    return clock


def pause_clock(clock: Clock, *, on: date, reason: str, actor) -> Clock:
    """Stop counting after ``on`` (``on`` itself still counts), e.g. while a third party is consulted."""
    if not reason.strip():
        raise DomainError("请填写暂停计时的原因。", code="clock_reason")
    with transaction.atomic():
        locked = _locked(clock)
        _guard(locked, "pause")
        _not_before(on, locked.counting_from, "起算日")
        last_end = locked.pauses.aggregate(m=models.Max("ends_on"))["m"]
        if last_end is not None:
            _not_before(on, last_end, "上次恢复计时日")
        if locked.due_date is not None and on >= locked.due_date:
            raise DomainError(
                f"时限已于{locked.due_date:%Y-%m-%d}届满，不能在{on:%Y-%m-%d}暂停计时。",
                code="clock_due",
            )
        before, old_due = _snapshot(locked), locked.due_date
        ClockPause.objects.create(clock=locked, starts_on=on, reason=reason.strip()[:200])
        locked.state, locked.due_date = PAUSED, None
        _write(
            locked,
            ClockEventKind.PAUSE,
            actor=actor,
            before=before,
            old_due=old_due,
            fields=["state", "due_date"],
            detail={"on": on.isoformat(), "reason": reason.strip()},
        )
    clock.refresh_from_db()
    return clock


def resume_clock(clock: Clock, *, on: date, actor) -> Clock:
    """Count again from the day after ``on``."""
    with transaction.atomic():
        locked = _locked(clock)
        _guard(locked, "resume")
        pause = _open_pause(locked)
        if pause is None:  # pragma: no cover - a paused clock always has an open pause
            raise DomainError("没有进行中的暂停。")
        _not_before(on, pause.starts_on, "暂停日")
        pause.ends_on = on
        pause.save(update_fields=["ends_on"])
        before, old_due = _snapshot(locked), locked.due_date
        locked.due_date = _due(locked)
        locked.state = RUNNING
        _write(
            locked,
            ClockEventKind.RESUME,
            actor=actor,
            before=before,
            old_due=old_due,
            fields=["state", "due_date"],
            detail={"on": on.isoformat(), "paused_since": pause.starts_on.isoformat()},
        )
    clock.refresh_from_db()
    return clock


def extend_clock(clock: Clock, *, days: int, reason: str, approver) -> Clock:
    """Add ``days`` working days, approved by ``approver`` (Art. 33: head of the disclosure office)."""
    if days < 1:
        raise DomainError("延长的时限至少为1个工作日。", code="clock_extension")
    if not reason.strip():
        raise DomainError("请填写延长时限的理由。", code="clock_reason")
    with transaction.atomic():
        locked = _locked(clock)
        _guard(locked, "extend")
        granted = list(locked.extensions.values_list("days", flat=True))
        if locked.max_extensions == 0:
            raise DomainError("该时限依规定不得延长。", code="clock_extension")
        if len(granted) >= locked.max_extensions:
            raise DomainError(
                f"该时限最多延长{locked.max_extensions}次，已经延长过"
                f"{len(granted)}次（共{sum(granted)}个工作日），不能再延长。",
                code="clock_extension",
            )
        if sum(granted) + days > locked.max_extension_days:
            left = locked.max_extension_days - sum(granted)
            raise DomainError(
                f"延长{days}个工作日超过上限：该时限合计最多延长"
                f"{locked.max_extension_days}个工作日，还可延长{left}个工作日。",
                code="clock_extension",
            )
        before, old_due = _snapshot(locked), locked.due_date
        ClockExtension.objects.create(
            clock=locked, days=days, reason=reason.strip()[:500], approver=approver
        )
        if locked.state == RUNNING:
            locked.due_date = _due(locked)
        _write(
            locked,
            ClockEventKind.EXTEND,
            actor=approver,
            before=before,
            old_due=old_due,
            fields=["due_date"],
            detail={"days": days, "reason": reason.strip()},
        )
    clock.refresh_from_db()
    return clock


def restart_clock(clock: Clock, *, on: date, reason: str, actor) -> Clock:
    """Count afresh from the day after ``on`` (e.g. the corrected application was received)."""
    with transaction.atomic():
        locked = _locked(clock)
        _guard(locked, "restart")
        _not_before(on, locked.counting_from, "起算日")
        pause = _open_pause(locked)
        if pause is not None:
            _not_before(on, pause.starts_on, "暂停日")
            pause.ends_on = on
            pause.save(update_fields=["ends_on"])
        before, old_due = _snapshot(locked), locked.due_date
        locked.restarted_on = on
        locked.state = RUNNING
        locked.due_date = _due(locked)
        _write(
            locked,
            ClockEventKind.RESTART,
            actor=actor,
            before=before,
            old_due=old_due,
            fields=["restarted_on", "state", "due_date"],
            detail={"on": on.isoformat(), "reason": reason},
        )
    clock.refresh_from_db()
    return clock


def complete_clock(
    clock: Clock, *, on: date | None = None, at: datetime | None = None, actor
) -> Clock:
    """Finish on ``on``: ``met`` if on or before the due date, else ``overdue`` (finished late).

    An hour clock is finished at the instant ``at``: ``met`` if at or before its due
    instant.
    """
    if clock.in_hours:
        return _complete_hours(clock, at=at, actor=actor)
    if on is None:
        on = timezone.localdate(at) if at is not None else None
    if on is None:
        raise DomainError("请填写办结日期。", code="clock_date")
    with transaction.atomic():
        locked = _locked(clock)
        _guard(locked, "complete")
        _not_before(on, locked.counting_from, "起算日")
        before, old_due = _snapshot(locked), locked.due_date
        pause = _open_pause(locked)
        if pause is not None:
            _not_before(on, pause.starts_on, "暂停日")
            pause.ends_on = on
            pause.save(update_fields=["ends_on"])
            locked.due_date = _due(locked)
        met = locked.due_date is not None and on <= locked.due_date
        locked.state = ClockState.MET if met else OVERDUE
        locked.finished_on = on
        _write(
            locked,
            ClockEventKind.COMPLETE,
            actor=actor,
            before=before,
            old_due=old_due,
            fields=["state", "due_date", "finished_on"],
            detail={"on": on.isoformat(), "met": met},
        )
    clock.refresh_from_db()
    return clock


def _complete_hours(clock: Clock, *, at: datetime | None, actor) -> Clock:
    if at is None or timezone.is_naive(at):
        raise DomainError("请填写完成的时刻（带时区）。", code="clock_date")
    with transaction.atomic():
        locked = _locked(clock)
        _guard(locked, "complete")
        if at < locked.started_at:
            raise DomainError(
                f"时刻{timezone.localtime(at):%Y-%m-%d %H:%M}早于起算时刻"
                f"{timezone.localtime(locked.started_at):%Y-%m-%d %H:%M}。",
                code="clock_date",
            )
        before, old_due = _snapshot(locked), locked.due_date
        met = at <= locked.due_at
        locked.state = ClockState.MET if met else OVERDUE
        locked.finished_on, locked.finished_at = timezone.localdate(at), at
        _write(
            locked,
            ClockEventKind.COMPLETE,
            actor=actor,
            before=before,
            old_due=old_due,
            fields=["state", "finished_on", "finished_at"],
            detail={"at": at.isoformat(), "met": met},
        )
    clock.refresh_from_db()
    return clock


def stop_clock(clock: Clock, *, on: date, reason: str, actor) -> Clock:
    """End the clock without completing it (withdrawn, abandoned, referred elsewhere…)."""
    if not reason.strip():
        raise DomainError("请填写终止计时的原因。", code="clock_reason")
    with transaction.atomic():
        locked = _locked(clock)
        _guard(locked, "stop")
        _not_before(on, locked.counting_from, "起算日")
        pause = _open_pause(locked)
        if pause is not None:
            _not_before(on, pause.starts_on, "暂停日")
            pause.ends_on = on
            pause.save(update_fields=["ends_on"])
        before, old_due = _snapshot(locked), locked.due_date
        locked.state = ClockState.STOPPED
        locked.finished_on = on
        _write(
            locked,
            ClockEventKind.STOP,
            actor=actor,
            before=before,
            old_due=old_due,
            fields=["state", "finished_on"],
            detail={"on": on.isoformat(), "reason": reason.strip()},
        )
    clock.refresh_from_db()
    return clock

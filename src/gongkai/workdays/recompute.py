"""Actions on many clocks at once: marking overdue clocks and recomputing after a calendar change.

Both work in bulk: a few queries per batch of clocks, never one per clock, so
that 100,000 open clocks are handled in seconds (``benchmarks/workdays.py``).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import date

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from gongkai.audit.services import record

from .counting import compute_due
from .engine import get_engine
from .errors import CalendarMissing
from .models import (
    OPEN_STATES,
    Clock,
    ClockEvent,
    ClockEventKind,
    ClockExtension,
    ClockPause,
    ClockState,
)

logger = logging.getLogger(__name__)

BATCH = 2000  # clocks read per query
UPDATE_CHUNK = 500  # ids per UPDATE … WHERE id IN (…)


def _chunks(items: list, size: int):
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _actor_or_none(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def mark_overdue_clocks(today: date | None = None) -> int:
    """Running clocks whose due date has passed become ``overdue``; returns how many.

    The rows are claimed with ``select_for_update(skip_locked=True)`` (PostgreSQL;
    SQLite serialises writers) and changed by a conditional UPDATE
    (``state = running AND due_date < today``), so running the job twice, or in
    two workers, marks each clock once. Each clock gets an ``overdue`` event;
    one audit event sums the run up.
    """
    today = today or timezone.localdate()
    now = timezone.now()
    with transaction.atomic():
        due = list(
            Clock.objects.select_for_update(skip_locked=True)
            .filter(state=ClockState.RUNNING, due_date__lt=today, finished_on__isnull=True)
            .order_by("id")
            .values_list("id", "due_date")
        )
        if not due:
            return 0
        marked = 0
        for chunk in _chunks(due, UPDATE_CHUNK):
            marked += Clock.objects.filter(
                id__in=[cid for cid, _ in chunk],
                state=ClockState.RUNNING,
                due_date__lt=today,
                finished_on__isnull=True,
            ).update(state=ClockState.OVERDUE, updated_at=now)
        ClockEvent.objects.bulk_create(
            (
                ClockEvent(
                    clock_id=cid,
                    at=now,
                    kind=ClockEventKind.OVERDUE,
                    detail={"today": today.isoformat()},
                    old_due=due_date,
                    new_due=due_date,
                )
                for cid, due_date in due
            ),
            batch_size=1000,
        )
        record(
            "clock.mark_overdue",
            object_type="workdays.clock",
            object_repr=f"{marked}个时限超期",
            after={"today": today, "count": marked, "clock_ids": [cid for cid, _ in due[:200]]},
        )
    return marked


def recompute_open_clocks(*, reason: str, actor=None, today: date | None = None) -> int:
    """Compute the due date of every open clock again, after a calendar change.

    Open: running, paused or overdue and not finished. Paused clocks keep an
    empty due date. An overdue clock whose new due date has not passed returns
    to ``running``; a running clock whose new due date has passed becomes
    ``overdue``. Only clocks whose due date or state changes get a ``recompute``
    event; one audit event sums the run up (examined, changed, failed).
    A clock whose dates now fall in a year without calendar data keeps its old
    due date and is counted as failed (and logged).

    The clocks are read in batches with their pauses and extension totals
    (three queries per batch); the changes are written as one UPDATE per
    (new due date, new state) group and id chunk: far fewer statements than
    ``bulk_update``'s CASE per row, since many clocks share a due date.
    Returns the number of clocks changed.
    """
    today = today or timezone.localdate()
    engine = get_engine()
    now = timezone.now()
    actor_id = _actor_or_none(actor).pk if _actor_or_none(actor) else None
    examined = changed = failed = 0
    failed_years: set[int] = set()
    moved_ids: list[int] = []
    with transaction.atomic():
        last_id = 0
        while True:
            batch = list(
                Clock.objects.select_for_update()
                .filter(id__gt=last_id, state__in=OPEN_STATES, finished_on__isnull=True)
                .order_by("id")
                .values_list("id", "start_date", "restarted_on", "limit_days", "due_date", "state")[
                    :BATCH
                ]
            )
            if not batch:
                break
            last_id = batch[-1][0]
            ids = [row[0] for row in batch]
            pauses: dict[int, list] = defaultdict(list)
            for cid, starts_on, ends_on in ClockPause.objects.filter(clock_id__in=ids).values_list(
                "clock_id", "starts_on", "ends_on"
            ):
                pauses[cid].append((starts_on, ends_on))
            extra = dict(
                ClockExtension.objects.filter(clock_id__in=ids)
                .values("clock_id")
                .annotate(total=Sum("days"))
                .values_list("clock_id", "total")
            )
            groups: dict[tuple, list[int]] = defaultdict(list)
            events = []
            for cid, start, restarted, limit, due, state in batch:
                examined += 1
                try:
                    new_due = compute_due(
                        engine, restarted or start, limit + extra.get(cid, 0), pauses.get(cid, ())
                    )
                except CalendarMissing as error:
                    failed += 1
                    failed_years.add(error.year)
                    continue
                new_state = state
                if state == ClockState.PAUSED:
                    new_due = None
                elif state == ClockState.OVERDUE and new_due is not None and new_due >= today:
                    new_state = ClockState.RUNNING
                elif state == ClockState.RUNNING and new_due is not None and new_due < today:
                    new_state = ClockState.OVERDUE
                if new_due == due and new_state == state:
                    continue
                groups[(new_due, new_state)].append(cid)
                detail = {"reason": reason}
                if new_state != state:
                    detail["state"] = [state, new_state]
                events.append(
                    ClockEvent(
                        clock_id=cid,
                        at=now,
                        kind=ClockEventKind.RECOMPUTE,
                        detail=detail,
                        old_due=due,
                        new_due=new_due,
                        actor_id=actor_id,
                    )
                )
            for (new_due, new_state), group in groups.items():
                for chunk in _chunks(group, UPDATE_CHUNK):
                    Clock.objects.filter(id__in=chunk).update(
                        due_date=new_due, state=new_state, updated_at=now
                    )
            ClockEvent.objects.bulk_create(events, batch_size=1000)
            changed += len(events)
            moved_ids.extend(e.clock_id for e in events[: max(0, 200 - len(moved_ids))])
        if failed:
            logger.warning(
                "recompute: %d clocks kept their due date: calendar missing for %s",
                failed,
                sorted(failed_years),
            )
        record(
            "clock.recompute",
            actor=actor,
            object_type="workdays.clock",
            object_repr=f"日历调整后重算{examined}个未结时限，{changed}个有变化",
            after={
                "reason": reason,
                "examined": examined,
                "changed": changed,
                "failed": failed,
                "failed_years": sorted(failed_years),
                "changed_clock_ids": moved_ids,
            },
        )
    return changed

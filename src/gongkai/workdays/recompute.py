"""Actions on many clocks at once: marking overdue clocks and recomputing after a calendar change.

Both work in bulk: a few queries per batch of clocks, never one per clock, so
that 100,000 open clocks are handled in seconds (``benchmarks/workdays.py``).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import date, datetime

from django.db import connection, transaction
from django.db.models import Q, Sum
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
    ClockUnit,
)

logger = logging.getLogger(__name__)

RUNNING, PAUSED, OVERDUE = ClockState.RUNNING, ClockState.PAUSED, ClockState.OVERDUE

BATCH = 2000  # clocks read per query
UPDATE_CHUNK = 500  # ids per UPDATE … WHERE id IN (…)


def _chunks(items: list, size: int):
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _actor_or_none(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _past_due(today: date, now: datetime, units) -> Q:
    """Running clocks past due: a working-day clock once its due date is over, an hour
    clock once its due instant has passed."""
    past = Q(pk__in=[])
    if ClockUnit.WORKING_DAYS in units:
        past |= Q(unit=ClockUnit.WORKING_DAYS, due_date__lt=today)
    if ClockUnit.HOURS in units:
        past |= Q(unit=ClockUnit.HOURS, due_at__lt=now)
    return Q(state=ClockState.RUNNING, finished_on__isnull=True) & past


def mark_overdue_clocks(
    today: date | None = None, *, now: datetime | None = None, units=tuple(ClockUnit)
) -> int:
    """Running clocks whose due date has passed become ``overdue``; returns how many.

    Hour clocks (``ClockUnit.HOURS``) are overdue once their due instant has passed
    (``now``); ``units`` limits the run to some kinds (the five-minute job marks hour
    clocks only).

    The rows are claimed with ``select_for_update(skip_locked=True)`` (PostgreSQL;
    SQLite serialises writers) and changed by a conditional UPDATE
    (``state = running AND due_date < today``), so running the job twice, or in
    two workers, marks each clock once. Each clock gets an ``overdue`` event;
    one audit event sums the run up.
    """
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    past_due = _past_due(today, now, units)
    with transaction.atomic():
        due = list(
            Clock.objects.select_for_update(skip_locked=True)
            .filter(past_due)
            .order_by("id")
            .values_list("id", "due_date")
        )
        if not due:
            return 0
        marked = 0
        for chunk in _chunks(due, UPDATE_CHUNK):
            marked += (
                Clock.objects.filter(id__in=[cid for cid, _ in chunk])
                .filter(past_due)
                .update(state=ClockState.OVERDUE, updated_at=now)
            )
        _append_events(
            (
                (cid, ClockEventKind.OVERDUE, {"today": today.isoformat()}, due_date, due_date)
                for cid, due_date in due
            ),
            at=now,
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
    (three queries per batch). The changes are written as one UPDATE per
    (new due date, new state) group and id chunk rather than ``bulk_update``
    (a CASE per row): many clocks share a due date, so there are few
    statements. Events go through ``_append_events``. Returns the number of
    clocks changed.
    """
    today = today or timezone.localdate()
    engine = get_engine()
    now = timezone.now()
    actor_id = actor.pk if _actor_or_none(actor) else None
    running, paused, overdue = (str(s) for s in (RUNNING, PAUSED, OVERDUE))
    examined = failed = 0
    failed_years: set[int] = set()
    groups: dict[tuple, list[int]] = defaultdict(list)
    changes: list[tuple[int, date | None, date | None, str, str]] = []
    with transaction.atomic():
        last_id = 0
        while True:
            batch = list(
                Clock.objects.select_for_update()
                .filter(id__gt=last_id, state__in=OPEN_STATES, finished_on__isnull=True)
                .exclude(unit=ClockUnit.HOURS)  # hours need no calendar
                .order_by("id")
                .values_list("id", "start_date", "restarted_on", "limit_days", "due_date", "state")[
                    :BATCH
                ]
            )
            if not batch:
                break
            first_id, last_id = batch[0][0], batch[-1][0]
            pauses, extra = _pauses_and_extensions(first_id, last_id)
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
                if state == paused:
                    new_due = None
                elif new_due is None:  # pragma: no cover - only paused clocks have open pauses
                    continue
                elif state == overdue and new_due >= today:
                    new_state = running
                elif state == running and new_due < today:
                    new_state = overdue
                if new_due != due or new_state != state:
                    groups[(new_due, new_state)].append(cid)
                    changes.append((cid, due, new_due, state, new_state))
        for (new_due, new_state), group in groups.items():
            for chunk in _chunks(group, UPDATE_CHUNK):
                Clock.objects.filter(id__in=chunk).update(
                    due_date=new_due, state=new_state, updated_at=now
                )
        _append_events(
            [
                (
                    cid,
                    ClockEventKind.RECOMPUTE,
                    _recompute_detail(reason, state, new_state),
                    old,
                    new,
                )
                for cid, old, new, state, new_state in changes
            ],
            at=now,
            actor_id=actor_id,
        )
        changed = len(changes)
        moved_ids = [cid for cid, *_ in changes[:200]]
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


def _recompute_detail(reason: str, state: str, new_state: str) -> dict:
    if state == new_state:
        return {"reason": reason}
    return {"reason": reason, "state": [state, new_state]}


def _pauses_and_extensions(first_id: int, last_id: int) -> tuple[dict, dict]:
    """Pauses and extension totals of the clocks with ids in [first_id, last_id].

    By id range rather than a long IN list (cheaper to build); rows of clocks
    in the range that are not being recomputed are simply not looked up.
    """
    in_range = {"clock_id__gte": first_id, "clock_id__lte": last_id}
    pauses: dict[int, list] = defaultdict(list)
    for cid, starts_on, ends_on in ClockPause.objects.filter(**in_range).values_list(
        "clock_id", "starts_on", "ends_on"
    ):
        pauses[cid].append((starts_on, ends_on))
    extra = dict(
        ClockExtension.objects.filter(**in_range)
        .values("clock_id")
        .annotate(total=Sum("days"))
        .values_list("clock_id", "total")
    )
    return pauses, extra


def _append_events(rows, *, at=None, actor_id: int | None = None) -> int:
    """Insert many ``ClockEvent`` rows: ``(clock_id, kind, detail, old_due, new_due)``.

    One parameterised INSERT run with ``executemany``: values are prepared by
    the model's own fields (so SQLite and PostgreSQL get what the ORM would
    send), each distinct value once. ``bulk_create`` builds a model instance
    and SQL per row and, on SQLite, splits into statements of 124 rows; for
    the tens of thousands of events a calendar change can write it was about
    14 times slower (measured with benchmarks/workdays.py).
    """
    meta = ClockEvent._meta
    names = ["clock", "at", "kind", "detail", "old_due", "new_due", "actor"]
    fields = [meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    # Table and column names come from the model's meta; values are parameters.
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    at_value = meta.get_field("at").get_db_prep_save(at or timezone.now(), connection)
    date_field = meta.get_field("old_due")
    detail_field = meta.get_field("detail")
    dates: dict = {}
    details: dict = {}

    def prep_date(value):
        if value not in dates:
            dates[value] = date_field.get_db_prep_save(value, connection)
        return dates[value]

    def prep_detail(value: dict):
        key = repr(sorted(value.items()))
        if key not in details:
            details[key] = detail_field.get_db_prep_save(value, connection)
        return details[key]

    params = [
        (cid, at_value, str(kind), prep_detail(detail), prep_date(old), prep_date(new), actor_id)
        for cid, kind, detail, old, new in rows
    ]
    if params:
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)
    return len(params)

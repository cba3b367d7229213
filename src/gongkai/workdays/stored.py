"""Working-day dates stored on a module's own rows that are not clocks.

Some limits are a single date kept on a row rather than a ``Clock``: the last
day to send a 补正 (correction) notice, the window for returning a misrouted
message, a citizen's rating period. They are counted in working days too, so
a calendar change (above all the import of next year's official arrangement
over the provisional calendar) must recount them as it recomputes clocks.

A module registers each such date once, in its ``AppConfig.ready``::

    register_stored_date(
        "applications.correction_notice_by",
        label="告知补正期限",
        rows=lambda: Application.objects.filter(state="in_progress", correction_notice_by__isnull=False),
        field="correction_notice_by",
        count=lambda row: (row.received_on, 7),
    )

``recompute_stored_dates`` runs inside every calendar change, after the
clocks: each registered date of an open row is counted again from its start
with its number of working days; rows whose date moves are updated, and one
audit event lists them. The kernel names no module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from .engine import get_engine
from .errors import CalendarMissing


@dataclass(frozen=True)
class StoredDate:
    name: str
    label: str
    rows: Callable[[], QuerySet]  # the open rows whose date may still matter
    field: str
    count: Callable[[object], tuple[date, int]]  # row -> (start, working days)


_registry: dict[str, StoredDate] = {}


def register_stored_date(
    name: str,
    *,
    label: str,
    rows: Callable[[], QuerySet],
    field: str,
    count: Callable[[object], tuple[date, int]],
) -> None:
    _registry[name] = StoredDate(name, label, rows, field, count)


def registered() -> list[StoredDate]:
    return list(_registry.values())


def recompute_stored_dates(*, reason: str, actor=None) -> int:
    """Recount every registered date of the open rows; returns how many rows changed."""
    from gongkai.audit.services import record

    engine = get_engine()
    changed: dict[str, list] = {}
    failed = 0
    for entry in _registry.values():
        for row in entry.rows():
            old = getattr(row, entry.field)
            try:
                start, days = entry.count(row)
                new = engine.add(start, days)
            except CalendarMissing:
                failed += 1
                continue
            if new != old:
                type(row).objects.filter(pk=row.pk).update(**{entry.field: new})
                changed.setdefault(entry.name, []).append(
                    {"id": row.pk, "old": old.isoformat() if old else None, "new": new.isoformat()}
                )
    total = sum(len(rows) for rows in changed.values())
    if changed or failed:
        record(
            "calendar.stored_dates.recompute",
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            object_type="workdays.stored_date",
            object_repr=f"日历调整后重算{total}个期限日期",
            after={
                "reason": reason,
                "changed": {name: rows[:200] for name, rows in changed.items()},
                "failed": failed,
            },
        )
    return total

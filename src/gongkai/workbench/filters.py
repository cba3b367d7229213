"""The three points of a deadline every staff queue filters by.

For a day ``today``, of the clocks still counting (running or overdue, not
finished), disjoint:

* 已超期 overdue — due date before today;
* 今日到期 due today — due date is today;
* 临期 due soon — due within the next N working days after today, N being the
  setting of the object's government (``horizon_by_government``: that
  government's last day counted as "due soon").

Paused clocks have no due date and count in none. The field names are
arguments, so a queue annotated with its reply clock (``reply_due`` …) and a
list of clocks use the same filters.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Q

from gongkai.workdays.models import ClockState

COUNTING = (ClockState.RUNNING, ClockState.OVERDUE)


def bucket_filters(
    today: date,
    horizon_by_government: dict[int, date],
    *,
    due: str = "due_date",
    state: str = "state",
    finished: str = "finished_on",
    government: str = "department__government_id",
) -> dict[str, Q]:
    """The three points as Q objects over the given field names."""
    counting = Q(**{f"{state}__in": COUNTING, f"{finished}__isnull": True})
    soon = Q(pk__in=[])
    for gid, horizon in horizon_by_government.items():
        soon |= Q(**{government: gid, f"{due}__gt": today, f"{due}__lte": horizon})
    return {
        "soon": counting & soon,
        "today": counting & Q(**{due: today}),
        "overdue": counting & Q(**{f"{due}__lt": today}),
    }

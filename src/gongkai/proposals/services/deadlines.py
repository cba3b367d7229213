"""Handling periods in calendar months, on the working-day clocks.

Rules (regulations.md §7; counting as 民法典 Art. 201–203 count periods in months):

* The period starts the day after assignment (交办); it ends on the same day
  of the month ``n`` months later; a month without that day ends on its last
  day (交办 31 Aug + 6 months → 28 Feb).
* A period ending on a non-working day (weekend, public holiday) ends on the
  next working day; make-up working Saturdays count as working days.
* Co-handling units (会办 / 协办) give their opinion ``co_opinion_days``
  calendar days before the lead unit's deadline, moved back to the last
  working day on or before that day.

Each deadline is stored as a ``gongkai.workdays`` clock whose limit is the
number of working days from the assignment to the due date, so supervision,
the workbench and "what is overdue" treat these items like every other case.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from gongkai.workdays import add_working_days, is_working_day, working_days_between


def add_months(start: date, months: int) -> date:
    """The same day ``months`` later, or that month's last day."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def next_working_day(day: date) -> date:
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def reply_due(start: date, months: int) -> date:
    """The reply deadline of a period of ``months`` starting the day after ``start``."""
    return next_working_day(add_months(start, months))


def co_opinion_due(start: date, lead_due: date, days_before: int) -> date:
    """The co-handlers' deadline: ``days_before`` days before the lead's, on a working day.

    Never earlier than the first working day after assignment.
    """
    target = lead_due - timedelta(days=days_before)
    limit = working_days_between(start, target) if target > start else 0
    return add_working_days(start, max(limit, 1))


def limit_for(start: date, due: date) -> int:
    """Working days from ``start`` (not counted) to ``due`` (counted): the clock's limit."""
    return max(working_days_between(start, due), 1)

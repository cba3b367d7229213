"""工作日与时限: the holiday calendar as data, working-day arithmetic, statutory clocks.

The contract every module relies on::

    from gongkai.workdays import add_working_days, is_working_day, working_days_between

* ``is_working_day(d)``: Monday–Friday unless a 法定节假日, plus 调休上班日.
* ``add_working_days(start, n)``: the start day is not counted; day 1 is the
  first working day after it; ``n == 0`` returns ``start``. A negative ``n``
  counts backwards, the start again not counted: ``-1`` is the last working day
  before ``start``.
* ``working_days_between(start, end)``: working days in (start, end];
  negative (minus those in (end, start]) when ``end < start``.
* A year whose official arrangement is not loaded is counted on the provisional
  calendar (weekends and the projected statutory holidays, see
  ``gongkai.workdays.provisional``); ``is_provisional(d)`` and
  ``span_is_provisional(a, b)`` say whether a date, or a count between two
  dates, depends on it, so it can be shown as 预估.
* A date before the first loaded year (or far beyond the last) raises
  ``CalendarMissing(year)``.

This module imports no models (it is imported while Django loads apps); the
functions load the engine lazily and configure Django if nobody has.
"""

from __future__ import annotations

from datetime import date

from .errors import CalendarMissing

__all__ = [
    "CalendarMissing",
    "add_working_days",
    "calendar_runs_out_on",
    "calendar_warning",
    "invalidate",
    "is_provisional",
    "is_working_day",
    "span_is_provisional",
    "working_days_between",
]


_get_engine = None


def _engine():
    global _get_engine
    if _get_engine is None:
        from django.apps import apps

        if not apps.ready:
            import os

            import django

            os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
            django.setup()
        from .engine import get_engine

        _get_engine = get_engine
    return _get_engine()


def is_working_day(d: date) -> bool:
    """True when ``d`` is a working day (weekday not on holiday, or a make-up working day)."""
    return _engine().is_working_day(d)


def add_working_days(start: date, n: int) -> date:
    """The ``n``-th working day after ``start`` (start not counted); before it if ``n < 0``."""
    return _engine().add(start, n)


def working_days_between(start: date, end: date) -> int:
    """Working days in (start, end]; negative if ``end < start``."""
    return _engine().between(start, end)


def is_provisional(d: date) -> bool:
    """True when ``d`` lies in a year counted on the provisional calendar (预估)."""
    return _engine().is_provisional(d)


def span_is_provisional(start: date, end: date) -> bool:
    """True when counting between ``start`` and ``end`` crosses a provisional year."""
    return _engine().span_is_provisional(start, end)


def invalidate() -> None:
    """Forget the cached calendar in this process (tests; after direct database edits)."""
    from .engine import invalidate as _invalidate

    _invalidate()


def calendar_runs_out_on(today: date | None = None) -> date | None:
    """The last day of the last covered year contiguous with this year; None without data."""
    _engine()
    from .coverage import calendar_runs_out_on as _runs_out

    return _runs_out(today)


def calendar_warning(today: date | None = None) -> str | None:
    """The banner for administrators and the disclosure office (see ``coverage``), or None."""
    _engine()
    from .coverage import calendar_warning as _warning

    return _warning(today)

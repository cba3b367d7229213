"""Working-day arithmetic over the calendar held in the database.

The engine is built once from the database into an ordinal table over every
day from 1 January of the first covered year to 31 December of the last:

* ``work[i]`` is 1 when day ``base + i`` is a working day;
* ``cum[i]`` is the number of working days in days ``0 … i`` (inclusive);
* ``nth[k]`` is the index of the (k+1)-th working day (the inverse of ``cum``).

Then ``working_days_between(a, b) = cum[b] - cum[a]`` and
``add_working_days(a, n) = nth[cum[a] + n - 1]``: two array lookups, no
day-by-day loops (``nth`` is what a ``bisect`` over ``cum`` would find, looked
up instead of searched).

Years whose official arrangement is not loaded are counted on a projection of
the statutory holidays (``provisional``, see ``gongkai.workdays.provisional``);
``provisional_years`` says which, so every date counted on them can be marked.

The built engine is cached in the process. Changes made in this process call
``invalidate()``; changes made by other processes (the web server versus the
job worker) are noticed by comparing the ``CalendarRevision`` token with the
one the engine was built from: once per request, at its first use of the
engine, and outside requests at most once per ``RECHECK_SECONDS``.
"""

from __future__ import annotations

import threading
import time
from array import array
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate

from .errors import CalendarMissing

RECHECK_SECONDS = 1.0


@dataclass(frozen=True)
class SpecialDayInfo:
    kind: str  # "holiday" | "workday"
    name: str


@dataclass
class Engine:
    """An immutable snapshot of the calendar. Build with ``Engine.build``."""

    years: frozenset[int]
    first_year: int
    last_year: int
    base: int  # ordinal of 1 January of first_year
    work: bytes
    cum: array
    nth: array
    gaps: tuple[int, ...]  # uncovered years strictly between first_year and last_year
    special: dict[date, SpecialDayInfo] = field(default_factory=dict)
    token: str | None = None
    provisional: frozenset[int] = frozenset()  # covered years counted on the projection

    @classmethod
    def build(
        cls,
        years: set[int] | frozenset[int],
        special_days: dict[date, tuple[str, str]],
        token: str | None = None,
        provisional: set[int] | frozenset[int] = frozenset(),
    ) -> Engine:
        """An engine for the covered ``years`` and their ``{date: (kind, name)}`` special days.

        ``provisional``: those of ``years`` counted on a projection, not an official arrangement.
        """
        years = frozenset(years)
        provisional = frozenset(provisional) & years
        if not years:
            return cls(frozenset(), 0, -1, 0, b"", array("l"), array("l"), (), {}, token)
        first, last = min(years), max(years)
        base = date(first, 1, 1).toordinal()
        size = date(last, 12, 31).toordinal() - base + 1
        first_weekday = date(first, 1, 1).weekday()
        # Weekdays are working days: a repeating Mon–Sun pattern, rotated to the first day.
        week = [1, 1, 1, 1, 1, 0, 0]
        pattern = week[first_weekday:] + week[:first_weekday]
        work = bytearray(bytes(pattern) * (size // 7 + 1))[:size]
        special: dict[date, SpecialDayInfo] = {}
        for day, (kind, name) in special_days.items():
            if day.year not in years:
                continue
            special[day] = SpecialDayInfo(kind, name)
            work[day.toordinal() - base] = 1 if kind == "workday" else 0
        gaps = tuple(y for y in range(first, last + 1) if y not in years)
        for year in gaps:
            start = date(year, 1, 1).toordinal() - base
            end = date(year, 12, 31).toordinal() - base + 1
            work[start:end] = bytes(end - start)
        cum = array("l", accumulate(work))
        nth = array("l", (i for i, flag in enumerate(work) if flag))
        return cls(
            years, first, last, base, bytes(work), cum, nth, gaps, special, token, provisional
        )

    # -- lookups --------------------------------------------------------------

    def covers(self, year: int) -> bool:
        return year in self.years

    def is_provisional(self, day: date) -> bool:
        """True when ``day`` lies in a year counted on the provisional calendar."""
        return day.year in self.provisional

    def span_is_provisional(self, a: date, b: date) -> bool:
        """True when counting from ``a`` to ``b`` crosses a provisional year."""
        if not self.provisional:
            return False
        low, high = (a.year, b.year) if a <= b else (b.year, a.year)
        return any(low <= year <= high for year in self.provisional)

    def _index(self, day: date) -> int:
        i = day.toordinal() - self.base
        if i < 0 or i >= len(self.work) or (self.gaps and day.year in self.gaps):
            raise CalendarMissing(day.year)
        return i

    def _check_span(self, a: date, b: date) -> None:
        """Raise for the first uncovered year between two covered dates."""
        if not self.gaps:
            return
        low, high = (a.year, b.year) if a <= b else (b.year, a.year)
        for year in self.gaps:
            if low < year < high:
                raise CalendarMissing(year)

    def is_working_day(self, day: date) -> bool:
        return bool(self.work[self._index(day)])

    def special_day(self, day: date) -> SpecialDayInfo | None:
        return self.special.get(day)

    def between(self, start: date, end: date) -> int:
        """Working days in (start, end]; negative (minus those in (end, start]) if end < start."""
        i, j = self._index(start), self._index(end)
        self._check_span(start, end)
        return self.cum[j] - self.cum[i]

    def add(self, start: date, n: int) -> date:
        """The n-th working day after ``start`` (start not counted); n < 0: before it."""
        i = self._index(start)
        if n == 0:
            return start
        if n > 0:
            k = self.cum[i] + n - 1
            if k >= len(self.nth):
                raise CalendarMissing(self.last_year + 1)
        else:
            # The |n|-th working day before start: a working day d with
            # |n| working days in [d, start).
            k = self.cum[i] - self.work[i] + n
            if k < 0:
                raise CalendarMissing(self.first_year - 1)
        j = self.nth[k]
        result = date.fromordinal(self.base + j)
        self._check_span(start, result)
        return result


# -- the process-wide cache ------------------------------------------------------

_lock = threading.Lock()
_engine: Engine | None = None
_checked_at = 0.0
_request = threading.local()  # state: None outside a request, "fresh", then "checked"


def _current_token() -> str | None:
    from .models import CalendarRevision

    return CalendarRevision.objects.filter(id=1).values_list("token", flat=True).first()


def load_engine(this_year: int | None = None) -> Engine:
    """Build a fresh engine from the database, unloaded years on the provisional calendar."""
    from django.utils import timezone

    from .models import CalendarYear, SpecialDay
    from .provisional import projected_special_days, provisional_years

    token = _current_token()
    official = set(CalendarYear.objects.values_list("year", flat=True))
    special = {
        day: (kind, name)
        for day, kind, name in SpecialDay.objects.values_list("date", "kind", "name")
    }
    projected = provisional_years(official, this_year or timezone.localdate().year)
    for year in projected:
        for day, kind, name in projected_special_days(year):
            special[day] = (kind, name)
    return Engine.build(official | projected, special, token, provisional=projected)


def get_engine() -> Engine:
    """The cached engine, rebuilt when this or another process changed the calendar.

    Inside a request the calendar's revision is checked once, at the request's
    first use of the engine (so a page always makes the same queries); outside
    requests (the job worker, commands) at most once per ``RECHECK_SECONDS``.
    """
    global _engine, _checked_at
    engine = _engine
    in_request = getattr(_request, "state", None)
    if engine is not None:
        if in_request == "checked":
            return engine
        if in_request is None and time.monotonic() - _checked_at < RECHECK_SECONDS:
            return engine
    with _lock:
        if _engine is None or _current_token() != _engine.token:
            _engine = load_engine()
        _checked_at = time.monotonic()
        if in_request is not None:
            _request.state = "checked"
        return _engine


def request_started(**kwargs) -> None:
    """``request_started`` receiver: this request checks the revision at its first use."""
    _request.state = "fresh"


def request_finished(**kwargs) -> None:
    _request.state = None


def current_engine() -> Engine | None:
    """The engine this process has built, without checking the database (None: none yet)."""
    return _engine


def invalidate() -> None:
    """Forget the cached engine; the next call rebuilds it from the database."""
    global _engine, _checked_at
    with _lock:
        _engine = None
        _checked_at = 0.0


def is_working_day(day: date) -> bool:
    return get_engine().is_working_day(day)


def add_working_days(start: date, n: int) -> date:
    return get_engine().add(start, n)


def working_days_between(start: date, end: date) -> int:
    return get_engine().between(start, end)


def iter_days(start: date, end: date):
    """Every date in [start, end]."""
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)

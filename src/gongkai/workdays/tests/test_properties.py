"""The fast table-and-bisect functions against a naive day-by-day reference.

The reference asks the chinese-calendar package directly, so these tests also
check that seeding copied the package faithfully. After its last year the
reference counts the provisional calendar day by day: weekdays except the
statutory days off the ``holidays`` package projects, up to the horizon.
"""

from datetime import date, timedelta

import chinese_calendar
import holidays
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from gongkai.workdays import (
    CalendarMissing,
    add_working_days,
    is_working_day,
    working_days_between,
)

FIRST, LAST = date(2004, 1, 1), date(2026, 12, 31)
dates = st.dates(min_value=FIRST, max_value=LAST)
counts = st.integers(min_value=-80, max_value=80)
pytestmark = pytest.mark.django_db
examples = settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


# The provisional calendar reaches two years beyond the later of the last loaded year
# and this year (the test run's date, see gongkai.testing.env).
HORIZON = max(LAST.year, date.today().year) + 2


def naive_is_working_day(day: date) -> bool:
    if day < FIRST or day.year > HORIZON:
        raise CalendarMissing(day.year)
    if day <= LAST:
        return chinese_calendar.is_workday(day)
    if day.weekday() >= 5:
        return False
    names = holidays.China(years=day.year, language="zh_CN").get(day)
    return not names or all(name.startswith("休息日") for name in names.split("; "))


def naive_add(start: date, n: int) -> date:
    naive_is_working_day(start)
    step = timedelta(days=1 if n > 0 else -1)
    day, left = start, abs(n)
    while left:
        day += step
        if naive_is_working_day(day):
            left -= 1
    return day


def naive_between(start: date, end: date) -> int:
    naive_is_working_day(start)
    naive_is_working_day(end)
    low, high = sorted((start, end))
    count = sum(naive_is_working_day(low + timedelta(days=i + 1)) for i in range((high - low).days))
    return count if end >= start else -count


def _outcome(function, *args):
    try:
        return function(*args)
    except CalendarMissing as error:
        return ("missing", error.year)


def test_every_day_of_the_calendar_agrees_with_chinese_calendar():
    day = FIRST
    while day <= LAST:
        assert is_working_day(day) == chinese_calendar.is_workday(day), day
        day += timedelta(days=1)


@examples
@given(start=dates, n=counts)
def test_add_working_days_agrees_with_the_day_by_day_reference(start, n):
    assert _outcome(add_working_days, start, n) == _outcome(naive_add, start, n)


@examples
@given(start=dates, end=dates)
def test_working_days_between_agrees_with_the_day_by_day_reference(start, end):
    if abs((end - start).days) > 800:
        end = start + timedelta(days=(end - start).days % 800)
        end = min(end, LAST)
    assert working_days_between(start, end) == naive_between(start, end)


@examples
@given(start=dates, n=st.integers(min_value=1, max_value=80))
def test_adding_working_days_lands_on_a_working_day_and_inverts_between(start, n):
    try:
        result = add_working_days(start, n)
    except CalendarMissing:
        return
    assert is_working_day(result)
    assert result > start
    assert working_days_between(start, result) == n
    assert working_days_between(start, result - timedelta(days=1)) == n - 1


@examples
@given(start=dates, n=st.integers(min_value=1, max_value=80))
def test_counting_back_lands_on_a_working_day_with_n_working_days_before_the_start(start, n):
    try:
        result = add_working_days(start, -n)
    except CalendarMissing:
        return
    assert is_working_day(result)
    assert result < start
    if result > FIRST:
        # working days in [result, start) == n
        day_before = result - timedelta(days=1)
        assert working_days_between(day_before, start - timedelta(days=1)) == n


@examples
@given(a=dates, b=dates, n=st.integers(min_value=0, max_value=60))
def test_add_working_days_is_monotonic_in_the_start(a, b, n):
    a, b = sorted((a, b))
    first, second = _outcome(add_working_days, a, n), _outcome(add_working_days, b, n)
    assume(isinstance(first, date) and isinstance(second, date))
    assert first <= second


@examples
@given(start=dates, n=counts, m=counts)
def test_add_working_days_is_strictly_monotonic_in_n(start, n, m):
    if n == m:
        return
    n, m = sorted((n, m))
    first, second = _outcome(add_working_days, start, n), _outcome(add_working_days, start, m)
    assume(isinstance(first, date) and isinstance(second, date))
    assert first < second

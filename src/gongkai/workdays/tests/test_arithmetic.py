"""The contract functions on real dates of the State Council's 2026 arrangement.

2026 as loaded from chinese-calendar 1.11.0:
春节 off 15–23 February (weekday holidays 16–20 and 23), worked Saturday 14 and Saturday 28 February;
国庆节 off 1–7 October (weekday holidays 1, 2, 5, 6, 7), worked Sunday 20 September and Saturday 10 October;
中秋 off Friday 25 September.
"""

from datetime import date

import pytest
from django.utils import timezone

from gongkai.workdays import (
    CalendarMissing,
    add_working_days,
    is_provisional,
    is_working_day,
    span_is_provisional,
    working_days_between,
)
from gongkai.workdays.engine import Engine

pytestmark = pytest.mark.django_db


def test_spring_festival_weekdays_are_not_working_days():
    assert not any(is_working_day(date(2026, 2, d)) for d in (16, 17, 18, 19, 20, 23))
    assert is_working_day(date(2026, 2, 24))


def test_makeup_saturdays_and_sundays_are_working_days():
    for makeup in (date(2026, 2, 14), date(2026, 2, 28), date(2026, 9, 20), date(2026, 10, 10)):
        assert makeup.weekday() >= 5
        assert is_working_day(makeup)


def test_ordinary_weekends_are_not_working_days_and_ordinary_weekdays_are():
    assert not is_working_day(date(2026, 3, 7))  # Saturday
    assert not is_working_day(date(2026, 3, 8))  # Sunday
    assert is_working_day(date(2026, 3, 9))  # Monday


def test_deadline_skips_national_day_and_counts_the_makeup_saturday():
    # Received Wednesday 30 September, the day before 国庆节: day 1 is Thursday 8 October,
    # Saturday 10 October is worked and counts as day 3; day 20 is Tuesday 3 November.
    received = date(2026, 9, 30)
    assert add_working_days(received, 1) == date(2026, 10, 8)
    assert add_working_days(received, 3) == date(2026, 10, 10)
    assert add_working_days(received, 20) == date(2026, 11, 3)


def test_receipt_on_the_day_before_spring_festival_counts_the_makeup_saturday_first():
    received = date(2026, 2, 13)  # Friday
    assert add_working_days(received, 1) == date(2026, 2, 14)  # worked Saturday
    assert add_working_days(received, 2) == date(2026, 2, 24)  # first day after the holiday
    assert add_working_days(received, 20) == date(2026, 3, 19)


def test_receipt_on_a_makeup_working_day_is_not_counted():
    received = date(2026, 2, 14)  # worked Saturday: still the day of receipt, not counted
    assert add_working_days(received, 1) == date(2026, 2, 24)
    assert add_working_days(received, 5) == date(2026, 2, 28)  # the next worked Saturday
    assert add_working_days(received, 20) == date(2026, 3, 20)


def test_receipt_on_a_holiday_counts_from_the_next_working_day():
    assert add_working_days(date(2026, 10, 3), 1) == date(2026, 10, 8)


def test_zero_working_days_is_the_start_itself_even_on_a_holiday():
    assert add_working_days(date(2026, 10, 1), 0) == date(2026, 10, 1)


def test_negative_n_counts_back_without_counting_the_start():
    assert add_working_days(date(2026, 10, 8), -1) == date(2026, 9, 30)
    assert add_working_days(date(2026, 10, 4), -1) == date(2026, 9, 30)  # from a holiday
    assert add_working_days(date(2026, 2, 24), -1) == date(2026, 2, 14)  # worked Saturday
    assert add_working_days(date(2026, 11, 3), -20) == date(2026, 9, 30)


def test_working_days_between_counts_the_end_but_not_the_start():
    assert working_days_between(date(2026, 9, 30), date(2026, 10, 8)) == 1
    assert working_days_between(date(2026, 9, 30), date(2026, 9, 30)) == 0
    assert working_days_between(date(2026, 9, 30), date(2026, 11, 3)) == 20
    assert working_days_between(date(2026, 11, 3), date(2026, 9, 30)) == -20
    assert working_days_between(date(2026, 10, 1), date(2026, 10, 7)) == 0


def test_a_whole_year_2026_has_the_published_number_of_working_days():
    # 365 days − 104 weekend days − 19 weekday holidays + 6 worked weekend days.
    assert working_days_between(date(2025, 12, 31), date(2026, 12, 31)) == 365 - 104 - 19 + 6


def test_twenty_working_days_from_late_december_reach_a_provisional_2027():
    # 2027's arrangement is not loaded: counted on weekends and the projected
    # statutory holidays (元旦 on Friday 1 January), and said to be provisional.
    due = add_working_days(date(2026, 12, 20), 20)
    assert due == date(2027, 1, 18)
    assert is_provisional(due) and span_is_provisional(date(2026, 12, 20), due)
    assert not is_provisional(date(2026, 12, 31))
    assert not span_is_provisional(date(2026, 12, 1), date(2026, 12, 31))


def test_the_contract_date_twenty_working_days_after_7_december_2026():
    assert add_working_days(date(2026, 12, 7), 20) == date(2027, 1, 5)
    assert not is_working_day(date(2027, 1, 1))  # 元旦, projected
    assert is_working_day(date(2027, 1, 4))


def test_years_before_the_first_loaded_year_and_beyond_the_horizon_raise_calendar_missing():
    with pytest.raises(CalendarMissing) as raised:
        add_working_days(date(2004, 1, 5), -5)
    assert raised.value.year == 2003
    beyond = max(2026, timezone.localdate().year) + 3
    with pytest.raises(CalendarMissing, match=f"{beyond}年") as raised:
        is_working_day(date(beyond, 1, 4))
    assert raised.value.year == beyond
    assert "gongkai calendar" not in str(raised.value)  # no command line for clerks


def test_the_last_official_days_and_the_first_provisional_ones():
    assert add_working_days(date(2026, 12, 20), 9) == date(2026, 12, 31)
    assert add_working_days(date(2026, 12, 20), 10) == date(2027, 1, 4)
    assert working_days_between(date(2026, 12, 1), date(2027, 1, 4)) == 23


# -- the engine on its own, with an invented calendar ------------------------------


def _engine(years, special=None):
    return Engine.build(set(years), special or {})


def test_an_empty_calendar_refuses_every_date():
    engine = _engine([])
    with pytest.raises(CalendarMissing) as raised:
        engine.is_working_day(date(2026, 5, 6))
    assert raised.value.year == 2026


def test_a_gap_year_between_covered_years_cannot_be_crossed():
    engine = _engine([2030, 2032])
    with pytest.raises(CalendarMissing) as raised:
        engine.add(date(2030, 12, 30), 5)
    assert raised.value.year == 2031
    with pytest.raises(CalendarMissing) as raised:
        engine.between(date(2030, 6, 1), date(2032, 6, 1))
    assert raised.value.year == 2031
    with pytest.raises(CalendarMissing) as raised:
        engine.add(date(2032, 1, 5), -10)
    assert raised.value.year == 2031


def test_special_days_override_the_week():
    engine = _engine(
        [2030],
        {date(2030, 1, 1): ("holiday", "元旦"), date(2030, 1, 5): ("workday", "元旦")},
    )
    assert not engine.is_working_day(date(2030, 1, 1))  # Tuesday off
    assert engine.is_working_day(date(2030, 1, 5))  # Saturday worked
    assert engine.add(date(2030, 1, 1), 4) == date(2030, 1, 5)
    assert engine.special_day(date(2030, 1, 1)).name == "元旦"

"""The licensing law's limits (``gongkai.services.rules``) with real dates.

Counted by hand from the State Council's arrangements: National Day 2025 off
Wed 1 – Wed 8 Oct, make-up working days Sun 28 Sep and Sat 11 Oct; Spring
Festival 2026 off Sun 15 – Mon 23 Feb, make-up working days Sat 14 and Sat 28 Feb.
The start day is never counted.
"""

from datetime import date

import pytest

from gongkai.services import rules

pytestmark = pytest.mark.django_db


def test_decision_due_20_working_days_across_national_day_2025():
    # Sep 28 (make-up Sun), 29, 30, Oct 9, 10, 11 (make-up Sat), 13–17, 20–24, 27–30
    assert rules.decision_due(date(2025, 9, 26)) == date(2025, 10, 30)


def test_the_one_extension_adds_working_days_after_the_limit():
    # … Oct 30 is day 20; Oct 31, Nov 3–7, 10–13 are days 21–30
    assert rules.decision_due(date(2025, 9, 26), extended_days=10) == date(2025, 11, 13)


def test_an_items_own_legal_limit_replaces_the_twenty_days():
    # Sep 28, 29, 30, Oct 9, 10: five working days, the holiday week skipped
    assert rules.decision_due(date(2025, 9, 26), limit=5) == date(2025, 10, 10)
    # joint handling, 45 working days: day 20 is Mar 17; Mar 18–20, 23–27, 30, 31,
    # Apr 1–3, (Qingming: Mon 6 Apr off) 7–10, 13–17, 20, 21, 22
    assert rules.decision_due(date(2026, 2, 11), limit=rules.JOINT_DECISION_DAYS) == date(
        2026, 4, 22
    )


def test_decision_due_across_spring_festival_2026():
    # Feb 12, 13, 14 (make-up Sat), 24–27, 28 (make-up Sat), Mar 2–6, 9–13, 16, 17
    assert rules.decision_due(date(2026, 2, 11)) == date(2026, 3, 17)


def test_correction_notice_due_five_working_days_across_spring_festival():
    # Feb 13, 14 (make-up Sat), 24, 25, 26: the nine days off are not counted
    assert rules.correction_notice_due(date(2026, 2, 12)) == date(2026, 2, 26)


def test_correction_notice_received_on_a_holiday_counts_from_the_next_working_day():
    # received Sat 4 Oct 2025 (holiday): Oct 9, 10, 11 (make-up Sat), 13, 14
    assert rules.correction_notice_due(date(2025, 10, 4)) == date(2025, 10, 14)


def test_certificate_due_ten_working_days_after_the_decision_across_national_day():
    # Sep 28 (make-up Sun), 29, 30, Oct 9, 10, 11 (make-up Sat), 13, 14, 15, 16
    assert rules.certificate_due(date(2025, 9, 26)) == date(2025, 10, 16)


def test_negative_limits_are_refused():
    with pytest.raises(ValueError):
        rules.decision_due(date(2025, 9, 26), limit=-1)
    with pytest.raises(ValueError):
        rules.card(date(2026, 2, 27), date(2026, 2, 20), yellow_days=-1)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 2, 24), "green"),  # Feb 25, 26, 27 remain: three working days
        (date(2026, 2, 25), "yellow"),  # two remain: the default margin
        (date(2026, 2, 26), "yellow"),
        (date(2026, 2, 27), "yellow"),  # the due day itself
        (date(2026, 2, 28), "red"),  # the make-up Saturday after it
        (date(2026, 3, 2), "red"),
    ],
)
def test_card_boundaries(today, expected):
    assert rules.card(date(2026, 2, 27), today) == expected


def test_card_counts_working_days_not_calendar_days_across_the_holiday():
    due = date(2026, 2, 24)
    # eleven calendar days, but only Sat 14 (make-up) and Tue 24 are working days
    assert rules.card(due, date(2026, 2, 13)) == "yellow"
    assert rules.card(due, date(2026, 2, 12)) == "green"  # Feb 13, 14, 24


def test_card_margin_per_item():
    due = date(2026, 3, 17)
    assert rules.card(due, date(2026, 3, 10), yellow_days=5) == "yellow"  # 11–13, 16, 17
    assert rules.card(due, date(2026, 3, 10)) == "green"
    assert rules.card(due, date(2026, 3, 16), yellow_days=0) == "green"
    assert rules.card(due, date(2026, 3, 17), yellow_days=0) == "yellow"

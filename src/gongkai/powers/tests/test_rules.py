"""The 7/20/3 working-day rules of 行政执法公示 on the kernel calendar."""

from datetime import date

import pytest

from gongkai.powers.models import PublicationPeriod
from gongkai.powers.rules import UnknownKind, publication_due, withdrawal_due

pytestmark = pytest.mark.django_db


# 2025 National Day: 1–8 October off; Sunday 28 September and Saturday 11 October worked.
def test_penalty_decided_before_national_day_is_due_after_the_makeup_saturday():
    assert publication_due("penalty", date(2025, 9, 30)) == date(2025, 10, 16)


def test_licence_counts_the_makeup_sunday_before_national_day():
    # Friday 26 September: 28 Sep (worked Sunday) is day 1, 11 Oct (worked Saturday) day 6.
    assert publication_due("licence", date(2025, 9, 26)) == date(2025, 10, 13)


def test_other_decisions_have_twenty_working_days_across_national_day():
    assert publication_due("other", date(2025, 9, 30)) == date(2025, 11, 4)


def test_withdrawal_within_three_working_days_of_a_revocation_on_a_holiday():
    # Revoked on 8 October (holiday, not counted): 9, 10 and the worked Saturday 11.
    assert withdrawal_due(date(2025, 10, 8)) == date(2025, 10, 11)
    assert withdrawal_due(date(2025, 9, 30)) == date(2025, 10, 11)


# 2026 Spring Festival: 15–23 February off; Saturdays 14 and 28 February worked.
def test_penalty_decided_before_spring_festival_skips_the_holiday():
    assert publication_due("penalty", date(2026, 2, 13)) == date(2026, 3, 2)


def test_licence_can_fall_due_on_a_worked_saturday():
    assert publication_due("licence", date(2026, 2, 12)) == date(2026, 2, 28)


def test_other_and_withdrawal_around_spring_festival():
    assert publication_due("other", date(2026, 2, 13)) == date(2026, 3, 19)
    assert withdrawal_due(date(2026, 2, 13)) == date(2026, 2, 25)


def test_the_start_day_is_not_counted_on_an_ordinary_week():
    assert publication_due("penalty", date(2026, 3, 9)) == date(2026, 3, 18)  # Mon → Wed next week
    assert withdrawal_due(date(2026, 3, 9)) == date(2026, 3, 12)


def test_the_periods_are_data():
    PublicationPeriod.objects.filter(kind="penalty").update(working_days=5)
    assert publication_due("penalty", date(2026, 3, 9)) == date(2026, 3, 16)
    assert publication_due("licence", date(2026, 3, 9)) == date(2026, 3, 18)


def test_missing_rows_fall_back_to_the_statutory_periods():
    PublicationPeriod.objects.all().delete()
    assert publication_due("other", date(2026, 2, 13)) == date(2026, 3, 19)
    assert withdrawal_due(date(2026, 2, 13)) == date(2026, 2, 25)


def test_an_unknown_kind_is_refused():
    with pytest.raises(UnknownKind):
        publication_due("withdrawal", date(2026, 3, 9))
    with pytest.raises(UnknownKind):
        publication_due("inspection", date(2026, 3, 9))

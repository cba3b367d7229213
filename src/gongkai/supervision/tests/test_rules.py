"""The indicators at their boundaries (国办秘函〔2019〕19号)."""

from datetime import date
from decimal import Decimal

import pytest

from gongkai.supervision import rules
from gongkai.supervision.models import Indicator
from gongkai.supervision.rules import NEWS, NOTICE, OTHER, Table

T = Table()  # the defaults, as seeded


def test_seven_failures_in_140_probes_is_a_veto_six_is_not():
    assert rules.unreachable(T, 140, 7)  # 5.0 %
    assert not rules.unreachable(T, 140, 6)
    assert not rules.unreachable(T, 0, 0)


def test_a_probe_answering_in_exactly_fifteen_seconds_fails():
    assert rules.probe_failed(T, seconds=15.0, status=200)
    assert not rules.probe_failed(T, seconds=14.999, status=200)
    assert rules.probe_failed(T, seconds=0.2, status=None)  # no answer
    assert rules.probe_failed(T, seconds=0.2, status=503)
    assert not rules.probe_failed(T, seconds=0.2, status=304)


def test_a_home_page_dated_30_september_is_stale_on_14_october_not_on_13_october():
    last = date(2025, 9, 30)  # the National Day holiday lies between: no excuse
    assert not rules.homepage_stale(T, last, date(2025, 10, 13))
    assert rules.homepage_stale(T, last, date(2025, 10, 14))
    assert rules.homepage_stale(T, None, date(2025, 10, 1))  # nothing dated at all


def test_news_columns_go_stale_after_two_weeks_notices_after_six_months():
    assert not rules.column_stale(T, NEWS, date(2025, 9, 30), date(2025, 10, 13))
    assert rules.column_stale(T, NEWS, date(2025, 9, 30), date(2025, 10, 14))
    assert not rules.column_stale(T, NOTICE, date(2025, 3, 31), date(2025, 9, 30))
    assert rules.column_stale(T, NOTICE, date(2025, 3, 31), date(2025, 10, 1))
    assert not rules.column_stale(T, OTHER, date(2020, 1, 1), date(2025, 10, 1))
    assert not rules.column_stale(T, NEWS, None, date(2025, 10, 1))  # empty, not stale


def test_a_message_received_30_june_is_fine_on_30_september_and_a_veto_on_1_october():
    assert not rules.message_unanswered(T, date(2025, 6, 30), date(2025, 9, 30))
    assert rules.message_unanswered(T, date(2025, 6, 30), date(2025, 10, 1))


def test_59_fails_80_gets_no_bonus_81_plus_12_is_93():
    assert not rules.score(T, deductions=Decimal(41)).passed
    assert rules.score(T, deductions=Decimal(40)).passed
    eighty = rules.score(T, deductions=Decimal(20), bonus=Decimal(12))
    assert (eighty.base, eighty.bonus, eighty.total) == (80, 0, 80)
    assert rules.score(T, deductions=Decimal(19), bonus=Decimal(12)).total == 93
    assert rules.score(T, deductions=Decimal(0), bonus=Decimal(45)).total == 130  # capped


def test_a_department_without_services_scoring_72_of_75_gets_96():
    result = rules.score(T, deductions=Decimal(3), with_services=False)
    assert result.base == 96 and result.passed


def test_a_veto_fails_whatever_the_score():
    assert not rules.score(T, deductions=Decimal(0), vetoed=True).passed


def test_deductions_are_capped():
    assert rules.deduction(T, "broken_link", 3) == Decimal("1.5")
    assert rules.deduction(T, "broken_link", 40) == Decimal(5)
    assert rules.deduction(T, "broken_link", 0) == 0


@pytest.mark.django_db
def test_the_indicators_are_data_an_administrator_changes():
    table = Table.load()
    assert table["long_stale_days"].threshold == 365  # seeded, marked unconfirmed
    assert not Indicator.objects.get(code="long_stale_days").confirmed
    Indicator.objects.filter(code="homepage_stale").update(threshold=7)
    changed = Table.load()
    assert rules.homepage_stale(changed, date(2025, 9, 30), date(2025, 10, 7))
    assert not rules.homepage_stale(table, date(2025, 9, 30), date(2025, 10, 7))

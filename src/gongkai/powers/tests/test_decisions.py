"""双公示 of enforcement decisions: the 7/20/3 working-day clocks around the 2025
National Day and the 2026 Spring Festival, late publication flagged, withdrawal
with its reason, display periods and the limits of credit repair."""

from datetime import date

import pytest

from gongkai.core.errors import DomainError
from gongkai.powers.models import Decision, DisplayPeriod
from gongkai.powers.services.decisions import (
    approve_credit_repair,
    publish_decision,
    withdraw_decision,
)
from gongkai.workdays.models import Clock

from .enforcement_helpers import body, finance_powers, penalty, resident_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(world):
    licence, punish, inspect = finance_powers(world)
    return world, body(world, powers=[licence, punish, inspect]), licence, punish, inspect


def _clock(decision, stage="publish"):
    return Clock.objects.for_subject(decision).get(stage=stage)


def test_a_penalty_before_national_day_is_due_on_16_october_and_late_after(setup):
    world, the_body, _licence, punish, _inspect = setup
    on_time = penalty(world, the_body, punish, date(2025, 9, 30), number=1)
    late = penalty(world, the_body, punish, date(2025, 9, 30), number=2)
    assert on_time.publication_due == date(2025, 10, 16) == _clock(on_time).due_date
    publish_decision(on_time, actor=world.handler_finance, on=date(2025, 10, 16))
    publish_decision(late, actor=world.handler_finance, on=date(2025, 10, 17))
    assert not on_time.published_late and _clock(on_time).state == "met"
    assert late.published_late and _clock(late).state == "overdue"


def test_a_licence_counts_the_worked_sunday_before_national_day(setup):
    world, the_body, licence, _punish, _inspect = setup
    decision = penalty(world, the_body, licence, date(2025, 9, 26), amount=None)
    assert decision.kind == "licence"
    assert decision.publication_due == date(2025, 10, 13)


def test_other_decisions_have_twenty_working_days_across_the_spring_festival(setup):
    world, the_body, _licence, _punish, inspect = setup
    decision = penalty(world, the_body, inspect, date(2026, 2, 13), amount=None)
    assert decision.kind == "other"
    assert decision.publication_due == date(2026, 3, 19) == _clock(decision).due_date
    assert _clock(decision).limit_days == 20


def test_a_penalty_before_the_spring_festival_skips_the_holiday(setup):
    world, the_body, _licence, punish, _inspect = setup
    assert penalty(world, the_body, punish, date(2026, 2, 13)).publication_due == date(2026, 3, 2)


def test_a_revoked_decision_is_withdrawn_with_its_reason_within_three_working_days(setup):
    world, the_body, _licence, punish, _inspect = setup
    decision = penalty(world, the_body, punish, date(2025, 9, 22))
    publish_decision(decision, actor=world.handler_finance, on=date(2025, 9, 25))
    assert Decision.objects.public(date(2025, 10, 9)).filter(pk=decision.pk).exists()
    with pytest.raises(DomainError, match="撤下原因"):
        withdraw_decision(decision, revoked_on=date(2025, 9, 30), reason=" ", actor=world.office)
    withdraw_decision(
        decision, revoked_on=date(2025, 9, 30), reason="经行政复议撤销", actor=world.office
    )
    decision.refresh_from_db()
    assert decision.withdrawal_due == date(2025, 10, 11)  # 9, 10 and the worked Saturday
    assert decision.withdrawal_reason == "经行政复议撤销"
    assert decision.withdrawn_late and _clock(decision, "withdraw").state == "overdue"
    assert not Decision.objects.public(date(2026, 12, 7)).filter(pk=decision.pk).exists()


def test_a_withdrawal_on_time_meets_its_clock(setup, today_is):
    world, the_body, _licence, punish, _inspect = setup
    decision = penalty(world, the_body, punish, date(2026, 2, 2))
    publish_decision(decision, actor=world.handler_finance, on=date(2026, 2, 3))
    today_is(date(2026, 2, 25))
    withdraw_decision(
        decision, revoked_on=date(2026, 2, 13), reason="变更处罚决定", actor=world.reviewer_finance
    )
    assert decision.withdrawal_due == date(2026, 2, 25) and not decision.withdrawn_late
    assert _clock(decision, "withdraw").state == "met"


def test_a_general_penalty_is_shown_one_year_and_no_longer(setup):
    world, the_body, _licence, punish, _inspect = setup
    decision = penalty(world, the_body, punish, date(2025, 3, 3))
    publish_decision(decision, actor=world.handler_finance, on=date(2025, 3, 5))
    assert (decision.display_min_until, decision.display_ends) == (
        date(2025, 6, 5),
        date(2026, 3, 5),
    )
    public = Decision.objects.public
    assert not public(date(2025, 3, 4)).exists()
    assert public(date(2025, 3, 5)).exists() and public(date(2026, 3, 4)).exists()
    assert not public(date(2026, 3, 5)).exists()


def test_a_serious_penalty_is_shown_up_to_three_years(setup):
    world, the_body, _licence, punish, _inspect = setup
    decision = penalty(world, the_body, punish, date(2025, 3, 3), severity="serious")
    publish_decision(decision, actor=world.handler_finance, on=date(2025, 3, 5))
    assert decision.display_min_until == date(2026, 3, 5)
    assert decision.display_ends == date(2028, 3, 5)


def test_a_field_may_set_a_longer_minimum(setup):
    world, the_body, _licence, punish, _inspect = setup
    DisplayPeriod.objects.create(
        kind="penalty", severity="general", field="食品安全", min_months=6, max_months=12, basis="x"
    )
    decision = penalty(world, the_body, punish, date(2025, 3, 3), field="食品安全")
    publish_decision(decision, actor=world.handler_finance, on=date(2025, 3, 5))
    assert decision.display_min_until == date(2025, 9, 5)


def test_credit_repair_is_refused_before_the_minimum_and_ends_the_display(setup, today_is):
    world, the_body, _licence, punish, _inspect = setup
    decision = penalty(world, the_body, punish, date(2026, 8, 3))
    publish_decision(decision, actor=world.handler_finance, on=date(2026, 8, 5))
    today_is(date(2026, 11, 4))
    with pytest.raises(DomainError) as refused:
        approve_credit_repair(
            decision, requested_on=date(2026, 11, 1), reason="已履行", actor=world.office
        )
    assert "未满最短公示期" in refused.value.message
    assert "2026年11月5日起方可申请信用修复" in refused.value.message
    today_is(date(2026, 11, 5))
    approve_credit_repair(
        decision, requested_on=date(2026, 11, 1), reason="已履行处罚并整改", actor=world.office
    )
    assert Decision.objects.public(date(2026, 11, 4)).filter(pk=decision.pk).exists() is False
    assert decision.state == "repaired"


def test_a_persons_id_number_is_never_stored_and_a_company_code_is_checked(setup):
    world, the_body, _licence, punish, _inspect = setup
    decision = penalty(world, the_body, punish, date(2026, 3, 2), person=True)
    stored = [str(getattr(decision, f.attname)) for f in Decision._meta.concrete_fields]
    assert not any(resident_id() in v or "19900101" in v for v in stored)
    with pytest.raises(DomainError, match="校验位不正确"):
        penalty(
            world, the_body, punish, date(2026, 3, 2), number=9, party_uscc="91620500MA710000X1"
        )


def test_publishing_without_a_display_period_is_refused_and_a_second_publish_too(setup):
    world, the_body, _licence, punish, _inspect = setup
    decision = penalty(world, the_body, punish, date(2026, 3, 2))
    DisplayPeriod.objects.filter(kind="penalty").delete()
    with pytest.raises(DomainError, match="未设置行政处罚（一般）的公示期限"):
        publish_decision(decision, actor=world.handler_finance, on=date(2026, 3, 3))
    assert Decision.objects.get(pk=decision.pk).published_on is None
    DisplayPeriod.objects.create(
        kind="penalty", severity="general", min_months=3, max_months=12, basis="x"
    )
    publish_decision(decision, actor=world.handler_finance, on=date(2026, 3, 3))
    stale = Decision.objects.get(pk=decision.pk)
    stale.published_on = None  # a second click from a page shown before the first
    with pytest.raises(DomainError, match="已公示"):
        publish_decision(stale, actor=world.handler_finance, on=date(2026, 3, 4))
    assert Decision.objects.get(pk=decision.pk).published_on == date(2026, 3, 3)

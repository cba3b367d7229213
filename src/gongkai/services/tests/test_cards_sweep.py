"""电子监察 cards issued by the sweep, with dates around the 2026 Spring Festival
(off Feb 15–23, make-up Saturdays Feb 14 and Feb 28)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from gongkai.services.models import CardColour, CardLimit, CardReason, CaseState, SupervisionCard
from gongkai.services.services import cases
from gongkai.services.services.cards import sweep

from .case_helpers import apply, published_item

pytestmark = pytest.mark.django_db


def accepted(world, today_is, day, **guide):
    today_is(day)
    case = apply(published_item(world, **guide)).case
    cases.accept(case, actor=world.handler_finance)
    case.refresh_from_db()
    return case


def cards_of(case):
    return {(c.colour, c.reason, c.limit) for c in SupervisionCard.objects.filter(case=case)}


@pytest.fixture
def promised(world, today_is):
    # promise: Feb 12, 13, 14 (make-up Sat), 24, 25; law: … Mar 17
    case = accepted(world, today_is, date(2026, 2, 11), legal_limit=20, promised_limit=5)
    assert case.promise_due == date(2026, 2, 25)
    assert case.decision_due == date(2026, 3, 17)
    return case


def test_green_three_working_days_before_the_promise_across_the_holiday(promised):
    # Feb 13 → Feb 14 (make-up), 24, 25: three working days left
    assert sweep(date(2026, 2, 13)) == []


def test_yellow_two_working_days_before_the_promise(promised):
    # On the make-up Saturday: Feb 24 and 25 remain, the holiday does not count
    issued = sweep(date(2026, 2, 14))
    assert [(c.colour, c.reason, c.limit, c.due) for c in issued] == [
        (CardColour.YELLOW, CardReason.NEAR_LIMIT, CardLimit.PROMISE, date(2026, 2, 25))
    ]
    assert issued[0].department_id == promised.department_id
    assert issued[0].timeline.first().label.startswith("系统发出黄牌")


def test_red_the_day_after_the_promise_and_the_yellow_stays(promised):
    sweep(date(2026, 2, 14))
    assert sweep(date(2026, 2, 25)) == []  # the due day itself: still yellow, already issued
    issued = sweep(date(2026, 2, 26))
    assert [(c.colour, c.reason) for c in issued] == [(CardColour.RED, CardReason.OVERDUE_PROMISE)]
    assert cards_of(promised) == {
        (CardColour.YELLOW, CardReason.NEAR_LIMIT, CardLimit.PROMISE),
        (CardColour.RED, CardReason.OVERDUE_PROMISE, CardLimit.PROMISE),
    }
    assert SupervisionCard.objects.filter(state="issued").count() == 2


def test_the_legal_limit_is_carded_apart_from_the_promise(promised):
    sweep(date(2026, 2, 26))
    assert sweep(date(2026, 3, 12)) == []  # Mar 13, 16, 17 left
    yellow = sweep(date(2026, 3, 13))  # Mar 16 and 17 left
    assert [(c.colour, c.limit) for c in yellow] == [(CardColour.YELLOW, CardLimit.LEGAL)]
    red = sweep(date(2026, 3, 18))
    assert [(c.reason, c.limit) for c in red] == [(CardReason.OVERDUE_LAW, CardLimit.LEGAL)]


def test_the_item_margin_replaces_the_default(world, today_is):
    case = accepted(world, today_is, date(2026, 2, 11), legal_limit=20, promised_limit=5)
    case.item.yellow_days = 0
    case.item.save(update_fields=["yellow_days"])
    assert sweep(date(2026, 2, 24)) == []
    assert sweep(date(2026, 2, 25)) != []  # the due day itself: 0 days left


def test_the_sweep_is_idempotent(promised):
    first = sweep(date(2026, 2, 26))
    assert first
    assert sweep(date(2026, 2, 26)) == []
    assert sweep(date(2026, 2, 27)) == []
    assert SupervisionCard.objects.count() == len(first)


def test_a_withdrawn_card_is_not_issued_again(world, promised):
    from gongkai.orgs.roles import Role
    from gongkai.services.services.cards import withdraw
    from gongkai.testing.factories import staff

    supervisor = staff("jiancha", (world.general_office, Role.SUPERVISOR))
    [card] = sweep(date(2026, 2, 14))
    withdraw(card, actor=supervisor, comment="已电话核实，申请人同意")
    assert sweep(date(2026, 2, 14)) == []


def test_a_paused_case_is_not_counted_while_paused(world, today_is, promised):
    today_is(date(2026, 2, 13))
    procedure = cases.start_procedure(
        promised, kind="expert", planned_days=10, actor=world.handler_finance
    )
    assert sweep(date(2026, 3, 20)) == []  # past both limits, but paused
    today_is(date(2026, 3, 20))
    cases.end_procedure(procedure, actor=world.handler_finance)
    promised.refresh_from_db()
    assert promised.promise_due > date(2026, 3, 20)
    issued = sweep(date(2026, 3, 20))
    assert {c.colour for c in issued} <= {CardColour.YELLOW}


def test_closed_cases_get_no_limit_cards(world, today_is, promised):
    today_is(date(2026, 2, 24))
    cases.decide(promised, actor=world.reviewer_finance, outcome="granted", reasons="符合条件")
    promised.refresh_from_db()
    assert promised.state == CaseState.DECIDED
    assert sweep(date(2026, 2, 26)) == []  # the certificate has 10 working days


def test_the_certificate_is_a_stage(world, today_is, promised):
    today_is(date(2026, 2, 24))
    cases.decide(promised, actor=world.reviewer_finance, outcome="granted", reasons="符合条件")
    promised.refresh_from_db()
    due = promised.certificate_due
    issued = sweep(due + timedelta(days=1))
    assert [(c.colour, c.reason, c.limit) for c in issued] == [
        (CardColour.RED, CardReason.STAGE_LATE, CardLimit.CERTIFICATE)
    ]


def test_measure_reads_without_writing(promised):
    from gongkai.services.services.cards import measure

    figures = measure(date(2026, 2, 26))
    assert figures["open_cases"] == 1 and figures["cards_due"] == 1
    assert not SupervisionCard.objects.exists()

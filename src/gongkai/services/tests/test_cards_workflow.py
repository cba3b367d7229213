"""电子监察: anomaly cards, and a card's way from issued to confirmed or withdrawn."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.orgs.roles import Role
from gongkai.services.models import CardReason, Case, CaseState, SupervisionCard
from gongkai.services.services import cards
from gongkai.services.services.cards import sweep
from gongkai.testing.factories import staff
from gongkai.workflow import TransitionRefused

from .case_helpers import apply, published_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(world, today_is):
    today_is(date(2026, 2, 12))
    return apply(published_item(world)).case


@pytest.fixture
def supervisor(world):
    return staff("jiancha", (world.general_office, Role.SUPERVISOR))


def reasons(case):
    return {c.reason for c in SupervisionCard.objects.filter(case=case)}


def test_a_case_entered_after_the_fact_is_red_carded_once(case):
    Case.objects.filter(pk=case.pk).update(entered_late=True, late_reason="系统故障")
    [card] = sweep(date(2026, 2, 13))
    assert (card.colour, card.reason) == ("red", CardReason.OUTSIDE_SYSTEM)
    assert sweep(date(2026, 2, 13)) == []


def test_a_missed_correction_window_is_a_late_stage(world, today_is, case):
    # received Feb 12: the window is Feb 13, 14 (make-up), 24, 25, 26
    assert case.correction_notice_by == date(2026, 2, 26)
    assert [c.colour for c in sweep(date(2026, 2, 25))] == ["yellow"]
    today_is(date(2026, 2, 27))
    from gongkai.services.services.cases import deem_overdue_cases

    assert deem_overdue_cases() == 1
    issued = sweep(date(2026, 2, 27))
    assert {(c.reason, c.limit) for c in issued} >= {(CardReason.STAGE_LATE, "correction")}


def test_a_refusal_after_the_window_is_refusing_a_complete_application(case):
    Case.objects.filter(pk=case.pk).update(
        state=CaseState.REJECTED, refused_on=date(2026, 3, 2), refusal_reasons="材料不全"
    )
    sweep(date(2026, 3, 2))
    assert reasons(case) == {CardReason.REFUSED_COMPLETE}


def test_a_refusal_without_reasons(case):
    Case.objects.filter(pk=case.pk).update(
        state=CaseState.REJECTED, refused_on=date(2026, 2, 13), refusal_reasons=""
    )
    sweep(date(2026, 2, 13))
    assert reasons(case) == {CardReason.NO_REASONS}


def test_a_refusal_with_reasons_in_the_window_is_not_carded(world, case):
    from gongkai.services.services.cases import refuse

    refuse(case, actor=world.handler_finance, reasons="不属于本机关职权范围")
    assert sweep(date(2026, 2, 13)) == []


def test_the_department_explains_and_the_supervisor_confirms(world, case, supervisor):
    Case.objects.filter(pk=case.pk).update(entered_late=True)
    [card] = sweep(date(2026, 2, 13))
    with pytest.raises(PermissionDenied):
        cards.explain(card, actor=supervisor, text="监察不能代为说明")
    with pytest.raises(TransitionRefused):
        cards.explain(card, actor=world.handler_finance, text=" ")
    cards.explain(card, actor=world.handler_finance, text="窗口系统停电，当日纸质登记")
    card.refresh_from_db()
    assert (card.state, card.explanation) == ("explained", "窗口系统停电，当日纸质登记")
    with pytest.raises(PermissionDenied):
        cards.confirm(card, actor=world.office)
    cards.confirm(card, actor=supervisor)
    card.refresh_from_db()
    assert card.state == "confirmed"
    assert [e.label for e in card.timeline.order_by("pk")][-2:] == ["部门说明", "监察确认"]


def test_withdrawing_needs_a_comment(case, supervisor):
    Case.objects.filter(pk=case.pk).update(entered_late=True)
    [card] = sweep(date(2026, 2, 13))
    with pytest.raises(TransitionRefused):
        cards.withdraw(card, actor=supervisor, comment="")
    cards.withdraw(card, actor=supervisor, comment="经核实系测试数据")
    card.refresh_from_db()
    assert card.state == "withdrawn"
    with pytest.raises(TransitionRefused):
        cards.confirm(card, actor=supervisor)


def test_one_open_card_per_case_reason_and_limit(case):
    from django.db import IntegrityError, transaction

    Case.objects.filter(pk=case.pk).update(entered_late=True)
    [card] = sweep(date(2026, 2, 13))
    with pytest.raises(IntegrityError), transaction.atomic():
        SupervisionCard.objects.create(
            case=card.case,
            department=card.department,
            colour="red",
            reason=card.reason,
            limit=card.limit,
            issued_on=date(2026, 2, 14),
        )


def test_the_supervisor_changes_nothing_but_cards():
    from gongkai.access.policy import RULES, SUP

    changing = {
        name
        for name, rule in RULES.items()
        if SUP in rule.roles and not name.split(".", 1)[1].startswith("view")  # reading rules
    }
    assert changing == {"services.judge_card"}

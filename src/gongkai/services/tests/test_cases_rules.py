"""The licensing law on cases, with real dates around the 2025 National Day (off Oct 1–8,
make-up Sun Sep 28 and Sat Oct 11) and the 2026 Spring Festival (off Feb 15–23,
make-up Sat Feb 14 and Sat Feb 28). The start day is never counted."""

from datetime import date

import pytest

from gongkai.core.errors import DomainError
from gongkai.services.models import CaseState
from gongkai.services.services import cases
from gongkai.workdays.models import ClockState

from .case_helpers import apply, published_item

pytestmark = pytest.mark.django_db


def received(world, today_is, day, **guide):
    today_is(day)
    service = published_item(world, **guide)
    return apply(service).case


def test_the_correction_window_is_five_working_days_across_spring_festival(world, today_is):
    case = received(world, today_is, date(2026, 2, 12))
    # Feb 13, 14 (make-up Sat), 24, 25, 26
    assert case.correction_notice_by == date(2026, 2, 26)
    assert case.state == CaseState.PENDING


def test_a_notice_within_the_window_and_acceptance_after_the_supply(world, today_is):
    case = received(world, today_is, date(2026, 2, 12))
    today_is(date(2026, 2, 26))  # the last day of the window
    cases.request_correction(
        case, actor=world.handler_finance, missing="申请书未签字\n缺少营业执照"
    )
    case.refresh_from_db()
    assert case.state == CaseState.CORRECTION
    assert case.correction.missing_items == ["申请书未签字", "缺少营业执照"]
    today_is(date(2026, 3, 2))
    cases.supply_correction(case, note="已补签")
    case.refresh_from_db()
    assert case.state == CaseState.PENDING
    cases.accept(case, actor=world.handler_finance)
    case.refresh_from_db()
    assert case.accepted_on == date(2026, 3, 2) and not case.deemed_accepted
    # 20 working days from Mon 2 Mar: Mar 3–6, 9–13, 16–20, 23–27, 30
    assert case.decision_due == date(2026, 3, 30)


def test_a_notice_on_day_six_is_refused_and_the_case_is_deemed_accepted_on_receipt(world, today_is):
    case = received(world, today_is, date(2025, 9, 26))
    # Sep 28 (make-up Sun), 29, 30, Oct 9, 10: the window ends Fri 10 Oct
    assert case.correction_notice_by == date(2025, 10, 10)
    today_is(date(2025, 10, 11))  # the make-up Saturday: the sixth working day
    with pytest.raises(DomainError) as refused:
        cases.request_correction(case, actor=world.handler_finance, missing="缺少申请书原件")
    assert refused.value.code == "deemed_accepted"
    assert "视为受理" in refused.value.message
    case.refresh_from_db()
    assert case.state == CaseState.REVIEW
    assert case.deemed_accepted and case.accepted_on == date(2025, 9, 26)
    # the decision clock runs from receipt: 20 working days from 26 Sep is 30 Oct
    assert case.decision_due == date(2025, 10, 30)
    assert case.clocks()["correction_notice"].state == ClockState.OVERDUE


def test_accepting_after_the_window_accepts_as_of_the_day_received(world, today_is):
    case = received(world, today_is, date(2025, 9, 26))
    today_is(date(2025, 10, 13))
    cases.accept(case, actor=world.handler_finance)
    case.refresh_from_db()
    assert case.deemed_accepted and case.accepted_on == date(2025, 9, 26)
    assert case.decision_due == date(2025, 10, 30)


def test_the_job_deems_late_cases_accepted(world, today_is):
    case = received(world, today_is, date(2025, 9, 26))
    assert cases.deem_overdue_cases(date(2025, 10, 10)) == 0
    assert cases.deem_overdue_cases(date(2025, 10, 11)) == 1
    case.refresh_from_db()
    assert case.state == CaseState.REVIEW and case.accepted_on == date(2025, 9, 26)


def test_a_second_correction_notice_is_refused(world, today_is):
    case = received(world, today_is, date(2026, 2, 12))
    cases.request_correction(case, actor=world.handler_finance, missing="缺少申请书")
    cases.supply_correction(case, note="已补充")
    case.refresh_from_db()
    with pytest.raises(DomainError) as refused:
        cases.request_correction(case, actor=world.handler_finance, missing="还缺营业执照")
    assert refused.value.code == "correction_once"
    assert "一次性告知" in refused.value.message


def test_a_refusal_needs_reasons(world, today_is):
    case = received(world, today_is, date(2026, 2, 12))
    with pytest.raises(DomainError):
        cases.refuse(case, actor=world.handler_finance, reasons="  ")
    cases.refuse(case, actor=world.handler_finance, reasons="申请事项不属于本机关职权范围")
    case.refresh_from_db()
    assert case.state == CaseState.REJECTED and case.next_due is None


def accepted(world, today_is, day, **guide):
    case = received(world, today_is, day, **guide)
    cases.accept(case, actor=world.handler_finance)
    case.refresh_from_db()
    return case


def test_promise_and_legal_limit_are_both_due_dates(world, today_is):
    case = accepted(world, today_is, date(2026, 2, 11), legal_limit=20, promised_limit=5)
    # promise: Feb 12, 13, 14 (make-up Sat), 24, 25; law: … Mar 17
    assert case.promise_due == date(2026, 2, 25)
    assert case.decision_due == date(2026, 3, 17)
    assert case.next_due == date(2026, 2, 25)


def test_the_single_extension_and_a_second_refused(world, today_is):
    case = accepted(world, today_is, date(2025, 9, 26))
    request = cases.request_extension(
        case, days=10, reason="需实地核查申请人经营场所", actor=world.handler_finance
    )
    cases.decide_extension(request, approve=True, actor=world.reviewer_finance)
    case.refresh_from_db()
    # Oct 30 is day 20; Oct 31, Nov 3–7, 10–13 are days 21–30
    assert case.decision_due == date(2025, 11, 13)
    assert case.promise_due == date(2025, 10, 16)  # the promise is not extended
    public = [e.text for e in case.timeline if e.public and e.kind == "extension_approved"]
    assert "需实地核查申请人经营场所" in public[0]
    with pytest.raises(DomainError) as refused:
        cases.request_extension(case, days=1, reason="再延", actor=world.handler_finance)
    assert refused.value.code == "extension_once"


def test_an_extension_longer_than_ten_days_is_refused_and_joint_cases_get_fifteen(world, today_is):
    case = accepted(world, today_is, date(2025, 9, 26))
    with pytest.raises(DomainError):
        cases.request_extension(case, days=11, reason="复杂", actor=world.handler_finance)
    joint = received(world, today_is, date(2026, 2, 11))
    joint.joint = True
    joint.save(update_fields=["joint"])
    cases.accept(joint, actor=world.handler_finance)
    joint.refresh_from_db()
    assert joint.decision_due == date(2026, 4, 22)  # 45 working days
    assert joint.promise_due is None
    request = cases.request_extension(
        joint, days=15, reason="联合审查", actor=world.handler_finance
    )
    cases.decide_extension(request, approve=True, actor=world.reviewer_finance)


def test_only_the_head_of_the_body_approves_the_extension(world, today_is):
    from django.core.exceptions import PermissionDenied

    case = accepted(world, today_is, date(2025, 9, 26))
    request = cases.request_extension(case, days=5, reason="核查", actor=world.handler_finance)
    with pytest.raises(PermissionDenied):
        cases.decide_extension(request, approve=True, actor=world.handler_finance)


def test_special_procedures_pause_the_decision_and_the_promise(world, today_is):
    case = accepted(world, today_is, date(2026, 2, 11))
    assert case.decision_due == date(2026, 3, 17)
    today_is(date(2026, 2, 24))
    procedure = cases.start_procedure(
        case, kind="expert", planned_days=5, actor=world.handler_finance, note="组织专家评审"
    )
    case.refresh_from_db()
    assert case.decision_due is None  # paused: no due date while it lasts
    today_is(date(2026, 3, 3))
    cases.end_procedure(procedure, actor=world.handler_finance)
    case.refresh_from_db()
    # Feb 25, 26, 27, 28 (make-up Sat), Mar 2, 3: six working days not counted
    assert case.decision_due == date(2026, 3, 25)
    # 10 days: Feb 12, 13, 14, 24, then Mar 4, 5, 6, 9, 10, 11
    assert case.promise_due == date(2026, 3, 11)
    views = {v.stage: v for v in cases.due_views(case)}
    assert "暂停6个工作日不计入" in views["decision"].summary


def test_the_certificate_is_due_ten_working_days_after_the_decision(world, today_is):
    case = accepted(world, today_is, date(2025, 9, 19))
    today_is(date(2025, 9, 26))
    cases.decide(case, actor=world.reviewer_finance, outcome="granted", reasons="符合法定条件")
    case.refresh_from_db()
    assert case.state == CaseState.DECIDED
    assert case.certificate_due == date(2025, 10, 16)
    clocks = case.clocks()
    assert clocks["decision"].state == ClockState.MET
    assert clocks["promise"].state == ClockState.MET
    with pytest.raises(DomainError):
        cases.issue(case, actor=world.handler_finance)  # no certificate number
    today_is(date(2025, 10, 16))
    cases.issue(case, actor=world.handler_finance, certificate_number="ZF2025-001")
    cases.deliver(case, actor=world.handler_finance, method="窗口领取")
    case.refresh_from_db()
    assert case.state == CaseState.DELIVERED
    assert case.clocks()["certificate"].state == ClockState.MET


def test_a_decision_needs_reasons_and_the_reviewer(world, today_is):
    from django.core.exceptions import PermissionDenied

    case = accepted(world, today_is, date(2025, 9, 19))
    with pytest.raises(PermissionDenied):
        cases.decide(case, actor=world.handler_finance, outcome="granted", reasons="符合")
    with pytest.raises(DomainError):
        cases.decide(case, actor=world.reviewer_finance, outcome="denied", reasons="")


def test_the_nightly_job_is_scheduled_and_deems_late_cases_accepted(world, today_is):
    from gongkai.jobs.registry import SCHEDULES
    from gongkai.services.jobs import deem_accepted_cases

    assert SCHEDULES["services.deem_accepted"].cron == "2 0 * * *"
    case = received(world, today_is, date(2025, 9, 26))
    today_is(date(2025, 10, 13))
    assert deem_accepted_cases.call() == 1
    case.refresh_from_db()
    assert case.deemed_accepted and case.state == CaseState.REVIEW

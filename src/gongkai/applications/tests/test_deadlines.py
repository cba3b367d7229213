"""The statutory deadlines of an application with real dates around Spring Festival and National Day 2026.

Each expected date was counted by hand from the 2026 arrangement (国办发明电):
Spring Festival off 16–20 and 23 Feb, make-up working days Sat 14 and Sat 28 Feb;
Mid-Autumn off Fri 25 Sep; National Day off 1–2 and 5–7 Oct, make-up Sat 10 Oct.
"""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.applications import services
from gongkai.applications.models import (
    ApplicationState,
    ConsultationKind,
    ConsultationResult,
    FeeMethod,
    Outcome,
)
from gongkai.core.errors import DomainError
from gongkai.workdays.models import Clock

from .helpers import received

pytestmark = pytest.mark.django_db


def reply_due(application):
    return application.reply_clock().due_date


def test_reply_due_20_working_days_after_receipt_across_spring_festival(world):
    application = received(world.finance, date(2026, 2, 11), world.handler_finance)
    assert application.state == ApplicationState.IN_PROGRESS
    assert application.received_on == date(2026, 2, 11)
    # Feb 12, 13, 14(make-up Sat), 24–27, 28(make-up Sat), Mar 2–6, 9–13, 16, 17
    assert reply_due(application) == date(2026, 3, 17)
    # Art. 30: correction notice within 7 working days: Feb 12, 13, 14, 24, 25, 26, 27
    assert application.correction_notice_by == date(2026, 2, 27)


def test_reply_due_across_national_day(world):
    application = received(world.finance, date(2026, 9, 22), world.handler_finance)
    assert reply_due(application) == date(2026, 10, 27)


def test_correction_restarts_the_reply_period(world):
    application = received(world.finance, date(2026, 2, 11), world.handler_finance)
    correction = services.request_correction(
        application,
        what="请写明所需信息的年份和文号。",
        actor=world.handler_finance,
        on=date(2026, 2, 26),
    )
    application.refresh_from_db()
    assert application.state == ApplicationState.AWAITING_CORRECTION
    # 15 working days: Feb 27, 28(make-up), Mar 2–6, 9–13, 16, 17, 18
    assert correction.deadline == date(2026, 3, 18)
    assert application.reply_clock().state == "paused"

    services.receive_correction(
        application, answer="2016年，天政办发〔2016〕12号", on=date(2026, 3, 4)
    )
    application.refresh_from_db()
    assert application.state == ApplicationState.IN_PROGRESS
    # 20 full working days counted afresh from 4 Mar: Mar 5 … Apr 1
    assert reply_due(application) == date(2026, 4, 1)
    assert application.notices.filter(kind="correction").count() == 1


def test_correction_is_one_time_and_within_seven_working_days(world):
    application = received(world.finance, date(2026, 2, 11), world.handler_finance)
    with pytest.raises(DomainError, match="7个工作日"):
        services.request_correction(
            application, what="请写明年份", actor=world.handler_finance, on=date(2026, 2, 28)
        )
    services.request_correction(
        application, what="请写明年份", actor=world.handler_finance, on=date(2026, 2, 27)
    )
    services.receive_correction(application, answer="2016年", on=date(2026, 3, 2))
    with pytest.raises(DomainError, match="只能作出一次"):
        services.request_correction(
            application, what="再次补正", actor=world.handler_finance, on=date(2026, 3, 3)
        )


def test_no_correction_by_the_deadline_closes_as_abandoned(world):
    application = received(world.finance, date(2026, 2, 11), world.handler_finance)
    services.request_correction(
        application, what="请写明年份", actor=world.handler_finance, on=date(2026, 2, 26)
    )
    assert services.expire_corrections(on=date(2026, 3, 18)) == 0  # the deadline day itself
    assert services.expire_corrections(on=date(2026, 3, 19)) == 1
    application.refresh_from_db()
    assert application.state == ApplicationState.CLOSED
    assert application.outcome == Outcome.OTHER_NO_CORRECTION
    assert application.concluded_on == date(2026, 3, 19)
    assert not Clock.objects.for_subject(application).open().exists()
    with pytest.raises(DomainError):
        services.receive_correction(application, answer="迟到的补正", on=date(2026, 3, 19))


def test_consultation_pauses_the_reply_clock_and_runs_its_own(world):
    application = received(world.finance, date(2026, 9, 22), world.handler_finance)
    consultation = services.start_consultation(
        application,
        kind=ConsultationKind.THIRD_PARTY,
        party="天水某某运输有限公司",
        question="涉及贵公司的补贴金额，是否同意公开？",
        actor=world.handler_finance,
        on=date(2026, 9, 24),
    )
    own = Clock.objects.for_subject(consultation).get()
    # 15 working days from 24 Sep: Sep 28–30, Oct 8, 9, 10(make-up), 12–16, 19–22
    assert own.due_date == date(2026, 10, 22)
    assert application.reply_clock().state == "paused"
    with pytest.raises(DomainError, match="届满前"):
        services.record_consultation_reply(
            consultation,
            result=ConsultationResult.NO_REPLY,
            summary="",
            actor=world.handler_finance,
            on=date(2026, 10, 22),
        )
    services.record_consultation_reply(
        consultation,
        result=ConsultationResult.CONSENT,
        summary="同意公开",
        actor=world.handler_finance,
        on=date(2026, 10, 9),
    )
    # counted before the pause: Sep 23, 24; after 9 Oct: Oct 10 … Nov 3
    assert reply_due(application) == date(2026, 11, 3)


def test_one_extension_of_at_most_20_working_days_approved_by_the_office(world):
    application = received(world.finance, date(2026, 9, 22), world.handler_finance)
    with pytest.raises(DomainError, match="1至20个工作日"):
        services.request_extension(
            application, days=21, reason="涉及多年档案", actor=world.handler_finance
        )
    request = services.request_extension(
        application, days=20, reason="涉及多年档案，需调档核查", actor=world.handler_finance
    )
    with pytest.raises(PermissionDenied):
        services.decide_extension(request, approve=True, actor=world.reviewer_finance)
    services.decide_extension(request, approve=True, actor=world.office)
    # 20 more working days after 27 Oct: Oct 28 … Nov 24
    assert reply_due(application) == date(2026, 11, 24)
    assert application.notices.filter(kind="extension").count() == 1
    with pytest.raises(DomainError, match="延长过一次"):
        services.request_extension(application, days=5, reason="再延", actor=world.handler_finance)


def test_fee_pauses_the_reply_and_payment_resumes_it(world):
    application = received(world.finance, date(2026, 9, 22), world.handler_finance)
    fee = services.issue_fee(
        application,
        method=FeeMethod.BY_PAGES,
        pages=150,
        actor=world.handler_finance,
        on=date(2026, 9, 29),
    )
    assert fee.amount == 1700
    application.refresh_from_db()
    assert application.state == ApplicationState.AWAITING_FEE
    payment = Clock.objects.for_subject(application).get(stage="fee_payment")
    assert payment.due_date == date(2026, 11, 2)
    with pytest.raises(DomainError, match="只能按一种方式"):
        services.issue_fee(application, method=FeeMethod.BY_COUNT, actor=world.handler_finance)
    services.confirm_payment(application, actor=world.handler_finance, on=date(2026, 10, 12))
    application.refresh_from_db()
    assert application.state == ApplicationState.IN_PROGRESS
    # counted: Sep 23, 24, 28, 29; after 12 Oct: Oct 13 … Nov 3
    assert reply_due(application) == date(2026, 11, 3)


def test_unpaid_fee_closes_as_abandoned(world):
    application = received(world.finance, date(2026, 9, 22), world.handler_finance)
    services.issue_fee(
        application,
        method=FeeMethod.BY_PAGES,
        pages=40,
        actor=world.handler_finance,
        on=date(2026, 9, 29),
    )
    assert services.expire_fees(on=date(2026, 11, 2)) == 0
    assert services.expire_fees(on=date(2026, 11, 3)) == 1
    application.refresh_from_db()
    assert application.outcome == Outcome.OTHER_FEE_UNPAID
    assert application.state == ApplicationState.CLOSED


def test_fee_by_count_uses_the_applicants_place_in_the_month(world):
    apps = [
        received(
            world.finance,
            date(2026, 9, 22),
            world.handler_finance,
            description=f"第{i}份文件的全文",
        )
        for i in range(11)
    ]
    with pytest.raises(DomainError, match="免收"):
        services.issue_fee(
            apps[9], method=FeeMethod.BY_COUNT, actor=world.handler_finance, on=date(2026, 9, 23)
        )
    fee = services.issue_fee(
        apps[10], method=FeeMethod.BY_COUNT, actor=world.handler_finance, on=date(2026, 9, 23)
    )
    assert (fee.quantity, fee.amount) == (11, 100)


def test_art35_reasonable_deadline_replaces_the_statutory_one(world):
    application = received(world.finance, date(2026, 9, 22), world.handler_finance)
    services.request_reasons(
        application,
        text="请说明一个月内申请40件的用途",
        actor=world.handler_finance,
        on=date(2026, 9, 23),
    )
    services.record_reasons(application, reasons="课题研究需要", on=date(2026, 9, 24))
    with pytest.raises(DomainError, match="晚于现行答复期限"):
        services.decide_art35(
            application,
            decision="reasonable",
            new_deadline=date(2026, 10, 20),
            actor=world.handler_finance,
            on=date(2026, 9, 28),
        )
    services.decide_art35(
        application,
        decision="reasonable",
        new_deadline=date(2026, 12, 15),
        actor=world.handler_finance,
        on=date(2026, 9, 28),
    )
    clock = application.reply_clock()
    assert clock.stage == "reply_art35"
    assert clock.due_date == date(2026, 12, 15)


def test_excessive_refusal_needs_an_art35_decision(world):
    application = received(world.finance, date(2026, 9, 22), world.handler_finance)
    with pytest.raises(services.ReplyInvalid, match="第三十五条"):
        services.submit_reply(
            application,
            outcome=Outcome.REFUSED_EXCESSIVE,
            legal_basis="条例第三十五条",
            reply_text="",
            actor=world.handler_finance,
            expected_version=application.version,
        )

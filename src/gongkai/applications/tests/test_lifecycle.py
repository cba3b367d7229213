"""An application from submission to delivery, and the guards along the way."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.applications import services
from gongkai.applications.models import (
    Application,
    ApplicationState,
    ChallengeKind,
    ChallengeResult,
    DeliveryMethod,
    FormalNotice,
    Outcome,
)
from gongkai.applications.validation import ApplicationInvalid
from gongkai.audit.models import AuditEvent
from gongkai.core.concurrency import StaleEdit
from gongkai.core.errors import DomainError
from gongkai.notices.models import Notice
from gongkai.workdays.models import Clock
from gongkai.workflow import TransitionRefused
from gongkai.workflow.models import Entry

from .helpers import USCC, applicant_data, received, secrecy_passed, submitted

pytestmark = pytest.mark.django_db


def reply(application, actor, outcome=Outcome.DISCLOSED, **extra):
    fields = {
        "legal_basis": "",
        "reply_text": "所申请信息已在本机关门户网站公开，现随本答复书一并提供。",
    }
    fields.update(extra)
    return services.submit_reply(
        application, outcome=outcome, actor=actor, expected_version=application.version, **fields
    )


def test_online_submission_waits_for_confirmation(world, today_is):
    today_is(date(2026, 11, 2))
    sub = services.submit_online(applicant_data(world.finance))
    application = sub.application
    assert sub.created
    assert application.state == ApplicationState.AWAITING_CONFIRMATION
    assert application.received_on is None
    assert application.tracking_number.startswith(f"YSQ2026-{world.finance.pk:04d}-")
    assert (
        services.find_for_lookup(application.tracking_number, password=sub.password) == application
    )
    assert services.find_for_lookup(application.tracking_number, password="WRONG123") is None
    assert services.find_for_lookup(application.tracking_number, phone="13800000000") == application
    assert not Clock.objects.for_subject(application).exists()
    # the applicant is told by SMS and email; the password is never sent
    sent = Notice.objects.filter(object_id=str(application.pk))
    assert {n.channel for n in sent} >= {"sms", "email"}
    assert all(sub.password not in n.body for n in sent)


def test_tracking_numbers_are_per_agency_and_year(world):
    a = services.submit_online(applicant_data(world.finance)).application
    b = services.submit_online(
        applicant_data(world.finance, description="另一份文件的全文")
    ).application
    c = services.submit_online(applicant_data(world.environment)).application
    assert a.tracking_number[-5:] == "00001"
    assert b.tracking_number[-5:] == "00002"
    assert c.tracking_number[-5:] == "00001"


def test_double_submission_creates_one_application(world):
    from gongkai.core import idempotency

    first = services.submit_online(applicant_data(world.finance), idempotency_key="abc-1")
    again = services.submit_online(applicant_data(world.finance), idempotency_key="abc-1")
    assert not again.created
    assert again.application.pk == first.application.pk
    # the replay shows the first password, which still works
    assert again.password == first.password
    assert services.find_for_lookup(first.application.tracking_number, password=first.password)
    # the same applicant and content again within minutes, without the key: refused
    with pytest.raises(idempotency.AlreadySubmitted):
        services.submit_online(applicant_data(world.finance))
    assert Application.objects.count() == 1
    assert services.find_for_lookup(first.application.tracking_number, password=first.password)


def test_invalid_data_creates_nothing(world):
    bad = applicant_data(world.finance, id_number="110105194912310021")  # wrong check digit
    with pytest.raises(ApplicationInvalid) as error:
        services.submit_online(bad)
    assert "校验位" in error.value.errors["id_number"][0]
    org = applicant_data(
        world.finance,
        applicant_kind="organisation",
        id_type="uscc",
        id_number=USCC[:-1] + "0",
        contact_person="李四",
        org_subtype="commercial",
    )
    with pytest.raises(ApplicationInvalid) as error:
        services.submit_online(org)
    assert "校验位" in error.value.errors["id_number"][0]
    with pytest.raises(ApplicationInvalid) as error:
        services.submit_online(applicant_data(world.finance, description="", phone=""))
    assert set(error.value.errors) >= {"description", "phone"}
    with pytest.raises(ApplicationInvalid) as error:
        services.submit_online(
            applicant_data(
                world.finance, applicant_kind="organisation", id_type="uscc", id_number=USCC
            )
        )
    assert set(error.value.errors) >= {"org_subtype", "contact_person"}
    assert Application.objects.count() == 0
    assert not Entry.objects.exists()


def test_html_is_kept_as_text(world):
    sub = services.submit_online(
        applicant_data(world.finance, description="<script>alert(1)</script>的文件")
    )
    assert sub.application.description == "<script>alert(1)</script>的文件"


def test_paper_application_received_in_person_counts_from_the_day_submitted(world):
    sub = services.register_offline(
        applicant_data(world.finance),
        channel="in_person",
        received_on=date(2026, 9, 22),
        actor=world.handler_finance,
        registered_on=date(2026, 9, 22),
    )
    application = sub.application
    assert application.state == ApplicationState.IN_PROGRESS
    assert application.reply_clock().due_date == date(2026, 10, 27)
    with pytest.raises(ApplicationInvalid):
        services.register_offline(
            applicant_data(world.finance), channel="post", actor=world.handler_finance
        )
    with pytest.raises(PermissionDenied):
        services.register_offline(
            applicant_data(world.finance),
            channel="in_person",
            received_on=date(2026, 9, 22),
            actor=world.handler_environment,
        )
    letter = services.register_offline(
        applicant_data(world.finance, description="平信寄来的申请内容"),
        channel="letter",
        actor=world.handler_finance,
    )
    assert letter.application.state == ApplicationState.AWAITING_CONFIRMATION


def test_reply_reviewed_then_issued_with_a_numbered_notice(world):
    application = received(world.finance, date(2026, 9, 22), world.handler_finance)
    with pytest.raises(PermissionDenied):
        reply(application, world.handler_environment)
    reply(application, world.handler_finance)
    application.refresh_from_db()
    assert application.state == ApplicationState.REPLY_REVIEW
    with pytest.raises(PermissionDenied):
        services.approve_reply(application, actor=world.handler_finance, on=date(2026, 10, 9))
    with pytest.raises(TransitionRefused, match="意见"):
        services.return_reply(application, actor=world.reviewer_finance, comment=" ")
    services.return_reply(application, actor=world.reviewer_finance, comment="请补充获取方式")
    application.refresh_from_db()
    assert application.state == ApplicationState.IN_PROGRESS
    reply(application, world.handler_finance, reply_text="请于工作日到市财政局政务公开办公室领取。")
    secrecy_passed(application)
    services.approve_reply(application, actor=world.reviewer_finance, on=date(2026, 10, 9))
    application.refresh_from_db()
    assert application.state == ApplicationState.REPLIED
    assert application.concluded_on == date(2026, 10, 9)
    clock = application.reply_clock()
    assert clock.state == "met" and clock.finished_on == date(2026, 10, 9)
    notice = FormalNotice.objects.get(application=application, kind="reply")
    assert notice.number == f"{world.finance.short_name}依申〔2026〕1号"
    assert "予以公开" in notice.body and "行政复议" in notice.body
    services.record_delivery(
        application, method=DeliveryMethod.EMAIL, actor=world.handler_finance, on=date(2026, 10, 9)
    )
    application.refresh_from_db()
    assert application.state == ApplicationState.CLOSED
    actions = set(
        AuditEvent.objects.filter(object_id=str(application.pk)).values_list("action", flat=True)
    )
    assert {
        "applications.application.confirm",
        "applications.application.submit_reply",
        "applications.reply",
    } <= actions


def test_late_reply_completes_the_clock_as_overdue(world):
    application = received(world.finance, date(2026, 9, 22), world.handler_finance)
    reply(application, world.handler_finance)
    secrecy_passed(application)
    services.approve_reply(application, actor=world.reviewer_finance, on=date(2026, 10, 28))
    assert application.reply_clock().state == "overdue"


def test_concurrent_reply_drafts_cannot_overwrite_each_other(world):
    application = received(world.finance, date(2026, 9, 22), world.handler_finance)
    stale_version = application.version
    reply(application, world.handler_finance)
    services.return_reply(application, actor=world.reviewer_finance, comment="再核实")
    application.refresh_from_db()
    with pytest.raises(StaleEdit):
        services.submit_reply(
            application,
            outcome=Outcome.DISCLOSED,
            legal_basis="",
            reply_text="旧稿",
            actor=world.both,
            expected_version=stale_version,
        )


def test_reply_needs_a_basis_unless_disclosed(world):
    application = received(world.finance, date(2026, 9, 22), world.handler_finance)
    with pytest.raises(services.ReplyInvalid) as error:
        reply(application, world.handler_finance, outcome=Outcome.WITHHELD_STATE_SECRET)
    assert "legal_basis" in error.value.errors
    with pytest.raises(services.ReplyInvalid):
        reply(
            application, world.handler_finance, outcome=Outcome.OTHER_NO_CORRECTION, legal_basis="x"
        )
    with pytest.raises(services.ReplyInvalid, match="已经补正"):
        reply(
            application,
            world.handler_finance,
            outcome=Outcome.UNABLE_STILL_UNCLEAR,
            legal_basis="第三十六条",
        )


def test_not_held_can_be_forwarded_to_the_responsible_agency(world):
    application = received(world.finance, date(2026, 9, 22), world.handler_finance)
    reply(
        application,
        world.handler_finance,
        outcome=Outcome.UNABLE_NOT_HELD,
        legal_basis="《中华人民共和国政府信息公开条例》第三十六条第（五）项",
        reply_text="",
        forward_to=world.environment,
    )
    application.refresh_from_db()
    services.approve_reply(application, actor=world.reviewer_finance, on=date(2026, 9, 30))
    application.refresh_from_db()
    copy = application.forwarded_to
    assert copy.department == world.environment
    assert copy.state == ApplicationState.AWAITING_CONFIRMATION
    assert copy.id_number == application.id_number
    assert application.referred_agency_name == world.environment.name
    assert "天水市环境保护局负责公开" in application.notices.get(kind="reply").body


def test_withdrawal_by_the_applicant_counts_as_other(world):
    application = received(world.finance, date(2026, 9, 22), world.handler_finance)
    services.withdraw(application, reason="已从其他渠道获得", on=date(2026, 9, 24))
    application.refresh_from_db()
    assert application.state == ApplicationState.CLOSED
    assert application.outcome == Outcome.OTHER
    assert not Clock.objects.for_subject(application).open().exists()
    never_received = submitted(world.finance, date(2026, 9, 22), description="未确认就撤回的申请")
    services.withdraw(never_received, on=date(2026, 9, 23))
    never_received.refresh_from_db()
    assert never_received.outcome == ""


def test_challenges_are_recorded_after_the_reply(world):
    application = received(world.finance, date(2026, 9, 22), world.handler_finance)
    with pytest.raises(PermissionDenied):
        services.record_challenge(
            application,
            kind=ChallengeKind.RECONSIDERATION,
            filed_on=date(2026, 10, 20),
            body="天水市人民政府",
            actor=world.handler_finance,
        )
    reply(application, world.handler_finance)
    secrecy_passed(application)
    services.approve_reply(application, actor=world.reviewer_finance, on=date(2026, 10, 9))
    application.refresh_from_db()
    with pytest.raises(DomainError, match="先登记"):
        services.record_challenge(
            application,
            kind=ChallengeKind.LITIGATION_AFTER,
            filed_on=date(2026, 11, 2),
            body="秦州区人民法院",
            actor=world.handler_finance,
        )
    case = services.record_challenge(
        application,
        kind=ChallengeKind.RECONSIDERATION,
        filed_on=date(2026, 10, 20),
        body="天水市人民政府",
        actor=world.handler_finance,
    )
    services.record_challenge_result(
        case, result=ChallengeResult.UPHELD, decided_on=date(2026, 11, 20), actor=world.office
    )
    case.refresh_from_db()
    assert case.result == ChallengeResult.UPHELD
    services.record_challenge(
        application,
        kind=ChallengeKind.LITIGATION_AFTER,
        filed_on=date(2026, 11, 25),
        body="秦州区人民法院",
        actor=world.handler_finance,
    )
    assert application.challenges.count() == 2


def test_attachments_are_sniffed_and_a_disguised_file_creates_nothing(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.files.services import FileRejected
    from gongkai.files.tests import samples

    sub = services.submit_online(
        applicant_data(world.finance),
        files=[
            ("id_copy", SimpleUploadedFile("身份证.png", samples.png(), "image/png")),
            (
                "authorisation",
                SimpleUploadedFile("委托书.pdf", samples.pdf("授权委托书"), "application/pdf"),
            ),
        ],
    )
    assert sorted(sub.application.files.values_list("purpose", flat=True)) == [
        "authorisation",
        "id_copy",
    ]
    exe = SimpleUploadedFile("申请表.pdf", b"MZ\x90\x00" + b"\x00" * 200, "application/pdf")
    with pytest.raises(FileRejected):
        services.submit_online(
            applicant_data(world.finance, description="另一份申请的内容描述"),
            files=[("supporting", exe)],
        )
    assert Application.objects.count() == 1


def test_disclosed_files_and_paper_corrections_are_stored(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.files.tests import samples

    application = received(world.finance, date(2026, 9, 22), world.handler_finance)
    services.request_correction(
        application, what="请写明年份", actor=world.handler_finance, on=date(2026, 9, 23)
    )
    services.receive_correction(
        application,
        answer="见附件",
        files=[SimpleUploadedFile("补正.pdf", samples.pdf("2016年"), "application/pdf")],
        actor=world.handler_finance,
        on=date(2026, 9, 24),
    )
    application.refresh_from_db()
    services.submit_reply(
        application,
        outcome=Outcome.DISCLOSED,
        legal_basis="",
        reply_text="",
        actor=world.handler_finance,
        expected_version=application.version,
        disclosed_files=[
            SimpleUploadedFile("补贴明细.pdf", samples.pdf("补贴明细"), "application/pdf")
        ],
    )
    assert sorted(application.files.values_list("purpose", flat=True)) == [
        "correction",
        "disclosed",
    ]

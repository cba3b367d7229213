"""Every action of the staff pages through a POST: it changes the application, and a
person who may not take it gets 403 (or 404 when they may not even see it)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.applications import services
from gongkai.applications.models import (
    Application,
    ApplicationState,
    Challenge,
    Consultation,
    Outcome,
    StepKind,
)
from gongkai.workdays import add_working_days
from gongkai.workdays.models import ExtensionRequest

from .helpers import applicant_data, received, submitted

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"workbench:applications_staff:{name}", args=args)


# Fixed dates inside the calendar's data (2026): received on Tue 1 Sep, acted on Thu 3 Sep.
RECEIVED = date(2026, 9, 1)
ON = date(2026, 9, 3)


def today():
    return timezone.localdate()


@pytest.fixture
def in_progress(world):
    return received(world.finance, RECEIVED, world.handler_finance)


def post(client, user, name, application, data, *extra):
    client.force_login(user)
    return client.post(url(name, application.pk, *extra), data)


def reload(application):
    return Application.objects.get(pk=application.pk)


def messages_of(client, response):
    return (
        [str(m) for m in response.wsgi_request._messages]
        if hasattr(response, "wsgi_request")
        else []
    )


# -- intake ------------------------------------------------------------------------


def test_confirm_receipt_starts_the_clock_and_a_second_click_is_refused_nicely(client, world):
    application = submitted(world.finance, RECEIVED)
    data = {"confirm-on": ON.isoformat()}
    response = post(client, world.handler_finance, "confirm", application, data)
    assert response.status_code == 302
    application = reload(application)
    assert application.state == ApplicationState.IN_PROGRESS
    assert application.received_on == ON
    assert application.reply_clock() is not None

    again = client.post(url("confirm", application.pk), data, follow=True)
    assert again.status_code == 200
    html = again.content.decode()
    assert "当前状态为“办理中”，不能确认收到" in html
    assert application.timeline.filter(kind=StepKind.CONFIRMED).count() == 1


def test_confirm_is_refused_to_a_colleague_without_intake_rights(client, world):
    application = submitted(world.finance, RECEIVED)
    response = post(
        client, world.secrecy_finance, "confirm", application, {"confirm-on": ON.isoformat()}
    )
    assert response.status_code == 403
    assert reload(application).state == ApplicationState.AWAITING_CONFIRMATION


def test_another_department_cannot_even_see_the_application(client, world):
    application = submitted(world.finance, RECEIVED)
    response = post(
        client,
        world.handler_environment,
        "confirm",
        application,
        {"confirm-on": ON.isoformat()},
    )
    assert response.status_code == 404


def test_confirm_date_in_the_future_is_shown_beside_the_form(client, world):
    application = submitted(world.finance, RECEIVED)
    future = (today() + timedelta(days=3)).isoformat()
    response = post(client, world.handler_finance, "confirm", application, {"confirm-on": future})
    assert response.status_code == 400
    assert "不能登记将来的日期" in response.content.decode()
    assert reload(application).state == ApplicationState.AWAITING_CONFIRMATION


def test_discard_needs_a_reason(client, world):
    application = submitted(world.finance, RECEIVED)
    response = post(client, world.handler_finance, "discard", application, {"discard-reason": ""})
    assert response.status_code == 400
    assert "请填写作废理由" in response.content.decode()
    response = post(
        client, world.handler_finance, "discard", application, {"discard-reason": "测试数据"}
    )
    assert response.status_code == 302
    assert reload(application).state == ApplicationState.DISCARDED


def test_office_assigns_a_handler_and_the_reply_clock_follows(client, world, in_progress):
    response = post(
        client, world.office, "assign", in_progress, {"assign-assignee": world.handler_finance.pk}
    )
    assert response.status_code == 302
    application = reload(in_progress)
    assert application.assignee == world.handler_finance
    assert application.reply_clock().assignee == world.handler_finance
    # Someone of another department is not offered and not accepted.
    response = post(
        client,
        world.office,
        "assign",
        in_progress,
        {"assign-assignee": world.handler_environment.pk},
    )
    assert response.status_code == 400
    assert "不是本机关的工作人员" in response.content.decode()
    response = post(
        client,
        world.secrecy_finance,
        "assign",
        in_progress,
        {"assign-assignee": world.handler_finance.pk},
    )
    assert response.status_code == 403


def test_register_an_in_person_application(client, world, today_is):
    today_is(RECEIVED)
    client.force_login(world.handler_finance)
    page = client.get(url("register"))
    assert page.status_code == 200
    assert "当面提交" in page.content.decode() and "双方确认之日" in page.content.decode()
    data = applicant_data(world.finance, name="赵六")
    data.update({"channel": "in_person", "received_on": RECEIVED.isoformat()})
    response = client.post(url("register"), data)
    assert response.status_code == 302
    application = Application.objects.get(name="赵六")
    assert application.state == ApplicationState.IN_PROGRESS
    assert application.received_on == RECEIVED
    assert application.channel == "in_person"


def test_register_keeps_what_was_typed_when_something_is_wrong(client, world):
    client.force_login(world.handler_finance)
    data = applicant_data(world.finance, name="赵六", id_number="123")
    data.update({"channel": "post"})
    response = client.post(url("register"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "请填写收到申请之日" in html
    assert 'value="赵六"' in html
    assert not Application.objects.filter(name="赵六").exists()


def test_register_a_fax_waits_for_confirmation(client, world):
    client.force_login(world.handler_finance)
    data = applicant_data(world.finance, name="传真人")
    data.update({"channel": "fax"})
    response = client.post(url("register"), data)
    assert response.status_code == 302
    application = Application.objects.get(name="传真人")
    assert application.state == ApplicationState.AWAITING_CONFIRMATION
    assert application.received_on is None


def test_register_is_refused_for_another_department_and_for_the_confidentiality_reviewer(
    client, world
):
    client.force_login(world.handler_finance)
    data = applicant_data(world.environment, name="越权")
    data.update({"channel": "in_person", "received_on": ON.isoformat()})
    response = client.post(url("register"), data)
    assert response.status_code == 400  # not among the choices offered
    assert not Application.objects.filter(name="越权").exists()
    client.force_login(world.secrecy_finance)
    assert client.get(url("register")).status_code == 403


# -- handling ----------------------------------------------------------------------


def test_correction_requested_and_received_on_paper(client, world, in_progress):
    response = post(
        client,
        world.handler_finance,
        "correction",
        in_progress,
        {"correction-what": "请写明文号", "correction-on": ON.isoformat()},
    )
    assert response.status_code == 302
    application = reload(in_progress)
    assert application.state == ApplicationState.AWAITING_CORRECTION
    assert application.notices.filter(kind="correction").count() == 1
    response = post(
        client,
        world.handler_finance,
        "receive_correction",
        application,
        {"corrected-answer": "天政办发〔2016〕12号", "corrected-on": ON.isoformat()},
    )
    assert response.status_code == 302
    assert reload(application).state == ApplicationState.IN_PROGRESS


def test_correction_is_refused_to_the_office(client, world, in_progress):
    response = post(
        client,
        world.office,
        "correction",
        in_progress,
        {"correction-what": "请写明文号", "correction-on": ON.isoformat()},
    )
    assert response.status_code == 403
    assert reload(in_progress).state == ApplicationState.IN_PROGRESS


def test_consultation_pauses_and_its_reply_resumes(client, world, in_progress):
    response = post(
        client,
        world.handler_finance,
        "consult",
        in_progress,
        {
            "consult-kind": "third_party",
            "consult-party": "天水某建设公司",
            "consult-question": "涉及贵公司的商业信息，是否同意公开？",
            "consult-on": ON.isoformat(),
        },
    )
    assert response.status_code == 302
    consultation = Consultation.objects.get(application=in_progress)
    assert reload(in_progress).reply_clock().state == "paused"
    prefix = f"consultation{consultation.pk}"
    response = post(
        client,
        world.reviewer_finance,
        "consultation_reply",
        in_progress,
        {f"{prefix}-result": "objection", f"{prefix}-summary": "", f"{prefix}-on": ON.isoformat()},
        consultation.pk,
    )
    assert response.status_code == 400
    assert "不同意公开的，请摘要记录其理由" in response.content.decode()
    response = post(
        client,
        world.reviewer_finance,
        "consultation_reply",
        in_progress,
        {
            f"{prefix}-result": "objection",
            f"{prefix}-summary": "涉及商业秘密",
            f"{prefix}-on": ON.isoformat(),
        },
        consultation.pk,
    )
    assert response.status_code == 302
    assert reload(in_progress).reply_clock().state == "running"
    response = post(
        client,
        world.secrecy_finance,
        "consult",
        in_progress,
        {
            "consult-kind": "agency",
            "consult-party": "x",
            "consult-question": "y",
            "consult-on": ON.isoformat(),
        },
    )
    assert response.status_code == 403


def test_extension_requested_by_the_handler_and_approved_by_the_office(client, world, in_progress):
    due_before = in_progress.reply_clock().due_date
    response = post(
        client,
        world.handler_finance,
        "extension",
        in_progress,
        {"extension-days": "21", "extension-reason": "需要调取档案"},
    )
    assert response.status_code == 400
    assert "1至20个工作日" in response.content.decode()
    response = post(
        client,
        world.handler_finance,
        "extension",
        in_progress,
        {"extension-days": "10", "extension-reason": "需要调取档案"},
    )
    assert response.status_code == 302
    request = ExtensionRequest.objects.for_subject(in_progress).get()
    prefix = f"decide{request.pk}"
    refused = post(
        client,
        world.reviewer_finance,
        "decide_extension",
        in_progress,
        {f"{prefix}-decision": "approve"},
        request.pk,
    )
    assert refused.status_code == 403
    response = post(
        client,
        world.office,
        "decide_extension",
        in_progress,
        {f"{prefix}-decision": "approve"},
        request.pk,
    )
    assert response.status_code == 302
    assert reload(in_progress).reply_clock().due_date == add_working_days(due_before, 10)
    # A second click finds it decided: a message, not a second extension.
    again = client.post(
        url("decide_extension", in_progress.pk, request.pk),
        {f"{prefix}-decision": "approve"},
        follow=True,
    )
    assert "该延期申请已经审批" in again.content.decode()
    assert reload(in_progress).reply_clock().extensions.count() == 1


def test_art35_reasons_requested_recorded_and_decided(client, world, in_progress):
    for name, data in [
        (
            "reasons_request",
            {"art35req-text": "请说明大量申请的理由", "art35req-on": ON.isoformat()},
        ),
        ("reasons", {"art35reasons-reasons": "为诉讼收集证据", "art35reasons-on": ON.isoformat()}),
        ("art35", {"art35-decision": "unreasonable"}),
    ]:
        response = post(client, world.handler_finance, name, in_progress, data)
        assert response.status_code == 302, (name, response.content.decode()[:500])
    in_progress.refresh_from_db()
    assert in_progress.art35.decision == "unreasonable"
    response = post(
        client,
        world.office,
        "reasons_request",
        in_progress,
        {"art35req-text": "x", "art35req-on": ON.isoformat()},
    )
    assert response.status_code == 403


def test_fee_quote_is_shown_before_issuing_and_payment_confirmed(client, world, in_progress):
    client.force_login(world.handler_finance)
    page = client.get(url("detail", in_progress.pk), {"fee_method": "pages", "fee_pages": "150"})
    html = page.content.decode()
    assert "按量计收：1700.00 元" in html
    assert "按件计收：0.00 元" in html  # the first application of the month is free by count
    response = client.post(
        url("fee", in_progress.pk),
        {"fee-fee_method": "pages", "fee-fee_pages": "150", "fee-on": ON.isoformat()},
    )
    assert response.status_code == 302
    application = reload(in_progress)
    assert application.state == ApplicationState.AWAITING_FEE
    assert str(application.fee.amount) == "1700.00"
    again = client.post(
        url("fee", in_progress.pk),
        {"fee-fee_method": "count", "fee-on": ON.isoformat()},
        follow=True,
    )
    assert "已经发出过收费通知" in again.content.decode()
    response = post(
        client, world.handler_finance, "payment", application, {"payment-on": ON.isoformat()}
    )
    assert response.status_code == 302
    assert reload(application).state == ApplicationState.IN_PROGRESS


def test_free_fee_is_refused_with_the_reason(client, world, in_progress):
    response = post(
        client,
        world.handler_finance,
        "fee",
        in_progress,
        {"fee-fee_method": "pages", "fee-fee_pages": "20", "fee-on": ON.isoformat()},
    )
    assert response.status_code == 400
    assert "免收信息处理费" in response.content.decode()


def reply_data(application, **overrides):
    data = {
        "reply-expected_version": application.version,
        "reply-outcome": Outcome.UNABLE_NOT_HELD,
        "reply-legal_basis": "《中华人民共和国政府信息公开条例》第三十六条第（五）项",
        "reply-reply_text": "",
        "reply-referred_agency_name": "",
        "reply-referred_agency_contact": "",
        "reply-forward_to": "",
    }
    data.update({f"reply-{k}": v for k, v in overrides.items()})
    return data


def test_reply_submitted_returned_fixed_approved_delivered(client, world, in_progress):
    response = post(
        client,
        world.handler_finance,
        "reply",
        in_progress,
        reply_data(in_progress, legal_basis=""),
    )
    assert response.status_code == 400
    assert "请写明作出该答复的法律依据和理由" in response.content.decode()
    response = post(
        client,
        world.handler_finance,
        "reply",
        in_progress,
        reply_data(in_progress, forward_to=world.environment.pk),
    )
    assert response.status_code == 302
    application = reload(in_progress)
    assert application.state == ApplicationState.REPLY_REVIEW
    # The handler cannot approve their own reply.
    assert (
        post(
            client, world.handler_finance, "approve", application, {"approve-on": ON.isoformat()}
        ).status_code
        == 403
    )
    response = post(
        client, world.reviewer_finance, "return", application, {"return-comment": "请补充联系方式"}
    )
    assert response.status_code == 302
    application = reload(application)
    assert application.state == ApplicationState.IN_PROGRESS
    response = post(
        client,
        world.handler_finance,
        "reply",
        application,
        reply_data(
            application, forward_to=world.environment.pk, referred_agency_contact="0938-8888888"
        ),
    )
    assert response.status_code == 302
    response = post(
        client, world.reviewer_finance, "approve", application, {"approve-on": ON.isoformat()}
    )
    assert response.status_code == 302
    application = reload(application)
    assert application.state == ApplicationState.REPLIED
    assert application.forwarded_to.department == world.environment
    assert application.notices.filter(kind="reply").count() == 1
    response = post(
        client,
        world.handler_finance,
        "delivery",
        application,
        {"delivery-method": "post", "delivery-reference": "", "delivery-on": ON.isoformat()},
    )
    assert response.status_code == 400
    assert "邮寄送达请填写邮件号码" in response.content.decode()
    response = post(
        client,
        world.handler_finance,
        "delivery",
        application,
        {
            "delivery-method": "post",
            "delivery-reference": "XA123456789CN",
            "delivery-on": ON.isoformat(),
        },
    )
    assert response.status_code == 302
    assert reload(application).state == ApplicationState.CLOSED


def test_a_stale_reply_form_does_not_overwrite(client, world, in_progress):
    opened_at = in_progress.version
    Application.objects.filter(pk=in_progress.pk).update(version=opened_at + 1)
    response = post(client, world.handler_finance, "reply", in_progress, reply_data(in_progress))
    assert response.status_code == 400
    assert "已被他人修改" in response.content.decode()
    assert reload(in_progress).state == ApplicationState.IN_PROGRESS


def test_double_posting_the_reply_acts_once(client, world, in_progress):
    data = reply_data(in_progress)
    first = post(client, world.handler_finance, "reply", in_progress, data)
    assert first.status_code == 302
    second = client.post(url("reply", in_progress.pk), data, follow=True)
    assert second.status_code == 200
    assert "当前状态为“答复待审核”" in second.content.decode()
    assert in_progress.timeline.filter(kind=StepKind.REPLY_SUBMITTED).count() == 1


def replied(world):
    application = received(world.finance, RECEIVED, world.handler_finance)
    services.submit_reply(
        application,
        outcome=Outcome.UNABLE_NOT_HELD,
        legal_basis="第三十六条第（四）项",
        reply_text="",
        actor=world.handler_finance,
        expected_version=application.version,
    )
    services.approve_reply(application, actor=world.reviewer_finance)
    return reload(application)


def test_challenges_recorded_with_result_and_litigation_after_reconsideration(client, world):
    application = replied(world)
    data = {
        "challenge-kind": "litigation_after",
        "challenge-filed_on": today().isoformat(),
        "challenge-body": "天水市中级人民法院",
        "challenge-result": "pending",
    }
    response = post(client, world.office, "challenge", application, data)
    assert response.status_code == 400
    assert "请先登记该申请的行政复议" in response.content.decode()
    data.update({"challenge-kind": "reconsideration", "challenge-body": "天水市人民政府"})
    assert post(client, world.office, "challenge", application, data).status_code == 302
    data.update({"challenge-kind": "litigation_after", "challenge-body": "天水市中级人民法院"})
    assert post(client, world.handler_finance, "challenge", application, data).status_code == 302
    assert Challenge.objects.filter(application=application).count() == 2
    reconsideration = Challenge.objects.get(application=application, kind="reconsideration")
    prefix = f"result{reconsideration.pk}"
    response = post(
        client,
        world.reviewer_finance,
        "challenge_result",
        application,
        {f"{prefix}-result": "upheld", f"{prefix}-decided_on": today().isoformat()},
        reconsideration.pk,
    )
    assert response.status_code == 302
    reconsideration.refresh_from_db()
    assert reconsideration.result == "upheld"
    assert post(client, world.secrecy_finance, "challenge", application, data).status_code == 403

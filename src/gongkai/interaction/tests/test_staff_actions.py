"""Every action of the message staff pages through a POST: it changes the message, a
person who may not take it gets 403 (or 404 when they may not even see it), a second
click acts once, and a stale reply draft is refused."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.interaction import services
from gongkai.interaction.models import (
    Channel,
    ChannelKind,
    Message,
    MessageState,
    RefusalReason,
    Satisfaction,
    StepKind,
)
from gongkai.workdays.models import Clock, ExtensionRequest

from .helpers import assigned, mayor_board, message_data, submitted

pytestmark = pytest.mark.django_db

ON = date(2026, 9, 24)  # assigned on Thu 24 Sep 2026; signed Fri 25 Sep is a holiday → 28 Sep
REPLY = "经核实，您的补贴已列入第三批发放名单，预计10月底前发放到账，请注意查收。"


def url(name, *args):
    return reverse(f"workbench:interaction_staff:{name}", args=args)


def post(client, user, name, message, data, *extra, follow=False):
    client.force_login(user)
    return client.post(url(name, message.pk, *extra), data, follow=follow)


def reload(message):
    return Message.objects.get(pk=message.pk)


def signed(world, **overrides):
    message = assigned(world, ON, **overrides)
    services.sign(message, actor=world.handler_finance, on=date(2026, 9, 28))
    return reload(message)


def in_review(world, **overrides):
    message = signed(world, **overrides)
    services.submit_reply(
        message, text=REPLY, actor=world.handler_finance, expected_version=message.version
    )
    return reload(message)


# -- triage ---------------------------------------------------------------------------


def test_assign_by_post_and_a_second_click_acts_once(client, world):
    message = submitted(world, ON)
    data = {
        "assign-lead": world.finance.pk,
        "assign-co": [world.environment.pk],
        "assign-on": ON.isoformat(),
    }
    response = post(client, world.office, "assign", message, data)
    assert response.status_code == 302
    message = reload(message)
    assert message.state == MessageState.ASSIGNED
    assert message.lead_department == world.finance
    assert {(a.department_id, a.role) for a in message.assignments.all()} == {
        (world.finance.pk, "lead"),
        (world.environment.pk, "co"),
    }
    again = post(client, world.office, "assign", message, data, follow=True)
    assert again.status_code == 200
    assert "当前状态为“已交办，待签收”，不能交办" in again.content.decode()
    assert message.assignments.count() == 2
    assert message.timeline.filter(kind=StepKind.ASSIGNED).count() == 1


def test_assign_refused_to_departments_and_hidden_from_others(client, world):
    message = submitted(world, ON)
    data = {"assign-lead": world.finance.pk, "assign-on": ON.isoformat()}
    # a department cannot even see an unassigned message
    assert post(client, world.handler_finance, "assign", message, data).status_code == 404
    assert reload(message).state == MessageState.TRIAGE


def test_assign_to_a_department_of_another_government_is_refused_beside_the_form(client, world):
    message = submitted(world, ON)
    data = {"assign-lead": world.longnan_finance.pk, "assign-on": ON.isoformat()}
    response = post(client, world.office, "assign", message, data)
    assert response.status_code == 400
    assert "所选部门不在本级政府及所辖范围内" in response.content.decode()
    assert reload(message).state == MessageState.TRIAGE


def test_refuse_with_a_reason_and_merge_a_duplicate(client, world):
    original = submitted(world, ON)
    abusive = submitted(world, ON, text="全是骂人的话全是骂人的话，没有具体问题内容。")
    reason = RefusalReason.objects.get(code="abusive")
    response = post(client, world.office, "refuse", abusive, {"refuse-reason": ""})
    assert response.status_code == 400 and "请选择不予受理的理由" in response.content.decode()
    response = post(
        client, world.office, "refuse", abusive, {"refuse-reason": reason.pk, "refuse-note": ""}
    )
    assert response.status_code == 302
    assert reload(abusive).state == MessageState.REFUSED

    repeat = submitted(world, ON, writer_phone="13900001111", writer_name="李四")
    response = post(client, world.office, "merge", repeat, {"merge-original": "LY00000000-9999"})
    assert response.status_code == 400 and "没有查询码为" in response.content.decode()
    response = post(
        client, world.office, "merge", repeat, {"merge-original": original.query_code.lower()}
    )
    assert response.status_code == 302
    repeat = reload(repeat)
    assert repeat.state == MessageState.MERGED and repeat.duplicate_of == original
    page = client.get(url("detail", repeat.pk)).content.decode()
    assert f'href="{url("detail", original.pk)}">{original.query_code}' in page


def test_release_a_held_message(client, world):
    held = services.submit_message(
        message_data(mayor_board(world), text="http://spam.example.com/a http://spam.example.com/b")
    ).message
    assert held.state == MessageState.HELD
    assert post(client, world.office, "release", held, {}).status_code == 302
    assert reload(held).state == MessageState.TRIAGE
    again = post(client, world.office, "release", held, {}, follow=True)
    assert "不能核查通过" in again.content.decode()


def test_identity_visibility_only_by_the_office(client, world):
    report = assigned(world, ON, type_code="report", subject="举报某餐馆使用地沟油")
    assert not report.identity_visible
    data = {"identity-visible": "1"}
    assert post(client, world.handler_finance, "identity", report, data).status_code == 403
    assert post(client, world.office, "identity", report, data).status_code == 302
    assert reload(report).identity_visible
    post(client, world.office, "identity", report, data)
    assert report.timeline.filter(kind=StepKind.NOTE).count() == 1  # the repeat changed nothing


# -- the lead department ------------------------------------------------------------------


def test_sign_by_the_lead_department_only(client, world):
    message = assigned(world, ON, co=[world.environment])
    data = {"sign-on": "2026-09-28"}
    assert post(client, world.handler_environment, "sign", message, data).status_code == 403
    assert post(client, world.office, "sign", message, data).status_code == 403
    assert reload(message).state == MessageState.ASSIGNED
    assert post(client, world.handler_finance, "sign", message, data).status_code == 302
    message = reload(message)
    assert message.state == MessageState.HANDLING
    clock = Clock.objects.for_subject(message).get(stage__startswith="sign_for")
    assert clock.state == "met"
    again = post(client, world.handler_finance, "sign", message, data, follow=True)
    assert "当前状态为“办理中”，不能签收" in again.content.decode()
    assert message.timeline.filter(kind=StepKind.SIGNED).count() == 1


def test_a_sign_date_in_the_future_is_shown_beside_the_form(client, world):
    message = assigned(world, ON)
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = post(client, world.handler_finance, "sign", message, {"sign-on": future})
    assert response.status_code == 400
    assert "不能登记将来的日期" in response.content.decode()
    assert reload(message).state == MessageState.ASSIGNED


def test_return_misrouted_goes_back_to_triage_and_the_department_loses_sight(client, world):
    today = timezone.localdate()
    message = assigned(world, today)
    response = post(
        client,
        world.handler_finance,
        "return_misrouted",
        message,
        {"misrouted-reason": "", "misrouted-on": today.isoformat()},
    )
    assert response.status_code == 400 and "请填写退回理由" in response.content.decode()
    response = post(
        client,
        world.handler_finance,
        "return_misrouted",
        message,
        {"misrouted-reason": "路灯由住建部门管理", "misrouted-on": today.isoformat()},
    )
    assert response.status_code == 302
    message = reload(message)
    assert message.state == MessageState.TRIAGE and message.lead_department is None
    assert client.get(url("detail", message.pk)).status_code == 404
    client.force_login(world.office)
    assert "路灯由住建部门管理" in client.get(url("detail", message.pk)).content.decode()


def test_return_after_the_window_is_refused(client, world):
    message = assigned(world, ON)  # return window ended on 29 Sep
    data = {"misrouted-reason": "不属于本部门", "misrouted-on": "2026-09-30"}
    response = post(client, world.handler_finance, "return_misrouted", message, data, follow=True)
    assert "2个工作日" in response.content.decode()
    assert reload(message).state == MessageState.ASSIGNED
    # an empty reason on a form no longer shown: the error is said above the page
    data["misrouted-reason"] = ""
    response = post(client, world.handler_finance, "return_misrouted", message, data, follow=True)
    assert "请填写退回理由" in response.content.decode()


def test_co_opinion_by_the_co_handler_only_and_once(client, world):
    message = assigned(world, ON, co=[world.environment])
    co = message.assignments.get(role="co")
    data = {f"co{co.pk}-opinion": "经查，该企业排污许可证在有效期内。"}
    assert (
        post(client, world.handler_finance, "co_opinion", message, data, co.pk).status_code == 403
    )
    response = post(client, world.handler_environment, "co_opinion", message, data, co.pk)
    assert response.status_code == 302
    co.refresh_from_db()
    assert co.opinion == "经查，该企业排污许可证在有效期内。"
    post(client, world.handler_environment, "co_opinion", message, data, co.pk)
    assert message.timeline.filter(kind=StepKind.NOTE, text__contains="协办意见").count() == 1


def test_one_extension_request_decided_by_the_office(client, world):
    message = signed(world)
    data = {"extension-days": "30", "extension-reason": "需要核对名单"}
    response = post(client, world.handler_finance, "extension", message, data)
    assert response.status_code == 400 and "延期为1至10个工作日" in response.content.decode()
    data["extension-days"] = "5"
    assert post(client, world.handler_finance, "extension", message, data).status_code == 302
    again = post(client, world.handler_finance, "extension", message, data, follow=True)
    assert "只能申请延期一次" in again.content.decode()
    request = ExtensionRequest.objects.for_subject(message).get()
    decide = {f"decide{request.pk}-decision": "approve", f"decide{request.pk}-comment": ""}
    response = post(client, world.reviewer_finance, "decide_extension", message, decide, request.pk)
    assert response.status_code == 403
    response = post(client, world.office, "decide_extension", message, decide, request.pk)
    assert response.status_code == 302
    assert reload(message).reply_clock().due_date == date(
        2026, 10, 15
    )  # 9 Oct + 5: 10 (make-up Sat), 12–15
    again = post(client, world.office, "decide_extension", message, decide, request.pk, follow=True)
    assert "已经审批" in again.content.decode()
    assert reload(message).reply_clock().due_date == date(2026, 10, 15)


def test_reply_draft_and_a_stale_draft_is_refused(client, world):
    message = signed(world)
    opened_at = message.version
    response = post(
        client,
        world.handler_finance,
        "reply",
        message,
        {"reply-text": "太短", "reply-expected_version": opened_at},
    )
    assert response.status_code == 400 and "至少20个字" in response.content.decode()
    data = {"reply-text": REPLY, "reply-expected_version": opened_at}
    assert post(client, world.handler_finance, "reply", message, data).status_code == 302
    assert reload(message).state == MessageState.REPLY_REVIEW
    services.return_reply(reload(message), actor=world.office, comment="请写明发放时间。")
    # a colleague's form opened before the first submission
    stale = {"reply-text": REPLY + "（旧稿）", "reply-expected_version": opened_at}
    response = post(client, world.reviewer_finance, "reply", message, stale)
    assert response.status_code == 400
    assert "已被他人修改并保存" in response.content.decode()
    message = reload(message)
    assert message.state == MessageState.HANDLING and message.reply_text == REPLY
    fresh = {
        "reply-text": REPLY + "发放时间为10月30日。",
        "reply-expected_version": message.version,
    }
    assert post(client, world.handler_finance, "reply", message, fresh).status_code == 302
    assert reload(message).reply_text.endswith("发放时间为10月30日。")


def test_return_reply_by_the_office_only(client, world):
    message = in_review(world)
    data = {"return-comment": "请写明发放时间。"}
    assert post(client, world.handler_finance, "return_reply", message, data).status_code == 403
    response = post(client, world.office, "return_reply", message, {"return-comment": ""})
    assert response.status_code == 400 and "请填写退回意见" in response.content.decode()
    assert post(client, world.office, "return_reply", message, data).status_code == 302
    assert reload(message).state == MessageState.HANDLING


def test_approve_publishes_the_masked_version_with_the_reviewers_extra_masks(client, world):
    message = in_review(world, text="我在秦州区财政局门口等了一天，电话13800001234，补贴仍未到账。")
    masked = services.masked_versions(message)
    assert "13800001234" not in masked["text"]
    edited = masked["text"].replace("财政局门口", "××××")
    data = {
        "approve-publish": "on",
        "approve-masked_subject": masked["subject"],
        # the reviewer masks more, and tries to put the phone number back: it is masked again
        "approve-masked_text": edited.replace("138****1234", "13800001234"),
        "approve-masked_reply": masked["reply"],
        "approve-on": "2026-10-08",
    }
    assert post(client, world.reviewer_finance, "approve", message, data).status_code == 403
    response = post(client, world.office, "approve", message, data)
    assert response.status_code == 302
    message = reload(message)
    assert message.state == MessageState.REPLIED and message.published_at is not None
    assert "财政局门口" not in message.masked_text and "××××" in message.masked_text
    assert "13800001234" not in message.masked_text
    assert message.reply_clock().state == "met"
    again = post(client, world.office, "approve", message, data, follow=True)
    assert "不能审核通过" in again.content.decode()
    assert message.timeline.filter(kind=StepKind.REPLIED).count() == 1


def test_approve_without_publication(client, world):
    message = in_review(world)
    response = post(client, world.office, "approve", message, {"approve-on": "2026-10-08"})
    assert response.status_code == 302
    message = reload(message)
    assert message.state == MessageState.REPLIED and message.published_at is None


def test_callback_records_satisfaction(client, world):
    message = in_review(world)
    services.approve_reply(message, actor=world.office, on=date(2026, 10, 8))
    message = reload(message)
    data = {
        "callback-satisfaction": "unsatisfied",
        "callback-reason": "",
        "callback-on": "2026-10-09",
    }
    response = post(client, world.office, "callback", message, data)
    assert response.status_code == 400 and "请记录原因" in response.content.decode()
    data["callback-satisfaction"] = Satisfaction.SATISFIED
    assert post(client, world.handler_finance, "callback", message, data).status_code == 403
    assert post(client, world.office, "callback", message, data).status_code == 302
    message = reload(message)
    assert message.state == MessageState.CLOSED and message.rated_by_callback == world.office


def test_hotline_call_recorded_once(client, world):
    hotline = Channel.objects.create(
        code="mayor-hotline",
        government=world.tianshui,
        name="市长热线",
        kind=ChannelKind.HOTLINE,
        office=world.general_office,
        staff_recorded=True,
    )
    client.force_login(world.office)
    form = client.get(url("hotline")).content.decode()
    token = form.split('name="token" value="')[1].split('"')[0]
    data = {**message_data(hotline), "token": token, "writer_phone": "12345"}
    response = client.post(url("hotline"), data)
    assert response.status_code == 400 and Message.objects.count() == 0
    data["writer_phone"] = "13800001234"
    response = client.post(url("hotline"), data, follow=True)
    html = response.content.decode()
    message = Message.objects.get()
    assert message.recorded_by == world.office and message.state == MessageState.TRIAGE
    assert message.query_code in html and "查询密码" in html
    again = client.post(url("hotline"), data, follow=True)
    assert "未重复登记" in again.content.decode()
    assert Message.objects.count() == 1
    client.force_login(world.handler_finance)
    assert client.post(url("hotline"), {**data, "token": "other"}).status_code == 403

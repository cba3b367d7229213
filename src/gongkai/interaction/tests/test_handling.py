"""Stage deadlines of a message with 2026 holiday dates, and the guards of each step.

Counted by hand from the 2026 arrangement: Mid-Autumn off Fri 25 Sep;
National Day off 1–2 and 5–7 Oct (make-up Sat 10 Oct); Spring Festival off
16–20 and 23 Feb (make-up Sat 14 and Sat 28 Feb).
"""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from gongkai import access
from gongkai.core.errors import DomainError
from gongkai.interaction import services
from gongkai.interaction.models import Message, MessageState, Satisfaction
from gongkai.interaction.validation import MessageInvalid
from gongkai.workdays.models import Clock

from .helpers import assigned, mayor_board, message_data, submitted

pytestmark = pytest.mark.django_db


def clocks(message):
    """The message's clocks by stage without the assignment id: sign_for, reply, reply:2 (reopened)."""
    found = {}
    for c in Clock.objects.for_subject(message):
        stage, _assignment, *round_ = c.stage.split(":")
        found[stage + (f":{round_[0]}" if round_ else "")] = c
    return found


def test_consultation_deadlines_around_mid_autumn_and_national_day(world):
    message = assigned(world, date(2026, 9, 24))
    found = clocks(message)
    assert found["sign_for"].due_date == date(2026, 9, 28)  # 25 Sep is a holiday
    assert found["reply"].due_date == date(2026, 10, 9)  # Sep 28, 29, 30, Oct 8, 9
    assert message.lead_assignment().return_by == date(2026, 9, 29)


def test_complaint_limit_across_spring_festival(world):
    message = assigned(world, date(2026, 2, 12), type_code="complain")
    # 15 working days: Feb 13, 14, 24–27, 28, Mar 2–6, 9, 10, 11
    assert message.reply_clock().due_date == date(2026, 3, 11)


def test_sign_then_return_within_two_working_days_only(world):
    late = assigned(world, date(2026, 9, 24))
    services.sign(late, actor=world.handler_finance, on=date(2026, 9, 28))
    late.refresh_from_db()
    assert late.state == MessageState.HANDLING
    assert clocks(late)["sign_for"].state == "met"
    with pytest.raises(DomainError, match="2个工作日"):
        services.return_misrouted(
            late, reason="应由交通部门办理", actor=world.handler_finance, on=date(2026, 9, 30)
        )

    message = assigned(
        world, date(2026, 9, 24), text="小区门口路灯坏了三个月，晚上出行很不方便，请尽快修复。"
    )
    with pytest.raises(TransitionRefusedOrPermission):
        services.return_misrouted(
            message, reason="不属于本部门", actor=world.handler_environment, on=date(2026, 9, 29)
        )
    services.return_misrouted(
        message, reason="路灯由住建部门管理", actor=world.handler_finance, on=date(2026, 9, 29)
    )
    message.refresh_from_db()
    assert message.state == MessageState.TRIAGE
    assert message.lead_department is None
    assert not Clock.objects.for_subject(message).open().exists()
    # reassigned: new clocks for the new assignment
    services.assign(message, lead=world.environment, actor=world.office, on=date(2026, 9, 30))
    message.refresh_from_db()
    assert message.reply_clock().department == world.environment
    assert message.reply_clock().due_date == date(2026, 10, 13)  # Oct 8, 9, 10, 12, 13


TransitionRefusedOrPermission = (PermissionDenied, DomainError)


def test_one_extension_approved_by_the_office(world):
    message = assigned(world, date(2026, 9, 24))
    services.sign(message, actor=world.handler_finance, on=date(2026, 9, 25))
    request = services.request_extension(
        message, days=5, reason="需要财政、交通两部门核对名单", actor=world.handler_finance
    )
    with pytest.raises(PermissionDenied):
        services.decide_extension(request, approve=True, actor=world.reviewer_finance)
    services.decide_extension(request, approve=True, actor=world.office)
    assert message.reply_clock().due_date == date(
        2026, 10, 15
    )  # Oct 9 + 5: Oct 10 (make-up Sat), 12–15
    with pytest.raises(DomainError, match="一次"):
        services.request_extension(message, days=2, reason="再延", actor=world.handler_finance)


def test_reply_review_rating_and_the_single_reopen(world):
    message = assigned(world, date(2026, 9, 24))
    services.sign(message, actor=world.handler_finance, on=date(2026, 9, 25))
    message.refresh_from_db()
    services.submit_reply(
        message,
        text="经核实，您的补贴已列入第三批发放名单，预计10月底前发放到账，请注意查收。",
        actor=world.handler_finance,
        expected_version=message.version,
    )
    message.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.approve_reply(message, actor=world.reviewer_finance, on=date(2026, 10, 8))
    services.approve_reply(message, actor=world.office, on=date(2026, 10, 8))
    message.refresh_from_db()
    assert message.state == MessageState.REPLIED
    # Recorded for 8 October: the timestamps fall on that day, as the 答复 step does.
    assert timezone.localtime(message.replied_at).date() == date(2026, 10, 8)
    assert timezone.localtime(message.published_at).date() == date(2026, 10, 8)
    assert "13800001234" not in message.masked_text
    assert "王小明" not in message.masked_text
    assert message.reply_clock().state == "met"
    with pytest.raises(DomainError, match="说明原因"):
        services.rate(message, satisfaction=Satisfaction.UNSATISFIED)
    services.rate(
        message, satisfaction=Satisfaction.UNSATISFIED, reason="至今未到账", on=date(2026, 10, 12)
    )
    message.refresh_from_db()
    assert message.state == MessageState.HANDLING and message.round == 2
    second = message.reply_clock()
    assert second.stage.split(":")[2:] == ["2"] and second.due_date == date(
        2026, 10, 19
    )  # Oct 13–16, 19
    message.refresh_from_db()
    services.submit_reply(
        message,
        text="已督促银行于10月15日将补贴发放到账，请您核查账户，如有疑问请致电财政局。",
        actor=world.handler_finance,
        expected_version=message.version,
    )
    message.refresh_from_db()
    services.approve_reply(message, actor=world.office, on=date(2026, 10, 15))
    message.refresh_from_db()
    services.rate(
        message, satisfaction=Satisfaction.UNSATISFIED, reason="仍不满意", on=date(2026, 10, 16)
    )
    message.refresh_from_db()
    assert message.state == MessageState.CLOSED  # reopened only once
    assert message.satisfaction == Satisfaction.UNSATISFIED


def test_unrated_messages_close_after_the_rating_period(world):
    message = assigned(world, date(2026, 9, 24))
    services.sign(message, actor=world.handler_finance, on=date(2026, 9, 25))
    message.refresh_from_db()
    services.submit_reply(
        message,
        text="经核实，您反映的问题已转交相关科室，将于近期答复处理结果，请耐心等待。",
        actor=world.handler_finance,
        expected_version=message.version,
    )
    message.refresh_from_db()
    services.approve_reply(message, actor=world.office, on=date(2026, 10, 8))
    message.refresh_from_db()
    assert message.rating_due == date(2026, 10, 21)  # 10 working days: Oct 9, 10, 12–16, 19–21
    assert services.close_unrated(on=date(2026, 10, 21)) == 0
    assert services.close_unrated(on=date(2026, 10, 22)) == 1


def test_reports_are_visible_to_handlers_not_to_department_leaders(world):
    message = assigned(
        world,
        date(2026, 9, 24),
        type_code="report",
        co=[world.environment],
        subject="举报某企业夜间偷排废水",
    )
    assert message.is_confidential
    assert access.can(world.handler_finance, "messages.view_confidential", message)
    assert access.can(
        world.handler_environment, "messages.view_confidential", message
    )  # co-handler
    assert not access.can(world.reviewer_finance, "messages.view_confidential", message)
    assert access.can(world.office, "messages.view_confidential", message)
    assert not message.identity_visible
    lead = message.lead_assignment()
    assert access.can(world.handler_finance, "messages.handle", lead)
    co = message.assignments.get(role="co")
    assert not access.can(world.handler_environment, "messages.handle", lead)
    assert access.can(world.handler_environment, "messages.co_handle", co)
    with pytest.raises(PermissionDenied):
        services.sign(message, actor=world.handler_environment, on=date(2026, 9, 25))
    with pytest.raises(DomainError, match="不能公开"):
        services.sign(message, actor=world.handler_finance, on=date(2026, 9, 25))
        message.refresh_from_db()
        services.submit_reply(
            message,
            text="经查，该企业确有违规排放行为，已依法立案查处并责令整改。",
            actor=world.handler_finance,
            expected_version=message.version,
        )
        message.refresh_from_db()
        services.approve_reply(message, actor=world.office, publish=True)


def test_scope_and_can_agree_for_views(world):
    assigned(world, date(2026, 9, 24), co=[world.environment])
    submitted(
        world,
        date(2026, 9, 24),
        text="我们小区的供暖一直不热，室温只有十二度，请有关部门尽快解决。",
    )
    for user in (
        world.handler_finance,
        world.handler_environment,
        world.reviewer_finance,
        world.office,
        world.admin,
    ):
        listed = set(
            access.scope(
                user,
                "messages.view",
                Message.objects.all(),
                department_field="channel__office",
                also_via={"assignments__department": {"assignments__active": True}},
            ).values_list("pk", flat=True)
        )
        expected = {m.pk for m in Message.objects.all() if access.can(user, "messages.view", m)}
        assert listed == expected, user


def test_links_only_or_repeated_text_is_held_for_the_office(world):
    channel = mayor_board(world)
    links = services.submit_message(
        message_data(channel, text="http://spam.example.com/a http://spam.example.com/b")
    )
    assert links.message.state == MessageState.HELD
    repeated = services.submit_message(
        message_data(channel, text="退钱退钱退钱退钱退钱退钱退钱退钱退钱退钱退钱")
    )
    assert repeated.message.state == MessageState.HELD
    services.release(repeated.message, actor=world.office)
    repeated.message.refresh_from_db()
    assert repeated.message.state == MessageState.TRIAGE


def test_invalid_messages_create_nothing(world):
    channel = mayor_board(world)
    with pytest.raises(MessageInvalid) as error:
        services.submit_message(
            message_data(channel, writer_phone="12345", text="短", place=world.longnan.pk)
        )
    assert set(error.value.errors) >= {"writer_phone", "text", "place"}
    assert Message.objects.count() == 0


def test_double_submission_is_one_message(world):
    from gongkai.core import idempotency

    channel = mayor_board(world)
    first = services.submit_message(message_data(channel), idempotency_key="k1")
    second = services.submit_message(message_data(channel), idempotency_key="k1")
    assert first.message.pk == second.message.pk and not second.created
    assert second.password == first.password
    with pytest.raises(idempotency.AlreadySubmitted):
        services.submit_message(message_data(channel))
    with pytest.raises(idempotency.KeyReused):
        services.submit_message(message_data(channel, writer_name="赵六"), idempotency_key="k1")
    assert Message.objects.count() == 1
    assert services.find_for_lookup(first.message.query_code, password=first.password)

from datetime import date

import pytest

from gongkai.interaction import services
from gongkai.interaction.models import Satisfaction, SupervisionMark
from gongkai.interaction.supervision import bulletin, supervise, supervision_list
from gongkai.notices.models import Notice
from gongkai.workdays.recompute import mark_overdue_clocks

from .helpers import assigned

pytestmark = pytest.mark.django_db


def test_reminders_and_escalation_once_each(world):
    message = assigned(world, date(2026, 9, 24))  # reply due 9 Oct
    assert supervise(on=date(2026, 9, 29)) == {
        "due_soon": 0,
        "due_today": 0,
        "overdue": 0,
        "escalated": 0,
    }
    assert supervise(on=date(2026, 9, 30))["due_soon"] == 1  # only Oct 8, 9 left: National Day
    assert supervise(on=date(2026, 10, 8))["due_soon"] == 0  # already reminded
    assert supervise(on=date(2026, 10, 9))["due_today"] == 1
    sent = supervise(on=date(2026, 10, 10))
    assert (sent["overdue"], sent["escalated"]) == (1, 1)
    assert supervise(on=date(2026, 10, 12)) == {
        "due_soon": 0,
        "due_today": 0,
        "overdue": 0,
        "escalated": 0,
    }
    assert SupervisionMark.objects.filter(message=message).count() == 4
    leaders = Notice.objects.filter(recipient=world.reviewer_finance, subject="超期留言督办")
    assert leaders.count() == 1
    assert list(
        supervision_list(world.tianshui, on=date(2026, 10, 12)).values_list("object_id", flat=True)
    ) == [str(message.pk)]
    assert not supervision_list(world.longnan, on=date(2026, 10, 12)).exists()


def test_bulletin_lists_overdue_and_unsatisfied_by_department(world):
    late = assigned(world, date(2026, 9, 24))
    mark_overdue_clocks(today=date(2026, 10, 10))
    answered = assigned(
        world, date(2026, 9, 24), text="单位拖欠工资半年，多次讨要无果，请劳动部门依法处理。"
    )
    services.sign(answered, actor=world.handler_finance, on=date(2026, 9, 25))
    answered.refresh_from_db()
    services.submit_reply(
        answered,
        text="已责令用人单位于十日内支付拖欠工资，逾期将依法处罚，请您关注。",
        actor=world.handler_finance,
        expected_version=answered.version,
    )
    answered.refresh_from_db()
    services.approve_reply(answered, actor=world.office, on=date(2026, 9, 30))
    answered.refresh_from_db()
    services.rate(
        answered, satisfaction=Satisfaction.UNSATISFIED, reason="工资仍未支付", on=date(2026, 10, 8)
    )
    answered.refresh_from_db()
    services.submit_reply(
        answered,
        text="经再次督促，用人单位已于10月9日全额支付拖欠工资，请您核实。",
        actor=world.handler_finance,
        expected_version=answered.version,
    )
    answered.refresh_from_db()
    services.approve_reply(answered, actor=world.office, on=date(2026, 10, 9))
    answered.refresh_from_db()
    services.rate(
        answered, satisfaction=Satisfaction.UNSATISFIED, reason="处理太慢", on=date(2026, 10, 12)
    )
    report = bulletin(world.tianshui, date(2026, 10, 1), date(2026, 10, 31))
    assert report.overdue_count == 1 and report.unsatisfied_count == 1
    [finance] = report.departments
    assert finance.department == world.finance
    assert finance.overdue[0][0] == late
    assert finance.unsatisfied == [answered]


def test_identity_hidden_from_departments_unless_the_office_allows(world):
    message = assigned(world, date(2026, 9, 24), type_code="report", subject="举报某餐馆使用地沟油")
    assert services.writer_identity(message, world.handler_finance) == ("（已隐去）", "（已隐去）")
    assert services.writer_identity(message, world.office)[0] == "王小明"
    services.set_identity_visibility(message, visible=True, actor=world.office)
    assert services.writer_identity(message, world.handler_finance)[0] == "王小明"


def test_statistics_per_channel_and_department(world):
    from gongkai.interaction.stats import message_statistics

    on_time = assigned(world, date(2026, 9, 24))
    services.sign(on_time, actor=world.handler_finance, on=date(2026, 9, 25))
    on_time.refresh_from_db()
    services.submit_reply(
        on_time,
        text="经核实，您的补贴已列入第三批发放名单，预计10月底前发放到账，请注意查收。",
        actor=world.handler_finance,
        expected_version=on_time.version,
    )
    on_time.refresh_from_db()
    services.approve_reply(on_time, actor=world.office, on=date(2026, 9, 30))  # 3 working days
    on_time.refresh_from_db()
    services.rate(on_time, satisfaction=Satisfaction.SATISFIED, on=date(2026, 10, 8))
    assigned(
        world, date(2026, 9, 24), text="小区门口路灯坏了三个月，晚上出行很不方便，请尽快修复。"
    )
    stats = message_statistics(world.tianshui, date(2026, 9, 1), date(2026, 10, 31))
    total = stats.total
    assert (total.on_time, total.late, total.overdue_open) == (1, 0, 1)
    assert total.average_reply_days == 3.0
    assert total.satisfaction_rate == 1.0
    [finance] = stats.by_department
    assert finance.label == world.finance.name and finance.on_time == 1
    [board] = stats.by_channel
    assert board.label == "市长留言板" and board.overdue_open == 1

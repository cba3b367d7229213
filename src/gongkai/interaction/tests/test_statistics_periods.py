"""The message statistics count one set of messages per period: 受理 are the messages
written in the period and taken on, and 按时答复 / 超期答复 / 超期未答复 are counted among
those same messages (as of the period's last day), so none can exceed 受理."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from gongkai.interaction import services
from gongkai.interaction.models import Satisfaction
from gongkai.interaction.stats import message_statistics

from .helpers import assigned

pytestmark = pytest.mark.django_db

SEPTEMBER = (date(2026, 9, 1), date(2026, 9, 30))
OCTOBER = (date(2026, 10, 1), date(2026, 10, 31))
REPLY = "经核实，您的补贴已列入第三批发放名单，预计10月底前发放到账，请注意查收。"


def answer(world, message, on):
    message.refresh_from_db()
    if message.state == "assigned":
        services.sign(
            message, actor=world.handler_finance, on=message.lead_assignment().assigned_on
        )
        message.refresh_from_db()
    services.submit_reply(
        message, text=REPLY, actor=world.handler_finance, expected_version=message.version
    )
    message.refresh_from_db()
    services.approve_reply(message, actor=world.office, on=on)
    message.refresh_from_db()
    return message


@pytest.fixture
def across(world):
    """Written and accepted in September: one answered on time in September, one
    answered on time in October (on its due date), one answered in September, rated
    不满意 and answered again on time in October."""
    answered_early = answer(world, assigned(world, date(2026, 9, 24)), date(2026, 9, 30))
    answered_next_month = assigned(
        world, date(2026, 9, 29), text="小区门口路灯坏了三个月，晚上出行很不方便，请尽快修复。"
    )
    due = answered_next_month.reply_clock().due_date
    assert due.month == 10
    answer(world, answered_next_month, due)
    assert answered_next_month.reply_clock().state == "met"
    twice = answer(
        world,
        assigned(world, date(2026, 9, 24), text="单位拖欠工资半年，多次讨要无果，请依法处理。"),
        date(2026, 9, 30),
    )
    services.rate(
        twice, satisfaction=Satisfaction.UNSATISFIED, reason="仍未解决", on=date(2026, 10, 8)
    )
    answer(world, twice, date(2026, 10, 12))
    assert twice.reply_clock().state == "met"  # round two, on time too
    return answered_early, answered_next_month, twice


def figures(row):
    return row.received, row.accepted, row.on_time, row.late, row.overdue_open


def test_a_reply_in_the_next_period_is_not_counted_there_without_its_message(world, across):
    october = message_statistics(world.tianshui, *OCTOBER)
    assert figures(october.total) == (0, 0, 0, 0, 0)
    assert all(row.on_time <= row.accepted for row in october.by_department)
    assert all(row.on_time <= row.accepted for row in october.by_channel)


def test_the_period_of_writing_counts_what_was_answered_by_its_end(world, across):
    september = message_statistics(world.tianshui, *SEPTEMBER)
    # the October answer was neither given nor late on 30 September
    assert figures(september.total) == (3, 3, 2, 0, 0)
    [finance] = september.by_department
    assert figures(finance) == (3, 3, 2, 0, 0)


def test_a_message_answered_twice_counts_once(world, across):
    both = message_statistics(world.tianshui, SEPTEMBER[0], OCTOBER[1])
    assert figures(both.total) == (3, 3, 3, 0, 0)
    assert both.total.replied == 3 and both.total.on_time_rate == 1.0


def test_every_row_has_no_more_replies_than_accepted_messages(world, across):
    late = assigned(world, date(2026, 9, 24), text="楼道里的垃圾堆了一个月无人清理，请处理。")
    answer(world, late, date(2026, 10, 14))  # due 9 October
    assigned(
        world, date(2026, 9, 25), text="公交站台的顶棚破损漏雨，请尽快维修。"
    )  # never answered
    for start, end in (SEPTEMBER, OCTOBER, (SEPTEMBER[0], OCTOBER[1])):
        stats = message_statistics(world.tianshui, start, end)
        for row in [stats.total, *stats.by_department, *stats.by_channel]:
            assert row.on_time + row.late + row.overdue_open <= row.accepted <= row.received
    both = message_statistics(world.tianshui, SEPTEMBER[0], OCTOBER[1])
    assert figures(both.total) == (5, 5, 3, 1, 1)


def test_the_page_says_what_each_column_counts(client, world, across):
    client.force_login(world.office)
    url = reverse("workbench:interaction_staff:statistics")
    html = client.get(url, {"start": "2026-10-01", "end": "2026-10-31"}).content.decode()
    found = dict(re.findall(r"<div><dt>(.+?)</dt><dd>(.+?)</dd></div>", html))
    assert (found["受理"], found["按时答复"]) == ("0", "0")
    assert "受理的留言中" in html and "截至统计期间最后一天" in html

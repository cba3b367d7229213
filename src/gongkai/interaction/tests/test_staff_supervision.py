"""The office's 督办 pages: the supervision list, the 督办专报 for a date range, the
statistics dashboard with its chart and table, and the daily supervision job."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from gongkai.interaction import services
from gongkai.interaction.models import Satisfaction
from gongkai.interaction.staff.chart import bar_chart
from gongkai.interaction.supervision import supervise
from gongkai.jobs.registry import SCHEDULES
from gongkai.workdays.recompute import mark_overdue_clocks

from .helpers import assigned

pytestmark = pytest.mark.django_db

REPLY = "经核实，您的补贴已列入第三批发放名单，预计10月底前发放到账，请注意查收。"


def url(name):
    return reverse(f"workbench:interaction_staff:{name}")


def get(client, user, name, **params):
    client.force_login(user)
    response = client.get(url(name), params)
    return response, response.content.decode()


def replied(world, message, *, on: date, rated=None, rated_on=None, reason=""):
    services.sign(message, actor=world.handler_finance, on=message.lead_assignment().assigned_on)
    message.refresh_from_db()
    services.submit_reply(
        message, text=REPLY, actor=world.handler_finance, expected_version=message.version
    )
    message.refresh_from_db()
    services.approve_reply(message, actor=world.office, on=on)
    message.refresh_from_db()
    if rated:
        services.rate(message, satisfaction=rated, reason=reason, on=rated_on)
        message.refresh_from_db()
    return message


@pytest.fixture
def period(world):
    """Three messages assigned on 24 Sep 2026 (咨询: reply due 9 Oct):
    one answered on time and rated 满意, one answered late and rated 不满意 twice,
    one never answered (overdue, escalated)."""
    on_time = replied(
        world,
        assigned(world, date(2026, 9, 24)),
        on=date(2026, 9, 30),
        rated=Satisfaction.SATISFIED,
        rated_on=date(2026, 10, 8),
    )
    late = assigned(
        world, date(2026, 9, 24), text="单位拖欠工资半年，多次讨要无果，请劳动部门依法处理。"
    )
    late = replied(
        world,
        late,
        on=date(2026, 10, 12),
        rated=Satisfaction.UNSATISFIED,
        rated_on=date(2026, 10, 13),
        reason="工资仍未支付",
    )
    services.submit_reply(
        late,
        text="经再次督促，用人单位已于10月14日全额支付拖欠工资，请您核实。",
        actor=world.handler_finance,
        expected_version=late.version,
    )
    late.refresh_from_db()
    services.approve_reply(late, actor=world.office, on=date(2026, 10, 14))
    late.refresh_from_db()
    services.rate(
        late, satisfaction=Satisfaction.UNSATISFIED, reason="处理太慢", on=date(2026, 10, 15)
    )
    open_ = assigned(
        world, date(2026, 9, 24), text="小区门口路灯坏了三个月，晚上出行很不方便，请尽快修复。"
    )
    mark_overdue_clocks(today=date(2026, 10, 10))
    supervise(on=date(2026, 10, 12))
    return on_time, late, open_


def test_bulletin_for_a_date_range(client, world, period):
    on_time, late, open_ = period
    response, html = get(client, world.office, "bulletin", start="2026-10-01", end="2026-10-31")
    assert response.status_code == 200
    assert "互动交流留言办理督办专报" in html
    assert "2026年10月1日至2026年10月31日" in html
    assert "超过答复期限的留言共 <strong>2</strong> 件" in html
    assert "不满意的共 <strong>1</strong> 件" in html
    section = html.split("天水市财政局（超期 2 件，不满意 1 件）")[1]
    assert open_.query_code in section and late.query_code in section
    assert "尚未答复" in section and "2026-10-12超期答复" in section
    assert "处理太慢" in section
    assert on_time.query_code not in html
    # a period before the deadlines: nothing
    _response, html = get(client, world.office, "bulletin", start="2026-09-01", end="2026-09-30")
    assert "本期间没有超期或不满意的留言" in html
    # a reversed period is refused beside the form
    response, html = get(client, world.office, "bulletin", start="2026-10-31", end="2026-10-01")
    assert response.status_code == 400 and "截止日期不能早于起始日期" in html


def test_statistics_dashboard_figures_chart_and_table(client, world, period):
    response, html = get(client, world.office, "statistics", start="2026-09-01", end="2026-10-31")
    assert response.status_code == 200
    figures = dict(re.findall(r"<div><dt>(.+?)</dt><dd>(.+?)</dd></div>", html))
    assert figures["收到"] == "3" and figures["受理"] == "3"
    # the first message; the second's first reply was late (its round two counts no more)
    assert figures["按时答复"] == "1"
    assert figures["超期（已答复 / 未答复）"] == "1 / 1"
    assert figures["满意率"] == "50%"  # 满意 once, 不满意 once (the first 不满意 reopened)
    # the chart: an image with a title and a description a screen reader reads
    svg = html.split("<svg")[1].split("</svg>")[0]
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert "天水市财政局：按时答复1件，超期答复1件，超期未答复1件" in svg
    assert svg.count('class="series-') == 3 + 3  # three legend keys, three segments
    # and the same figures as a table
    table = html.split("<caption>按部门</caption>")[1].split("</table>")[0]
    cells = re.findall(r"<td>(.*?)</td>", table)
    assert cells[:5] == ["3", "3", "1", "1", "1"]


def test_statistics_empty_period(client, world, period):
    _response, html = get(client, world.office, "statistics", start="2025-01-01", end="2025-01-31")
    assert "本期间没有答复或超期的留言" in html and "<svg" not in html


def test_supervision_list_shows_escalated_overdue_messages(client, world, period):
    _on_time, late, open_ = period
    response, html = get(client, world.office, "supervision")
    assert response.status_code == 200
    assert open_.query_code in html and late.query_code not in html
    assert "天水市财政局" in html


def test_the_daily_supervision_job_is_scheduled_at_half_past_eight():
    schedule = SCHEDULES["interaction.supervise"]
    assert schedule.cron == "30 8 * * *"


def test_bar_chart_scales_to_the_largest_bar():
    chart = bar_chart(
        "图",
        [("a", "甲"), ("b", "乙")],
        [("很长很长很长很长的部门名称甲乙丙", [3, 4]), ("短", [0, 1])],
    )
    first, second = chart.bars
    assert first.total == 7 and second.total == 1
    assert chart.ticks[-1][1] == 10  # 7 rounds up to 10
    assert first.short_label.endswith("…") and len(first.short_label) == 11
    assert [s.value for s in first.segments] == [3, 4]
    assert [s.value for s in second.segments] == [1]  # no zero-width segment
    assert first.segments[1].x == pytest.approx(first.segments[0].x + first.segments[0].width)

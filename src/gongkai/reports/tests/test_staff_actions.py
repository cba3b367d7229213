"""The report page's forms: saving with the version it was opened at, filling 一 from the draft
without losing what was typed, submitting (refused with the problems, nothing changed), the
office's approval and return (a comment required), and the catalogue."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from gongkai.applications.models import Application, Outcome
from gongkai.applications.tests.helpers import received
from gongkai.applications.tests.test_stats import conclude
from gongkai.core.concurrency import STALE_MESSAGE
from gongkai.reports import services
from gongkai.reports.models import AnnualReport, ReportState

from .test_workflow import write

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"workbench:reports_staff:{name}", args=args)


def form_data(report, **overrides):
    data = {
        "expected_version": report.version,
        "overview": "2016年，市财政局认真贯彻落实条例。",
        "problems": "一是主动公开的及时性有待提高。",
        "other": "无",
        "licensing": "1520",
        "penalties": "",
        "enforcement": "3",
        "fees": "12.5",
    }
    data.update(overrides)
    return data


@pytest.fixture
def one_application(world):
    """One application to 财政局 in 2016, disclosed: Table 三 and the draft of 一 count it."""
    h, r = world.handler_finance, world.reviewer_finance
    application = received(world.finance, date(2016, 3, 1), h)
    return conclude(application, Outcome.DISCLOSED, date(2016, 3, 10), h, r)


def fresh(report) -> AnnualReport:
    return AnnualReport.objects.get(pk=report.pk)


def test_the_handler_saves_and_a_stale_form_is_refused(client, world):
    report = services.report_for(world.finance, 2016)
    client.force_login(world.handler_finance)
    opened = form_data(report)
    response = client.post(url("save", report.pk), opened)
    assert response.status_code == 302
    saved = fresh(report)
    assert saved.licensing == 1520 and saved.penalties is None and saved.fees == Decimal("12.5")
    assert saved.overview == "2016年，市财政局认真贯彻落实条例。"

    # the same form (opened at the old version) posted again: refused, nothing lost
    response = client.post(url("save", report.pk), {**opened, "other": "我的修改"})
    html = response.content.decode()
    assert response.status_code == 400
    assert STALE_MESSAGE in html
    assert "我的修改" in html
    assert fresh(report).other == "无"


def test_bad_figures_are_refused_in_chinese(client, world):
    report = services.report_for(world.finance, 2016)
    client.force_login(world.handler_finance)
    response = client.post(url("save", report.pk), form_data(report, licensing="很多"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "“行政许可本年处理决定数量”应为数字" in html
    assert "2016年，市财政局认真贯彻落实条例。" in html
    assert fresh(report).version == report.version


def test_the_draft_button_fills_one_and_keeps_the_rest(client, world, one_application):
    report = services.report_for(world.finance, 2016)
    client.force_login(world.handler_finance)
    data = form_data(report, problems="我刚写的问题", fill_draft="1")
    response = client.post(url("save", report.pk), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "全年新收政府信息公开申请1件" in html  # the computed draft in 一
    assert "我刚写的问题" in html and 'value="1520"' in html
    assert f'name="expected_version" value="{report.version}"' in html
    assert fresh(report).overview == "" and fresh(report).version == report.version


def test_submit_refused_with_problems_then_by_role_then_done(client, world):
    report = services.report_for(world.finance, 2016)
    client.force_login(world.handler_finance)
    assert client.post(url("submit", report.pk)).status_code == 403  # the handler does not
    client.force_login(world.reviewer_finance)
    response = client.post(url("submit", report.pk))
    html = response.content.decode()
    assert response.status_code == 400
    assert "暂不能报送" in html and "“一、总体情况”尚未填写" in html
    assert fresh(report).state == ReportState.DRAFT

    write(report, world.handler_finance)
    response = client.post(url("submit", report.pk))
    assert response.status_code == 302 and fresh(report).state == ReportState.SUBMITTED
    # a second click: the state moved on, a message on the refreshed page
    response = client.post(url("submit", report.pk), follow=True)
    assert "当前为“待公开办审核”，不能报送" in response.content.decode()


def submitted(world):
    report = services.report_for(world.finance, 2016)
    write(report, world.handler_finance)
    return services.submit(report, actor=world.reviewer_finance)


def test_return_needs_a_comment_and_shows_it(client, world):
    report = submitted(world)
    client.force_login(world.reviewer_finance)
    assert client.post(url("return", report.pk), {"comment": "改"}).status_code == 403
    client.force_login(world.office)
    response = client.post(url("return", report.pk), {"comment": "   "})
    assert response.status_code == 400
    assert "退回修改须写明修改意见" in response.content.decode()
    assert fresh(report).state == ReportState.SUBMITTED

    response = client.post(url("return", report.pk), {"comment": "请补充依申请公开的情况。"})
    assert response.status_code == 302 and fresh(report).state == ReportState.RETURNED
    client.force_login(world.handler_finance)
    html = client.get(url("detail", report.pk)).content.decode()
    assert "请补充依申请公开的情况。" in html and 'name="expected_version"' in html


def test_approve_then_publish_and_the_differences(client, world, one_application):
    report = submitted(world)
    client.force_login(world.office)
    assert client.post(url("approve", report.pk)).status_code == 302
    assert fresh(report).state == ReportState.APPROVED
    assert client.post(url("publish", report.pk)).status_code == 403  # the department's own

    received(world.finance, date(2016, 5, 4), world.handler_finance, description="2016年预算")
    assert Application.objects.count() == 2
    client.force_login(world.handler_finance)
    html = client.get(url("detail", report.pk)).content.decode()
    assert "定稿后数据变化" in html and "定稿 1，现在 2" in html
    assert url("publish", report.pk) in html and 'name="expected_version"' not in html

    response = client.post(url("publish", report.pk))
    assert response.status_code == 302
    item = fresh(report).item
    assert item is not None and item.state == "submitted"
    html = client.get(url("detail", report.pk)).content.decode()
    assert f'action="{url("publish", report.pk)}"' not in html  # the button is gone
    response = client.post(url("publish", report.pk))  # a second click: refused, one item
    assert response.status_code == 400
    assert "年度报告已经提交公开目录" in response.content.decode()
    assert AnnualReport.objects.filter(item__isnull=False).count() == 1


def test_approval_refused_with_the_problems_beside_the_button(client, world):
    report = submitted(world)
    AnnualReport.objects.filter(pk=report.pk).update(other="")  # emptied behind the form's back
    client.force_login(world.office)
    response = client.post(url("approve", report.pk))
    html = response.content.decode()
    assert response.status_code == 400
    assert "暂不能审核通过" in html and "“六、其他需要报告的事项”尚未填写" in html
    assert fresh(report).state == ReportState.SUBMITTED and fresh(report).snapshot is None

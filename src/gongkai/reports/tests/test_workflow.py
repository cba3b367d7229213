"""An agency's annual report from writing to the catalogue: the checks that block it, the
office's review, the frozen figures that later records never change, and the catalogue item."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse

from gongkai.applications.models import Application, Outcome
from gongkai.applications.tests.helpers import received
from gongkai.applications.tests.test_stats import conclude
from gongkai.core.concurrency import StaleEdit
from gongkai.core.errors import DomainError
from gongkai.reports import services
from gongkai.reports.models import ReportState

pytestmark = pytest.mark.django_db
NEW = "一、本年新收政府信息公开申请数量"
TABLE_THREE = "三、收到和处理政府信息公开申请情况"


def write(report, actor, **overrides):
    values = {
        "overview": "2016年，市财政局认真贯彻落实条例，全年新收申请1件。",
        "problems": "一是主动公开的及时性有待提高。",
        "other": "无",
        "entered": {"licensing": "1520", "penalties": "0", "enforcement": "3", "fees": "12.5"},
    }
    values.update(overrides)
    report.refresh_from_db()
    return services.save_inputs(report, expected_version=report.version, actor=actor, **values)


@pytest.fixture
def one_application(world):
    h, r = world.handler_finance, world.reviewer_finance
    application = received(world.finance, date(2016, 3, 1), h)
    return conclude(application, Outcome.DISCLOSED, date(2016, 3, 10), h, r)


def test_from_writing_to_the_catalogue_with_frozen_figures(world, one_application):
    report = services.report_for(world.finance, 2016)
    with pytest.raises(services.ReportBlocked) as blocked:
        services.submit(report, actor=world.reviewer_finance)
    assert any("“一、总体情况”尚未填写" in p for p in blocked.value.problems)

    write(report, world.handler_finance)
    assert report.licensing == 1520 and report.penalties == 0 and str(report.fees) == "12.5"
    with pytest.raises(PermissionDenied):
        services.submit(report, actor=world.handler_finance)  # the unit's leader submits
    services.submit(report, actor=world.reviewer_finance)
    with pytest.raises(PermissionDenied):
        services.approve(report, actor=world.reviewer_finance)  # the office reviews
    services.approve(report, actor=world.office)
    assert report.state == ReportState.APPROVED
    frozen = services.content(report)
    assert frozen["sections"][TABLE_THREE][NEW]["总计"] == 1
    assert frozen["checks"] == []
    two = frozen["sections"]["二、主动公开政府信息情况"]
    assert two["第二十条第（五）项"]["行政许可"]["本年处理决定数量"] == {
        "value": 1520,
        "source": "entered",
    }

    # A record changed after approval never changes the report; the difference is shown.
    received(world.finance, date(2016, 5, 4), world.handler_finance, description="2016年预算")
    assert services.content(report)["sections"][TABLE_THREE][NEW]["总计"] == 1
    assert f"{TABLE_THREE} › {NEW} › 总计：定稿 1，现在 2" in services.differences(report)

    with pytest.raises(PermissionDenied):
        services.publish_to_catalogue(report, actor=world.office)
    item = services.publish_to_catalogue(report, actor=world.handler_finance)
    assert (item.item_type, item.state) == ("annual_report", "submitted")
    assert item.title == "天水市财政局2016年政府信息公开工作年度报告"
    assert NEW in item.body and "<table>" in item.body
    assert not report.published  # until its review publishes the item
    with pytest.raises(DomainError):
        services.publish_to_catalogue(report, actor=world.handler_finance)


def test_a_failing_cross_check_blocks_submission_in_words(world, one_application):
    Application.objects.filter(pk=one_application.pk).update(outcome="")  # a defect in the data
    report = services.report_for(world.finance, 2016)
    write(report, world.handler_finance)
    with pytest.raises(services.ReportBlocked) as blocked:
        services.submit(report, actor=world.reviewer_finance)
    assert any("（七）总计 1 不等于各项办理结果之和 0" in p for p in blocked.value.problems)
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT


def test_entered_figures_are_checked(world):
    report = services.report_for(world.finance, 2016)
    for bad, words in (("-1", "不能为负数"), ("1.5", "应为整数"), ("很多", "应为数字")):
        with pytest.raises(DomainError) as refused:
            write(report, world.handler_finance, entered={"licensing": bad})
        assert words in refused.value.message
    with pytest.raises(DomainError):
        write(report, world.handler_finance, entered={"fees": "1.23456"})


def test_a_colleague_s_save_in_between_is_refused(world):
    report = services.report_for(world.finance, 2016)
    opened = report.version
    write(report, world.handler_finance)
    with pytest.raises(StaleEdit):
        services.save_inputs(
            report, expected_version=opened, actor=world.reviewer_finance, overview="覆盖"
        )
    report.refresh_from_db()
    assert report.overview.startswith("2016年，市财政局")


def test_returned_with_a_comment_and_editable_again(world, one_application):
    report = services.report_for(world.finance, 2016)
    write(report, world.handler_finance)
    services.submit(report, actor=world.reviewer_finance)
    with pytest.raises(DomainError):
        services.return_report(report, comment=" ", actor=world.office)
    services.return_report(report, comment="第五部分请写具体的改进措施。", actor=world.office)
    assert report.state == ReportState.RETURNED
    write(report, world.handler_finance, problems="一是……；下一步将建立公开时限提醒。")
    with pytest.raises(PermissionDenied):
        services.save_inputs(
            report, expected_version=report.version, actor=world.handler_environment
        )


def test_the_command_prints_the_json_with_its_checks(world, one_application):
    out = StringIO()
    call_command(
        "report", "annual", "--agency", str(world.finance.pk), "--year", "2016", stdout=out
    )
    data = json.loads(out.getvalue())
    assert data["title"] == "天水市财政局2016年政府信息公开工作年度报告"
    assert data["sections"][TABLE_THREE][NEW]["总计"] == 1 and data["checks"] == []


def test_the_review_is_on_the_report_s_timeline_and_its_page(client, world, one_application):
    report = services.report_for(world.finance, 2016)
    write(report, world.handler_finance)
    services.submit(report, actor=world.reviewer_finance)
    services.return_report(report, comment="第五部分请写具体的改进措施。", actor=world.office)
    write(report, world.handler_finance, problems="一是……；下一步将建立公开时限提醒。")
    services.submit(report, actor=world.reviewer_finance)
    services.approve(report, actor=world.office)
    with pytest.raises(PermissionDenied):  # approved is final: the policy allows no review
        services.return_report(report, comment="再改一下", actor=world.office)

    lines = [(e.title, e.to_state, e.actor, e.comment) for e in report.timeline]
    assert lines == [
        ("报送公开办审核", "submitted", world.reviewer_finance, ""),
        ("退回修改", "returned", world.office, "第五部分请写具体的改进措施。"),
        ("报送公开办审核", "submitted", world.reviewer_finance, ""),
        ("审核通过", "approved", world.office, ""),
    ]
    assert report.approved_by == world.office and report.snapshot is not None

    client.force_login(world.reviewer_finance)
    html = client.get(reverse("workbench:reports_staff:detail", args=[report.pk])).content.decode()
    assert "办理记录" in html and "第五部分请写具体的改进措施。" in html

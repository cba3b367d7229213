"""A government's annual report as the sum of its own agencies' reports (aggregation.py).

The world: 天水市 has three agencies (the general office, 财政局, 环保局); 秦州区 (a
government under it) has its own 财政局, whose applications belong to 秦州区's report,
not to 天水市's.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from gongkai.applications.models import Outcome
from gongkai.applications.tests.helpers import received
from gongkai.applications.tests.test_stats import conclude
from gongkai.orgs.models import Role
from gongkai.reports import services
from gongkai.reports.annual import Inputs, annual_report
from gongkai.reports.models import AnnualReport, ReportState
from gongkai.testing.factories import staff

pytestmark = pytest.mark.django_db
THREE = "三、收到和处理政府信息公开申请情况"
TWO = "二、主动公开政府信息情况"
NEW = "一、本年新收政府信息公开申请数量"
CARRIED_IN = "二、上年结转政府信息公开申请数量"
CARRIED_OUT = "四、结转下年度继续办理"
DISCLOSED = "（一）予以公开"
LICENSING = ("第二十条第（五）项", "行政许可", "本年处理决定数量")
FEES = ("第二十条第（八）项", "行政事业性收费", "本年收费金额（万元）")


def cell(data, block, row, column):
    return data["sections"][TWO][block][row][column]


def frozen(department, year, **entered):
    """Set up an agency's report as approved with today's figures (its workflow is tested in
    test_workflow; here only the frozen content matters)."""
    report = services.report_for(department, year)
    AnnualReport.objects.filter(pk=report.pk).update(**entered)
    report.refresh_from_db()
    data = annual_report(department, year, services.inputs_of(report))
    AnnualReport.objects.filter(pk=report.pk).update(
        state=ReportState.APPROVED,
        snapshot_json=AnnualReport.freeze(data),
        approved_at=datetime(year + 1, 1, 20, 10, tzinfo=ZoneInfo("Asia/Shanghai")),
    )
    report.refresh_from_db()
    return report


@pytest.fixture
def applications(world):
    """财政局: 2 new in 2016 (one disclosed); 环保局: 1 new; 秦州区财政局: 1 new."""
    h, r = world.handler_finance, world.reviewer_finance
    conclude(
        received(world.finance, date(2016, 3, 1), h), Outcome.DISCLOSED, date(2016, 3, 10), h, r
    )
    received(world.finance, date(2016, 12, 28), h)  # open at the year's end
    received(world.environment, date(2016, 6, 2), world.handler_environment)
    qinzhou = staff("handler_qinzhou", (world.qinzhou_finance, Role.HANDLER))
    received(world.qinzhou_finance, date(2016, 6, 3), qinzhou)


def test_the_government_counts_its_own_agencies_only(world, applications):
    data = annual_report(world.tianshui, 2016)
    three = data["sections"][THREE]
    assert three[NEW]["总计"] == 3  # 财政局 2 + 环保局 1; 秦州区's agency is in 秦州区's report
    assert three[CARRIED_OUT]["总计"] == 2  # 财政局's December application, 环保局's one
    assert three["三、本年度办理结果"][DISCLOSED]["总计"] == 1
    assert [p["name"] for p in data["parts"]] == [
        "天水市人民政府办公室",
        "天水市财政局",
        "天水市环境保护局",
    ]
    assert {p["source"] for p in data["parts"]} == {"业务数据"}
    assert data["checks"] == []
    qinzhou = annual_report(world.qinzhou, 2016)["sections"][THREE]
    assert qinzhou[NEW]["总计"] == 1


def test_an_approved_agency_counts_with_its_frozen_figures(world, applications):
    frozen(world.finance, 2016)
    # Records changed after 财政局's approval: its part of the government's report does not
    # move; 环保局's (not approved) does.
    received(world.finance, date(2016, 7, 1), world.handler_finance)
    received(world.environment, date(2016, 7, 2), world.handler_environment)
    data = annual_report(world.tianshui, 2016)
    assert data["sections"][THREE][NEW]["总计"] == 4  # frozen 2 + live 2
    parts = {p["name"]: p for p in data["parts"]}
    assert parts["天水市财政局"]["source"] == "定稿报告"
    assert parts["天水市财政局"]["state"] == "审核通过"
    assert parts["天水市环境保护局"]["source"] == "业务数据"
    assert parts["天水市环境保护局"]["state"] == "未编写"


def test_entered_figures_are_the_agencies_sum_and_never_a_made_up_zero(world, applications):
    data = annual_report(world.tianshui, 2016)
    assert cell(data, *LICENSING) == {"value": None, "source": "aggregated"}
    frozen(world.finance, 2016, licensing=1520, fees="12.5")
    environment = services.report_for(world.environment, 2016)
    AnnualReport.objects.filter(pk=environment.pk).update(licensing=80, fees="0.25")
    data = annual_report(world.tianshui, 2016)
    assert cell(data, *LICENSING) == {"value": 1600, "source": "aggregated"}
    assert cell(data, *FEES) == {"value": 12.75, "source": "aggregated"}
    penalties = cell(data, "第二十条第（六）项", "行政处罚", "本年处理决定数量")
    assert penalties["value"] is None  # nobody entered it: 未填报


def test_the_government_cannot_submit_before_its_agencies_reports_are_approved(world, applications):
    report = services.report_for(world.tianshui, 2016)
    services.save_inputs(
        report,
        expected_version=report.version,
        actor=world.office,
        overview="2016年全市政务公开工作总体情况。",
        problems="无",
        other="无",
        entered={"licensing": "99"},  # ignored: a government's figures are summed
    )
    assert report.licensing is None
    problems = services.problems_of(report)
    assert (
        "以下部门的年度报告尚未审核通过：天水市人民政府办公室、天水市财政局、天水市环境保护局"
        in problems
    )

    for department in (world.general_office, world.finance, world.environment):
        frozen(department, 2016, licensing=0, penalties=0, enforcement=0, fees=0)
    assert services.problems_of(report) == []


def test_an_agency_no_longer_in_use_does_not_block_but_still_counts(world, applications):
    world.environment.active = False
    world.environment.save()
    for department in (world.general_office, world.finance):
        frozen(department, 2016)
    report = services.report_for(world.tianshui, 2016)
    assert not any("尚未审核通过" in p for p in services.problems_of(report))
    assert annual_report(world.tianshui, 2016)["sections"][THREE][NEW]["总计"] == 3


def test_carry_over_is_checked_against_last_year_s_published_report(world):
    h, r = world.handler_finance, world.reviewer_finance
    late = received(world.finance, date(2015, 12, 30), h)  # open at the end of 2015
    last_year = frozen(world.finance, 2015)
    assert last_year.snapshot["sections"][THREE][CARRIED_OUT]["总计"] == 1
    # In 2016 a 2015 application is found that was never entered, and is concluded.
    forgotten = received(world.finance, date(2015, 12, 31), h)
    conclude(forgotten, Outcome.DISCLOSED, date(2016, 1, 8), h, r)
    conclude(late, Outcome.DISCLOSED, date(2016, 1, 11), h, r)

    data = annual_report(world.finance, 2016)
    assert data["sections"][THREE][CARRIED_IN]["总计"] == 2
    expected = (
        "上下年度衔接：表三“总计”列：2015年已定稿年度报告“四、结转下年度继续办理”1件，"
        "不等于2016年“二、上年结转政府信息公开申请数量”2件。"
    )
    assert expected in data["checks"]
    report = services.report_for(world.finance, 2016)
    zeros = {"licensing": "0", "penalties": "0", "enforcement": "0", "fees": "0"}
    services.save_inputs(
        report,
        expected_version=report.version,
        actor=h,
        overview="概况",
        problems="无",
        other="无",
        entered=zeros,
    )
    assert expected in services.problems_of(report)

    note = "2015年12月31日收到的1件申请漏登，2016年补录。"
    report.refresh_from_db()
    services.save_inputs(
        report,
        expected_version=report.version,
        actor=h,
        overview="概况",
        problems="无",
        other="无",
        entered=zeros,
        carry_over_note=note,
    )
    assert services.problems_of(report) == []  # explained: no longer blocking
    data = annual_report(world.finance, 2016, Inputs(carry_over_note=note))
    assert data["carry_over_note"] == note
    from gongkai.reports.rendering import report_html

    assert f"结转差异说明：</strong>{note}" in report_html(data)


def test_a_too_long_explanation_is_refused_and_nothing_is_saved(world):
    from gongkai.core.errors import DomainError
    from gongkai.reports.services import TEXT_MAX

    report = services.report_for(world.finance, 2016)
    with pytest.raises(DomainError) as refused:
        services.save_inputs(
            report,
            expected_version=report.version,
            actor=world.handler_finance,
            overview="概况",
            carry_over_note="说" * (TEXT_MAX + 1),
        )
    assert refused.value.message == f"“结转差异说明”不能超过{TEXT_MAX}字。"
    report.refresh_from_db()
    assert report.overview == "" and report.carry_over_note == ""

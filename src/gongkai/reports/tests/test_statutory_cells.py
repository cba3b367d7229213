"""Table 二's statutory entered cells (条例第二十条第（五）（六）（八）项: 行政许可, 行政处罚,
行政强制, 行政事业性收费) must hold a figure before a report is submitted, approved or put
into the catalogue: 0 is a figure, 未填报 is not. A government's cells are the sum of its
agencies' figures, so an agency in use that left one empty is named."""

import pytest
from django.utils import timezone

from gongkai.reports import services
from gongkai.reports.annual import annual_report
from gongkai.reports.models import AnnualReport, ReportState

from .test_workflow import write

pytestmark = pytest.mark.django_db
ALL_ZERO = {"licensing": "0", "penalties": "0", "enforcement": "0", "fees": "0"}


def forced(report, state, **fields):
    """Put ``report`` in ``state`` as an older version of the rules would have let it be."""
    AnnualReport.objects.filter(pk=report.pk).update(state=state, **fields)
    report.refresh_from_db()
    return report


def approved(department, year=2016, **entered):
    """An agency's report approved with ``entered`` (the fields' values), frozen as it is."""
    report = services.report_for(department, year)
    AnnualReport.objects.filter(pk=report.pk).update(**entered)
    report.refresh_from_db()
    data = annual_report(department, year, services.inputs_of(report))
    return forced(
        report,
        ReportState.APPROVED,
        snapshot_json=AnnualReport.freeze(data),
        approved_at=timezone.now(),
    )


def test_an_empty_cell_blocks_submission_and_names_the_cell(world):
    report = services.report_for(world.finance, 2016)
    write(report, world.handler_finance, entered={**ALL_ZERO, "penalties": "", "fees": ""})
    with pytest.raises(services.ReportBlocked) as blocked:
        services.submit(report, actor=world.reviewer_finance)
    words = blocked.value.message
    assert "“行政处罚本年处理决定数量”" in words
    assert "“行政事业性收费本年收费金额（万元）”" in words
    assert "行政许可" not in words  # 0 was entered
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT


def test_zero_is_a_figure(world):
    report = services.report_for(world.finance, 2016)
    write(report, world.handler_finance, entered=ALL_ZERO)
    assert services.problems_of(report) == []
    services.submit(report, actor=world.reviewer_finance)
    services.approve(report, actor=world.office)
    cells = services.content(report)["sections"]["二、主动公开政府信息情况"]
    assert cells["第二十条第（六）项"]["行政强制"]["本年处理决定数量"]["value"] == 0


def test_approval_is_refused_while_a_cell_is_empty(world):
    report = services.report_for(world.finance, 2016)
    write(report, world.handler_finance, entered={**ALL_ZERO, "enforcement": ""})
    forced(report, ReportState.SUBMITTED)  # submitted before the rule
    with pytest.raises(services.ReportBlocked) as blocked:
        services.approve(report, actor=world.office)
    assert "“行政强制本年处理决定数量”尚未填报" in blocked.value.message
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED and report.snapshot is None


def test_an_approved_report_with_an_empty_cell_is_not_put_into_the_catalogue(world):
    report = approved(world.finance, licensing=3, penalties=0, enforcement=0)  # fees empty
    with pytest.raises(services.ReportBlocked) as blocked:
        services.publish_to_catalogue(report, actor=world.handler_finance)
    assert "“行政事业性收费本年收费金额（万元）”尚未填报" in blocked.value.message
    report.refresh_from_db()
    assert report.item is None


def test_a_government_names_the_agencies_that_left_a_cell_empty(world):
    approved(world.general_office, licensing=0, penalties=0, enforcement=0, fees=0)
    approved(world.finance, licensing=12, penalties=None, enforcement=0, fees="1.5")
    approved(world.environment, licensing=None, penalties=None, enforcement=2, fees="0")
    report = services.report_for(world.tianshui, 2016)
    write(report, world.office)
    problems = services.problems_of(report)
    assert problems == [
        "表二“行政处罚本年处理决定数量”为本级各部门填报数之和，以下部门尚未填报：天水市财政局",
        "表二“行政许可本年处理决定数量”、“行政处罚本年处理决定数量”为本级各部门填报数之和，"
        "以下部门尚未填报：天水市环境保护局",
    ]
    with pytest.raises(services.ReportBlocked):
        services.submit(report, actor=world.office)
    forced(report, ReportState.SUBMITTED)
    with pytest.raises(services.ReportBlocked) as blocked:
        services.approve(report, actor=world.office)
    assert "天水市环境保护局" in blocked.value.message


def test_a_government_whose_agencies_entered_every_cell_is_approved(world):
    for department in (world.general_office, world.finance, world.environment):
        approved(department, licensing=1, penalties=0, enforcement=0, fees="0.5")
    world.environment.active = False  # no longer in use: counts, never blocks
    world.environment.save()
    AnnualReport.objects.filter(department=world.environment).update(
        state=ReportState.DRAFT, snapshot_json=""
    )
    report = services.report_for(world.tianshui, 2016)
    write(report, world.office)
    services.submit(report, actor=world.office)
    services.approve(report, actor=world.office)
    two = services.content(report)["sections"]["二、主动公开政府信息情况"]
    assert two["第二十条第（五）项"]["行政许可"]["本年处理决定数量"]["value"] == 3


def test_the_report_page_lists_the_empty_cells(client, world):
    report = services.report_for(world.finance, 2016)
    write(report, world.handler_finance, entered={**ALL_ZERO, "licensing": ""})
    client.force_login(world.reviewer_finance)
    html = client.get(f"/workbench/reports/{report.pk}/").content.decode()
    problems = html.split('id="problems"')[1].split("</div>")[0]
    assert "表二“行政许可本年处理决定数量”尚未填报（本年没有的，请填0）" in problems

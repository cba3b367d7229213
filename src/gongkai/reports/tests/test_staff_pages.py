"""The annual report's workbench pages: the department's list and report page, the office's
dashboard with the Art. 49 deadlines, and who sees what."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gongkai.reports import services

from .test_workflow import write

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")


def url(name, *args):
    return reverse(f"workbench:reports_staff:{name}", args=args)


def get(client, user, name, *args, **params):
    client.force_login(user)
    response = client.get(url(name, *args), params)
    return response, response.content.decode()


def freeze(monkeypatch, *args):
    moment = datetime(*args, tzinfo=BEIJING)
    monkeypatch.setattr("django.utils.timezone.now", lambda: moment)


def dashboard_row(html: str, scope) -> str:
    """The dashboard's table row of an agency (Department) or a government."""
    key = f"{'g' if scope.__class__.__name__ == 'Government' else 'd'}{scope.pk}"
    return html.split(f'data-scope="{key}"')[1].split("</tr>")[0]


def test_department_staff_see_their_reports_and_the_nav_link(client, world):
    report = services.report_for(world.finance, 2016)
    response, html = get(client, world.handler_finance, "index")
    assert response.status_code == 200
    assert url("detail", report.pk) in html and "2016年度" in html
    nav = html.split('class="wb-nav"')[1].split("</nav>")[0]
    assert f'href="{url("index")}" aria-current="page">年度报告</a>' in nav
    assert '<option value="d' in html and "天水市财政局" in html  # the start form
    assert "天水市环境保护局" not in html

    response, html = get(client, world.handler_finance, "detail", report.pk)
    assert response.status_code == 200
    assert report.__str__() in html and "编写中" in html
    assert "“一、总体情况”尚未填写" in html  # the problems at the top
    assert 'name="expected_version"' in html and 'name="fill_draft"' in html
    assert "行政许可：本年处理决定数量" in html and "政务服务、行政执法模块建成前" in html
    assert "计算</span>" in html and "填报</span>" in html and "未填报" in html
    assert "三、收到和处理政府信息公开申请情况" in html
    assert url("submit", report.pk) not in html  # the handler does not submit
    assert url("approve", report.pk) not in html


def test_start_makes_the_report_once(client, world):
    client.force_login(world.handler_finance)
    year = str(timezone.localdate().year - 1)  # the year being reported on now
    data = {"scope": f"d{world.finance.pk}", "year": year}
    first = client.post(url("start"), data)
    second = client.post(url("start"), data)
    [report] = world.finance.annual_reports.all()
    assert first["Location"] == second["Location"] == url("detail", report.pk)
    refused = client.post(url("start"), {"scope": f"d{world.environment.pk}", "year": year})
    assert refused.status_code == 400
    assert "不能为所选单位编写年度报告" in refused.content.decode()
    assert not world.environment.annual_reports.exists()


def test_another_department_gets_404(client, world):
    report = services.report_for(world.finance, 2016)
    html = get(client, world.handler_environment, "index")[1]
    assert url("detail", report.pk) not in html
    assert get(client, world.handler_environment, "detail", report.pk)[0].status_code == 404
    client.force_login(world.handler_environment)
    assert client.post(url("submit", report.pk)).status_code == 404
    assert client.post(url("save", report.pk), {}).status_code == 404


def test_office_dashboard_marks_agencies_overdue_after_31_january(client, world, monkeypatch):
    services.report_for(world.finance, 2026)
    freeze(monkeypatch, 2027, 1, 31, 12)
    response, html = get(client, world.office, "index")
    assert response.status_code == 200
    assert "2026年度政府信息公开工作年度报告" in html
    assert "逾期未公开 0 个" in html
    row = dashboard_row(html, world.environment)
    assert "今天截止" in row and "未开始" in row and "逾期" not in row

    freeze(monkeypatch, 2027, 2, 3, 9)
    response, html = get(client, world.office, "index")
    row = dashboard_row(html, world.environment)
    assert '<span class="tag tag-warn">逾期</span>' in row and "已逾期3天" in row
    finance = html.split(f'data-scope="d{world.finance.pk}"')[0].rsplit("<tr", 1)[1]
    assert 'class="row-todo"' in finance and "编写中" in dashboard_row(html, world.finance)
    government = dashboard_row(html, world.tianshui)
    assert "政府" in government and "距截止还有56天" in government and "逾期" not in government
    assert "陇南市财政局" not in html  # another government's tree
    assert "秦州区财政局" in html  # a district under 天水市
    # overdue first: every overdue row comes before the government's row
    assert html.index("已逾期3天") < html.index("距截止还有56天")

    # more departments do not mean more queries
    from gongkai.testing.factories import department

    with CaptureQueriesContext(connection) as one_page:
        get(client, world.office, "index")
    for n in range(5):
        department(world.tianshui, f"天水市测试局{n}", short_name=f"测试局{n}")
    with CaptureQueriesContext(connection) as more:
        html = get(client, world.office, "index")[1]
    assert "天水市测试局4" in html
    assert len(more) == len(one_page)


def test_office_sees_approve_and_return_on_a_submitted_report(client, world):
    report = services.report_for(world.finance, 2016)
    write(report, world.handler_finance)
    services.submit(report, actor=world.reviewer_finance)
    response, html = get(client, world.office, "detail", report.pk)
    assert response.status_code == 200
    assert url("approve", report.pk) in html and url("return", report.pk) in html
    assert 'name="expected_version"' not in html  # submitted: not editable
    assert "2016年，市财政局认真贯彻落实条例" in html  # the text in the preview
    response, html = get(client, world.reviewer_finance, "detail", report.pk)
    assert url("approve", report.pk) not in html


def test_a_government_s_report_page_lists_its_agencies_and_asks_for_no_figures(client, world):
    report = services.report_for(world.tianshui, 2016)
    response, html = get(client, world.office, "detail", report.pk)
    assert response.status_code == 200
    parts = html.split('id="parts"')[1].split("</table>")[0]
    for name in ("天水市人民政府办公室", "天水市财政局", "天水市环境保护局"):
        assert f'<th scope="row">{name}</th><td>未编写</td><td>业务数据</td>' in parts
    assert "秦州区财政局" not in parts  # 秦州区 publishes its own report
    assert 'name="licensing"' not in html  # a government's Table 二 figures are summed
    assert 'name="carry_over_note"' in html
    assert "以下部门的年度报告尚未审核通过：" in html
    agency = services.report_for(world.finance, 2016)
    _response, html = get(client, world.office, "detail", report.pk)
    link = f'<a href="{url("detail", agency.pk)}">天水市财政局</a></th><td>编写中</td>'
    assert link in html  # an agency whose report is started links to it
    _response, html = get(client, world.handler_finance, "detail", agency.pk)
    assert 'name="licensing"' in html and 'id="parts"' not in html


def test_the_list_looks_back_at_any_year_that_has_reports(client, world):
    services.report_for(world.finance, 2016)  # ten years ago: not among the last five
    response, html = get(client, world.office, "index", year=2016)
    assert response.status_code == 200
    assert "2016年度政府信息公开工作年度报告" in html
    assert '<option value="2016" selected>2016年度</option>' in html
    response, html = get(client, world.office, "index", year=2015)  # no report that year
    assert "2015年度政府信息公开工作年度报告" not in html

"""The office's annual-report dashboard over the years: which years it offers, which one it
opens on, and where it says 逾期 (条例第四十九条: agencies by 31 January, governments by 31
March of the next year — and only where a report was expected: the unit's government used
the platform that year). Every date is explicit."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from gongkai.applications.tests.helpers import received
from gongkai.notices.models import Notice
from gongkai.orgs.roles import Role
from gongkai.reports import jobs, obligation, services
from gongkai.testing.factories import staff

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")
OVERDUE_TAG = '<span class="tag tag-warn">逾期</span>'


def at(monkeypatch, *args):
    moment = datetime(*args, tzinfo=BEIJING)
    monkeypatch.setattr("django.utils.timezone.now", lambda: moment)


def dashboard(client, user, **params):
    client.force_login(user)
    response = client.get(reverse("workbench:reports_staff:index"), params)
    assert response.status_code == 200
    return response.content.decode()


def row(html: str, scope) -> str:
    key = f"{'g' if scope.__class__.__name__ == 'Government' else 'd'}{scope.pk}"
    return html.split(f'data-scope="{key}"')[1].split("</tr>")[0]


def year_options(html: str) -> list[str]:
    select = html.split('name="year"')[1].split("</select>")[0]
    return [part.split('"')[0] for part in select.split('<option value="')[1:]]


@pytest.fixture
def city_2016(world):
    """天水市 used the platform in 2016 (one application to 市财政局); 秦州区 never did."""
    received(world.finance, date(2016, 3, 1), world.handler_finance)
    return world


def test_every_year_from_the_first_record_to_the_reporting_year(client, city_2016, monkeypatch):
    at(monkeypatch, 2026, 12, 7, 10)
    html = dashboard(client, city_2016.office)
    assert year_options(html) == [str(y) for y in range(2025, 2015, -1)]  # 2025 … 2016
    assert '<option value="2025" selected>2025年度</option>' in html
    assert "2025年度政府信息公开工作年度报告" in html
    html = dashboard(client, city_2016.office, year=2019)  # a year between: offered
    assert "2019年度政府信息公开工作年度报告" in html


def test_it_opens_on_the_last_complete_year_all_year_round(client, city_2016, monkeypatch):
    for moment, year in (
        ((2027, 1, 10, 9), 2026),  # January: the reports of 2026 are due
        ((2027, 3, 31, 9), 2026),
        ((2027, 4, 1, 9), 2026),  # after the deadlines: still the last complete year
        ((2027, 12, 31, 23), 2026),
        ((2028, 1, 1, 0), 2027),  # Beijing time decides
    ):
        at(monkeypatch, *moment)
        html = dashboard(client, city_2016.office)
        assert f'<option value="{year}" selected>{year}年度</option>' in html, moment
        assert year_options(html)[0] == str(year)
    assert obligation.reporting_year(date(2027, 2, 1)) == 2026


def test_no_overdue_for_a_year_in_which_the_platform_was_not_used(client, city_2016, monkeypatch):
    at(monkeypatch, 2026, 12, 7, 10)
    html = dashboard(client, city_2016.office)  # 2025: no record anywhere
    assert OVERDUE_TAG not in html and "逾期未公开 0 个" in html
    assert "该年度未使用平台，不计逾期" in row(html, city_2016.finance)


def test_overdue_after_the_deadline_only_where_a_report_was_expected(
    client, city_2016, monkeypatch
):
    w = city_2016
    at(monkeypatch, 2017, 1, 31, 18)  # the agencies' last day
    html = dashboard(client, w.office, year=2016)
    assert OVERDUE_TAG not in html and "今天截止" in row(html, w.finance)

    at(monkeypatch, 2017, 2, 1, 9)
    html = dashboard(client, w.office, year=2016)
    for agency in (w.finance, w.environment, w.general_office):  # 天水市 used the platform
        assert OVERDUE_TAG in row(html, agency) and "已逾期1天" in row(html, agency)
    county = row(html, w.qinzhou_finance)  # 秦州区 had no record in 2016
    assert OVERDUE_TAG not in county and "该年度未使用平台，不计逾期" in county
    assert "距截止还有58天" in row(html, w.tianshui)  # governments: 31 March
    assert "逾期未公开 3 个" in html

    at(monkeypatch, 2017, 4, 1, 9)
    html = dashboard(client, w.office, year=2016)
    assert OVERDUE_TAG in row(html, w.tianshui)


def test_a_unit_that_started_its_report_was_expected(client, world, monkeypatch):
    services.report_for(world.qinzhou_finance, 2016)  # its government's only record
    at(monkeypatch, 2017, 2, 1, 9)
    html = dashboard(client, world.office, year=2016)
    assert OVERDUE_TAG in row(html, world.qinzhou_finance)


def test_reminders_and_late_lists_only_for_units_expected_to_report(city_2016):
    w = city_2016
    county_handler = staff("handler_qinzhou", (w.qinzhou_finance, Role.HANDLER))
    jobs.remind(today=date(2017, 1, 1))
    assert Notice.objects.filter(recipient=w.handler_finance).exists()
    assert not Notice.objects.filter(recipient=county_handler).exists()
    jobs.remind(today=date(2017, 2, 1))
    late = Notice.objects.get(recipient=w.office, subject__contains="逾期未公开的机关（部门）")
    assert "天水市财政局" in late.body and "秦州区财政局" not in late.body

"""Only the unit writes (and submits) its own annual report; the disclosure office (公开办)
reviews the reports of its tree and writes its own government's report through the
general office it sits in. A matrix of four people × four reports, written out by hand,
and the workbench's 开始编写 buttons that follow from it."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from gongkai import access
from gongkai.orgs.models import DepartmentType
from gongkai.orgs.roles import Role
from gongkai.reports import services
from gongkai.reports.annual import SECTION_HEADINGS
from gongkai.reports.models import AnnualReport, ReportState
from gongkai.reports.staff.common import may_start
from gongkai.testing.factories import department, staff

from .test_workflow import write

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")
REPORTS = ("city", "county", "city_bureau", "county_bureau")
# person → the reports they may write and submit (their own) / review (their tree)
WRITES = {
    "city_office": {"city"},
    "county_office": {"county"},
    "city_handler": {"city_bureau"},
    "county_handler": {"county_bureau"},
}
REVIEWS = {
    "city_office": set(REPORTS),
    "county_office": {"county", "county_bureau"},
    "city_handler": set(),
    "county_handler": set(),
}


@pytest.fixture
def people(world):
    county_office = department(
        world.qinzhou, "秦州区人民政府办公室", kind=DepartmentType.GENERAL_OFFICE
    )
    people = {
        "city_office": world.office,
        "county_office": staff("office_qinzhou", (county_office, Role.DISCLOSURE_OFFICE)),
        "city_handler": world.handler_finance,
        "county_handler": staff("handler_qinzhou", (world.qinzhou_finance, Role.HANDLER)),
    }
    scopes = {
        "city": world.tianshui,
        "county": world.qinzhou,
        "city_bureau": world.finance,
        "county_bureau": world.qinzhou_finance,
    }
    return people, scopes


def report_in(scope, state) -> AnnualReport:
    report = services.report_for(scope, 2016)
    AnnualReport.objects.filter(pk=report.pk).update(state=state)
    report.refresh_from_db()
    return report


def test_only_the_unit_writes_and_submits_its_report_and_the_office_reviews(people):
    people, scopes = people
    wrong = []
    for who, person in people.items():
        for name, scope in scopes.items():
            draft = report_in(scope, ReportState.DRAFT)
            for action in ("reports.edit", "reports.submit"):
                may = access.can(person, action, draft)
                # a handler writes but does not submit (the unit's leader, 审核人, does)
                want = name in WRITES[who] and not (
                    action == "reports.submit" and who.endswith("handler")
                )
                if may != want:
                    wrong.append(f"{who} · {action} · {name}: expected {want}")
            if may_start(person, scope) != (name in WRITES[who]):
                wrong.append(f"{who} · start · {name}")
            submitted = report_in(scope, ReportState.SUBMITTED)
            if access.can(person, "reports.review", submitted) != (name in REVIEWS[who]):
                wrong.append(f"{who} · review · {name}")
    assert wrong == []


def test_the_office_sees_start_only_on_its_own_government_s_rows(client, people, monkeypatch):
    people, scopes = people
    moment = datetime(2017, 1, 10, 9, tzinfo=BEIJING)
    monkeypatch.setattr("django.utils.timezone.now", lambda: moment)
    for who in ("city_office", "county_office"):
        client.force_login(people[who])
        html = client.get(reverse("workbench:reports_staff:index")).content.decode()
        for name, scope in scopes.items():
            key = f"{'g' if name in ('city', 'county') else 'd'}{scope.pk}"
            if f'data-scope="{key}"' not in html:
                assert who == "county_office" and name in ("city", "city_bureau")
                continue
            row = html.split(f'data-scope="{key}"')[1].split("</tr>")[0]
            assert ("开始编写" in row) == (name in WRITES[who]), (who, name)
    for who in ("city_handler", "county_handler"):
        client.force_login(people[who])
        html = client.get(reverse("workbench:reports_staff:index")).content.decode()
        select = html.split('name="scope"')[1].split("</select>")[0]
        (own,) = WRITES[who]
        assert select.count("<option") == 1 and scopes[own].name in select


def test_the_preview_shows_the_sections_in_the_national_order(client, world):
    report = services.report_for(world.finance, 2016)
    write(report, world.handler_finance)
    for user in (world.handler_finance, world.office):  # editable, then submitted
        client.force_login(user)
        html = client.get(reverse("workbench:reports_staff:detail", args=[report.pk]))
        preview = html.content.decode().split('id="preview-heading"')[1]
        headings = [part.split("</h3>")[0] for part in preview.split("<h3>")[1:]]
        assert headings == list(SECTION_HEADINGS), user
        assert "2016年，市财政局认真贯彻落实条例" in preview  # 一's text, before Table 二
        if user == world.handler_finance:
            services.submit(report, actor=world.reviewer_finance)

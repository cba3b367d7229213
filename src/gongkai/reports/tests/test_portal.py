"""年度报告 on the portal (/nianbao/): published reports by year, the page from the frozen
content with accessible tables, the three downloads, and 404 for anything not public."""

import io
from datetime import date

import pytest
from django.urls import reverse

from gongkai.applications.tests.helpers import received
from gongkai.disclosure.reviewing import approve_item, pass_confidentiality_review
from gongkai.reports import services
from gongkai.testing import factories

from .test_documents import NEW, TITLE, approved_report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    # The site profile is cached; a rolled-back test must not leave it.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def publish(world, report):
    """The approved report into the catalogue, through the department's own review."""
    item = services.publish_to_catalogue(report, actor=world.handler_finance)
    pass_confidentiality_review(item, actor=world.secrecy_finance)
    approve_item(item, actor=world.reviewer_finance)
    report.refresh_from_db()
    assert report.published
    return report


def complete(world, *, year=2016):
    """Approved with every statutory cell entered (行政处罚 0): the only kind the catalogue
    takes."""
    return approved_report(world, year=year, penalties="0")


@pytest.fixture
def published(world):
    return publish(world, complete(world))


def test_the_list_groups_published_reports_by_year(client, world, published):
    other = complete(world, year=2015)  # approved, in the catalogue's review, not public
    services.publish_to_catalogue(other, actor=world.handler_finance)
    response = client.get("/nianbao/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h2 id="year-2016">2016年度</h2>' in html
    assert TITLE in html and reverse("reports_portal:detail", args=[published.pk]) in html
    assert "2015年度" not in html and "2015年政府信息公开工作年度报告" not in html
    assert 'aria-label="当前位置"' in html


def test_an_empty_list_says_so(client, db):
    response = client.get("/nianbao/")
    assert "目前还没有公开的年度报告" in response.content.decode()


def test_the_page_renders_the_frozen_content_with_accessible_tables(client, world, published):
    received(world.finance, date(2016, 5, 4), world.handler_finance, description="2016年预算")
    response = client.get(f"/nianbao/{published.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{TITLE}</h1>" in html
    assert "<caption>第二十条第（一）项</caption>" in html
    assert '<th scope="colgroup" colspan="5">法人或其他组织</th>' in html
    assert '<th scope="colgroup" colspan="10">行政诉讼</th>' in html
    # 一、本年新收 stays 1 (frozen) although a second application came in since.
    row = html.split(f'<th scope="row">{NEW}</th>')[1].split("</tr>")[0]
    assert row.endswith('<td class="figure">1</td>')
    penalties = html.split('<th scope="row">行政处罚</th>')[1].split("</tr>")[0]
    assert penalties == '<td class="figure">0</td>'  # entered as 0: a figure
    assert "全年新收申请1件。" in html
    for fmt in ("docx", "pdf", "xlsx"):
        assert reverse("reports_portal:download", args=[published.pk, fmt]) in html


@pytest.mark.parametrize(
    "fmt,magic,content_type",
    [
        ("docx", b"PK\x03\x04", "application/vnd.openxmlformats-officedocument"),
        ("pdf", b"%PDF", "application/pdf"),
        ("xlsx", b"PK\x03\x04", "application/vnd.openxmlformats-officedocument"),
    ],
)
def test_downloads_in_each_format(client, published, fmt, magic, content_type):
    response = client.get(f"/nianbao/{published.pk}/download.{fmt}")
    assert response.status_code == 200
    assert response.content.startswith(magic)
    assert response["Content-Type"].startswith(content_type)
    assert "attachment;" in response["Content-Disposition"]
    assert f".{fmt}" in response["Content-Disposition"]


def test_a_download_comes_from_the_snapshot(client, world, published):
    from openpyxl import load_workbook

    received(world.finance, date(2016, 5, 4), world.handler_finance, description="2016年预算")
    response = client.get(f"/nianbao/{published.pk}/download.xlsx")
    sheet = load_workbook(io.BytesIO(response.content))["表三 依申请公开"]
    new = next(c for row in sheet.iter_rows() for c in row if c.value == NEW)
    assert sheet.cell(row=new.row, column=8).value == 1  # 总计 as approved, not today's 2


def test_a_file_is_made_once_per_snapshot_and_served_from_storage(
    client, published, generated_storage
):
    from gongkai.core import generated, pagecache
    from gongkai.reports.models import AnnualReport

    name, url = f"annual-report/{published.pk}", f"/nianbao/{published.pk}/download.docx"
    before = generated.renders[name]
    first = client.get(url)
    assert client.get(url).content == first.content and generated.renders[name] == before + 1
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304
    pagecache.content_changed()  # a change elsewhere: the frozen report is the same
    assert client.get(url)["ETag"] == first["ETag"] and generated.renders[name] == before + 1
    assert client.get(url.replace("docx", "pdf")).content.startswith(b"%PDF")
    assert generated.renders[name] == before + 2  # each format once
    # a new snapshot (withdrawn, corrected, approved again) is a new version
    snapshot = published.snapshot_json.replace(TITLE, TITLE + "（更正）")
    AnnualReport.objects.filter(pk=published.pk).update(snapshot_json=snapshot)
    corrected = client.get(url)
    assert generated.renders[name] == before + 3 and corrected["ETag"] != first["ETag"]
    assert "%EF%BC%88%E6%9B%B4%E6%AD%A3%EF%BC%89" in corrected["Content-Disposition"]


def test_not_public_is_not_found(client, world):
    report = complete(world)
    assert client.get(f"/nianbao/{report.pk}/").status_code == 404  # approved, not in catalogue
    services.publish_to_catalogue(report, actor=world.handler_finance)
    assert client.get(f"/nianbao/{report.pk}/").status_code == 404  # in review
    assert client.get(f"/nianbao/{report.pk}/download.pdf").status_code == 404
    publish_rest = report.item
    pass_confidentiality_review(publish_rest, actor=world.secrecy_finance)
    approve_item(publish_rest, actor=world.reviewer_finance)
    assert client.get(f"/nianbao/{report.pk}/").status_code == 200
    assert client.get(f"/nianbao/{report.pk}/download.exe").status_code == 404
    assert client.get("/nianbao/999999/").status_code == 404


def test_another_government_s_site_does_not_show_it(client, world, published):
    factories.site_profile(world.longnan)
    assert client.get(f"/nianbao/{published.pk}/").status_code == 404
    assert client.get(f"/nianbao/{published.pk}/download.docx").status_code == 404
    assert TITLE not in client.get("/nianbao/").content.decode()


def test_the_list_costs_the_same_queries_for_more_reports(client, world, published):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/nianbao/")  # the site profile, cached
    with CaptureQueriesContext(connection) as one:
        client.get("/nianbao/")
    publish(world, complete(world, year=2015))
    client.get("/nianbao/")
    with CaptureQueriesContext(connection) as two:
        html = client.get("/nianbao/").content.decode()
    assert html.index("2016年度") < html.index("2015年度")
    assert len(two.captured_queries) == len(one.captured_queries)
    assert not any(
        "snapshot" in q["sql"].split(" FROM ")[0]
        for q in two.captured_queries
        if "reports_annualreport" in q["sql"]
    )

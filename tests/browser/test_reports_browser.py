"""年度报告 in a real browser: an agency's annual report is approved by the office and its
catalogue item published through the department's own review; a visitor finds it on the
portal by year, reads its tables (axe-core checks the page, on a desktop and on a phone)
and downloads the PDF, which is rendered to PNG (pdftoppm) and read back for the
national tables' headings."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest
from playwright.sync_api import expect

from .test_messages_staff_browser import PHONE

pytestmark = pytest.mark.browser

TITLE = "天水市财政局2016年政府信息公开工作年度报告"


@pytest.fixture
def published(transactional_db, site_profile):
    from gongkai.applications.models import Outcome
    from gongkai.applications.tests.helpers import received
    from gongkai.applications.tests.test_stats import conclude
    from gongkai.disclosure.reviewing import approve_item, pass_confidentiality_review
    from gongkai.reports import services
    from gongkai.testing.factories import World
    from gongkai.workdays.calendar_changes import seed_from_package

    seed_from_package()  # a flush after an earlier transactional test empties the calendar
    world = World()
    h, r = world.handler_finance, world.reviewer_finance
    conclude(
        received(world.finance, date(2016, 3, 1), h), Outcome.DISCLOSED, date(2016, 3, 10), h, r
    )
    report = services.report_for(world.finance, 2016)
    services.save_inputs(
        report,
        expected_version=report.version,
        actor=h,
        overview="2016年，市财政局认真贯彻落实《中华人民共和国政府信息公开条例》。",
        problems="一是主动公开的及时性有待提高。",
        other="无",
        entered={"licensing": "1520", "penalties": "0", "enforcement": "3", "fees": "12.5"},
    )
    services.submit(report, actor=r)
    services.approve(report, actor=world.office)
    item = services.publish_to_catalogue(report, actor=h)
    pass_confidentiality_review(item, actor=world.secrecy_finance)
    approve_item(item, actor=world.reviewer_finance)
    report.refresh_from_db()
    assert report.published
    return report


def _pdf_text(path) -> str:
    from pypdf import PdfReader

    return "".join("".join(page.extract_text().split()) for page in PdfReader(path).pages)


def test_read_a_published_report_and_its_pdf(
    live_server, published, browser, assert_accessible, tmp_path
):
    base = live_server.url
    page = browser.new_context(bypass_csp=True, accept_downloads=True).new_page()

    # 1. The list by year, then the report's page with its tables.
    page.goto(base + "/nianbao/")
    expect(page.get_by_role("heading", level=2, name="2016年度")).to_be_visible()
    assert_accessible(page, "the annual reports list")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("table", name="三、收到和处理政府信息公开申请情况")).to_be_visible()
    four = page.get_by_role("table", name="四、政府信息公开行政复议、行政诉讼情况")
    expect(four.get_by_role("columnheader", name="未经复议直接起诉")).to_be_visible()
    new_row = page.get_by_role("row", name="一、本年新收政府信息公开申请数量")
    expect(new_row.get_by_role("cell").last).to_have_text("1")
    penalties = page.get_by_role("row", name="行政处罚")
    expect(penalties.get_by_role("cell").last).to_have_text("0")  # entered 0: a figure
    assert_accessible(page, "an annual report's page")

    # 2. The PDF, rendered to PNG and read back.
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF 文档").click()
    assert download.value.suggested_filename == f"{TITLE}.pdf"
    pdf = tmp_path / "report.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, (
        "pdftoppm (poppler-utils) is needed to render the PDF: apt-get install poppler-utils"
    )
    subprocess.run([pdftoppm, "-r", "40", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pngs = sorted(tmp_path.glob("page*.png"))
    assert pngs and all(p.read_bytes().startswith(b"\x89PNG") for p in pngs)
    text = _pdf_text(pdf)
    for heading in (
        TITLE,
        "本年新收政府信息公开申请数量",
        "法人或其他组织",
        "行政复议",
        "复议后起诉",
    ):
        assert heading in text, heading

    # 3. On a phone the wide tables scroll in their box, not the page.
    phone = browser.new_context(bypass_csp=True, **PHONE).new_page()
    phone.goto(base + f"/nianbao/{published.pk}/")
    expect(phone.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert phone.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    assert_accessible(phone, "an annual report's page on a phone")


def test_an_unpublished_report_is_not_found(live_server, transactional_db, site_profile, browser):
    from gongkai.reports import services
    from gongkai.testing.factories import World

    report = services.report_for(World().finance, 2016)
    page = browser.new_context().new_page()
    response = page.goto(live_server.url + f"/nianbao/{report.pk}/")
    assert response.status == 404


def test_read_the_year_s_report_card(live_server, published, browser, assert_accessible):
    """From /nianbao/ to the city's 成绩单: figures that link to their source lists, charts
    described for a screen reader with their data a keyboard away, modules not built shown
    as not available; axe on a desktop and on a phone."""
    base = live_server.url
    page = browser.new_context(bypass_csp=True).new_page()
    page.goto(base + "/nianbao/")
    page.get_by_role("link", name="政务公开“成绩单”").click()
    assert_accessible(page, "the report cards list")
    page.get_by_role("link", name="天水市2016年政务公开“成绩单”").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("天水市2016年政务公开“成绩单”")

    # The applications section: the finance bureau's one application, linked to its source.
    applications = page.get_by_role("region", name="三、依申请公开")
    new = applications.get_by_role("link", name="1件").first
    expect(new).to_be_visible()
    assert "/api/v1/applications/statistics" in new.get_attribute("href")
    # Every figure is read from its module: none is "not available", and the
    # inspections the platform kept in 2016 (none) read as 0 with their source.
    expect(page.get_by_text("暂未提供（该功能尚未上线）")).to_have_count(0)
    channels = page.get_by_role("region", name="二、公开平台和载体")
    expect(channels.get_by_role("link", name="0次")).to_have_attribute("href", "/ducha/")

    # A chart is an image with a name; its data opens from the keyboard.
    chart = page.get_by_role("img", name="2016年每月收到的政府信息公开申请和群众留言")
    expect(chart).to_be_visible()
    summary = page.locator("details.chart-data > summary").first
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.locator("details.chart-data").first.get_by_role("table")).to_be_visible()
    assert_accessible(page, "a report card")

    phone = browser.new_context(bypass_csp=True, **PHONE).new_page()
    phone.goto(base + "/nianbao/chengjidan/620500/2016/")
    assert phone.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    assert_accessible(phone, "a report card on a phone")

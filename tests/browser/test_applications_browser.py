"""依申请公开 in a real browser: a citizen applies on a phone, keeps the receipt,
the agency confirms and replies 予以公开 with a file (through the services, as
its staff would), and the citizen looks the application up, sees the result and
downloads the reply and the file. axe-core audits the apply and lookup pages."""

from __future__ import annotations

import re

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE = {
    "viewport": {"width": 375, "height": 812},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "zh-CN",
    "bypass_csp": True,  # only so that axe can be injected
}
DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "zh-CN", "bypass_csp": True}
DESCRIPTION = "2016年天水市黄标车淘汰补贴资金的发放明细（天政办发〔2016〕71号）"


def no_horizontal_scroll(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


@pytest.fixture
def agency(transactional_db, site_profile, settings, tmp_path):
    from gongkai.testing.factories import World
    from gongkai.workdays.calendar_changes import seed_from_package

    settings.MEDIA_ROOT = tmp_path / "media"
    seed_from_package()  # a flush after an earlier transactional test empties the calendar
    world = World()
    world.finance.address = "甘肃省天水市秦州区民主西路1号"
    world.finance.phone = "0938-8212345"
    world.finance.office_hours = "工作日 8:30-12:00，14:30-18:00"
    world.finance.save()
    return world


def reply_with_a_file(world, application):
    """What the agency's staff do: confirm receipt, reply 予以公开 with a file, pass the
    secrecy review (保密审查), approve."""
    from gongkai.applications import services
    from gongkai.applications.documents import render_notice_files
    from gongkai.applications.models import ApplicationFile, FilePurpose, Outcome
    from gongkai.files.kinds import ALL_KINDS
    from gongkai.files.services import store_upload
    from gongkai.files.tests import samples

    services.confirm_receipt(application, actor=world.handler_finance)
    application.refresh_from_db()
    disclosed = store_upload(
        ContentFile(samples.pdf("黄标车淘汰补贴发放明细"), name="补贴发放明细.pdf"),
        allowed_kinds=ALL_KINDS,
    )
    ApplicationFile.objects.create(
        application=application, file=disclosed, purpose=FilePurpose.DISCLOSED
    )
    services.submit_reply(
        application,
        outcome=Outcome.DISCLOSED,
        legal_basis="",
        reply_text="现将2016年黄标车淘汰补贴资金发放明细提供给您，见附件。",
        actor=world.handler_finance,
        expected_version=application.version,
    )
    application.refresh_from_db()
    services.pass_secrecy_review(application, actor=world.secrecy_finance)  # 保密审查 first
    services.approve_reply(application, actor=world.reviewer_finance)
    for notice in application.notices.all():
        render_notice_files(notice.pk)  # what the worker does after the commit


def test_a_citizen_applies_on_a_phone_and_downloads_the_reply(
    live_server, agency, browser, assert_accessible
):
    from gongkai.applications.models import Application, ApplicationState

    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/ysqgk/")
    page.get_by_label("受理机关").select_option(label="天水市财政局")
    page.get_by_role("button", name="填写申请").click()
    expect(page.locator("main h1")).to_have_text("政府信息公开申请")
    # the agency's contact details beside the form
    expect(page.locator(".ysq-guidance")).to_contain_text("0938-8212345")
    assert no_horizontal_scroll(page)
    assert_accessible(page, "the application form (phone)")

    page.get_by_label("自然人").check()
    page.get_by_label("姓名或名称").fill("张三")
    page.get_by_label("证件类型").select_option(label="居民身份证")
    # a wrong check digit first
    page.get_by_label("证件号码").fill("110105194912310021")
    page.get_by_label("联系电话").fill("13800000000")
    page.get_by_label("电子邮箱").fill("zhangsan@example.com")
    page.get_by_label("所需政府信息的名称、文号或者便于查询的其他特征性描述").fill(DESCRIPTION)
    page.get_by_role("button", name="提交申请").click()
    expect(page.locator(".error-summary")).to_contain_text("证件号码")
    assert Application.objects.count() == 0
    assert_accessible(page, "the application form with errors")
    # what was typed is still there; fix the number
    expect(page.get_by_label("所需政府信息的名称、文号或者便于查询的其他特征性描述")).to_have_value(
        DESCRIPTION
    )
    page.get_by_label("证件号码").fill("11010519491231002X")
    page.get_by_role("button", name="提交申请").click()

    expect(page.locator("main h1")).to_have_text("政府信息公开申请回执")
    number = page.locator("#tracking-number").inner_text().strip()
    password = page.locator("#query-password").inner_text().strip()
    assert re.fullmatch(r"YSQ\d{4}-\d{4}-\d{5}", number)
    assert len(password) == 8
    expect(page.get_by_role("button", name="打印回执")).to_be_visible()
    assert no_horizontal_scroll(page)
    assert_accessible(page, "the receipt")

    application = Application.objects.get(tracking_number=number)
    assert application.description == DESCRIPTION
    reply_with_a_file(agency, application)

    page.get_by_role("link", name="查询办理进度").click()
    expect(page.locator("main h1")).to_have_text("查询申请办理情况")
    assert_accessible(page, "the lookup page")
    page.get_by_label("受理编号").fill(number.lower())
    page.get_by_label("查询密码").fill(password)
    page.get_by_role("button", name="查询").click()

    expect(page.locator("main h1")).to_have_text("申请办理情况")
    expect(page.locator(".ysq-status-facts")).to_contain_text("予以公开")
    expect(page.locator(".ysq-timeline")).to_contain_text("作出答复")
    assert no_horizontal_scroll(page)
    assert_accessible(page, "the lookup result")

    with page.expect_download() as download:
        page.get_by_role("link", name="补贴发放明细.pdf").click()
    assert download.value.suggested_filename == "补贴发放明细.pdf"
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("下载 Word 文档")).click()
    assert download.value.suggested_filename.endswith(".docx")
    application.refresh_from_db()
    assert application.state == ApplicationState.CLOSED  # delivered by online download
    context.close()


def test_apply_and_lookup_pages_are_accessible_on_a_desktop(
    live_server, agency, browser, assert_accessible
):
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    page.goto(f"{live_server.url}/ysqgk/apply/")
    # choosing the agency in the form shows its guidance (fetched by the script)
    page.get_by_label("受理机关").select_option(label="天水市财政局")
    expect(page.locator(".ysq-guidance")).to_contain_text("民主西路1号")
    assert_accessible(page, "the application form (desktop)")
    page.goto(f"{live_server.url}/ysqgk/lookup/")
    page.get_by_role("button", name="查询").click()
    expect(page.locator(".error-summary")).to_contain_text("受理编号")
    assert_accessible(page, "the lookup page with errors")
    context.close()

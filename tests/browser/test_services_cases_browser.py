"""办件 in a real browser: a citizen on a phone applies for a service item with its
materials and keeps the receipt; a clerk sends the one 补正 notice; the citizen looks
the case up and supplies the correction online; the clerk accepts, the head of the
body decides, the clerk issues and delivers; the citizen sees 已送达. axe-core audits
each page at 375 px and on a desktop."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import PASSWORD

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
ID_NUMBER = "11010519491231002X"


def no_horizontal_scroll(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


@pytest.fixture
def service(transactional_db, site_profile, settings, tmp_path):
    from gongkai.services.tests.case_helpers import published_item
    from gongkai.testing.factories import World
    from gongkai.workdays.calendar_changes import seed_from_package

    settings.MEDIA_ROOT = tmp_path / "media"
    seed_from_package()  # a flush after an earlier transactional test empties the calendar
    world = World()
    return world, published_item(world)


def staff(browser, live_server, username: str):
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(live_server.url + "/workbench/")
    return context, page


def open_case(page, live_server, number: str):
    page.goto(live_server.url + "/workbench/services/cases/")
    expect(page.get_by_role("heading", name="办件", level=1)).to_be_visible()
    page.get_by_role("link", name=number).click()
    expect(page.get_by_role("heading", name=f"办件 {number}", level=1)).to_be_visible()


def test_a_citizen_applies_corrects_and_sees_the_case_delivered(
    live_server, service, browser, assert_accessible, tmp_path
):
    from gongkai.files.tests import samples
    from gongkai.services.models import Case, CaseState

    world, item = service
    form_file = tmp_path / "申请书.pdf"
    form_file.write_bytes(samples.pdf("申请书"))

    citizen = browser.new_context(**PHONE)
    page = citizen.new_page()
    page.goto(f"{live_server.url}/banshi/case/apply/{item.code}/")
    expect(page.locator("main h1")).to_have_text(f"在线申请：{item.name}")
    assert no_horizontal_scroll(page)
    assert_accessible(page, "the case application form (phone)")
    page.get_by_label("自然人").check()
    page.get_by_label("申请人姓名或单位名称").fill("张三")
    page.get_by_label("居民身份证号码或统一社会信用代码").fill("110105194912310021")
    page.get_by_label("联系电话").fill("13800000000")
    page.get_by_label("申请书").set_input_files(str(form_file))
    page.get_by_role("button", name="提交申请").click()
    expect(page.locator(".error-summary")).to_contain_text("校验位不正确")
    assert_accessible(page, "the case application form with errors (phone)")
    assert Case.objects.count() == 0
    page.get_by_label("居民身份证号码或统一社会信用代码").fill(ID_NUMBER)
    page.get_by_label("申请书").set_input_files(str(form_file))
    page.get_by_role("button", name="提交申请").click()

    expect(page.locator("main h1")).to_have_text("办件申请回执")
    number = page.locator("#case-number").inner_text().strip()
    password = page.locator("#query-password").inner_text().strip()
    assert re.fullmatch(r"\d{4}620500\d{6}", number) and password
    assert no_horizontal_scroll(page)
    assert_accessible(page, "the case receipt (phone)")

    # a clerk sends the one correction notice
    clerk, desk = staff(browser, live_server, world.handler_finance.username)
    open_case(desk, live_server, number)
    assert_accessible(desk, "the case page (desktop)")
    desk.locator("details:has(#correction) > summary").click()
    desk.get_by_label("需补正的材料和内容").fill("申请书未签字盖章")
    desk.get_by_role("button", name="发出补正告知").click()
    expect(desk.locator("#case-state")).to_have_text("待补正")

    # the citizen looks the case up and supplies the correction
    page.get_by_role("link", name="查询办件").first.click()
    expect(page.locator("main h1")).to_have_text("查询办件办理情况")
    assert_accessible(page, "the case lookup (phone)")
    page.get_by_label("办件编号").fill(number)
    page.get_by_label("查询密码").fill(password)
    page.get_by_role("button", name="查询").click()
    expect(page.locator("#case-stage")).to_have_text("待补正")
    expect(page.locator("main")).to_contain_text("申请书未签字盖章")
    expect(page.locator("main")).to_contain_text("补正告知期限")
    assert no_horizontal_scroll(page)
    assert_accessible(page, "the case status with the correction form (phone)")
    page.get_by_label("补正材料").set_input_files(str(form_file))
    page.get_by_label("补正说明").fill("已签字盖章")
    page.get_by_role("button", name="提交补正材料").click()
    expect(page.locator("#case-stage")).to_have_text("待受理")

    # the clerk accepts; the head of the body decides; the clerk issues and delivers
    desk.reload()
    expect(desk.locator("#case-state")).to_have_text("待受理")
    desk.get_by_role("button", name="受理", exact=True).click()
    expect(desk.locator("#case-state")).to_have_text("审查中")
    reviewer, head = staff(browser, live_server, world.reviewer_finance.username)
    open_case(head, live_server, number)
    head.get_by_label("准予许可").check()
    head.get_by_label("决定内容与理由").fill("申请人符合法定条件，准予许可。")
    head.get_by_role("button", name="作出决定").click()
    expect(head.locator("#case-state")).to_have_text("已决定")
    reviewer.close()
    desk.reload()
    desk.get_by_label("证照编号").fill("TSCZ-2026-0001")
    desk.get_by_role("button", name="办结").click()
    expect(desk.locator("#case-state")).to_have_text("已办结")
    desk.get_by_label("送达方式").fill("窗口领取")
    desk.get_by_role("button", name="登记送达").click()
    expect(desk.locator("#case-state")).to_have_text("已送达")
    assert_accessible(desk, "the delivered case page (desktop)")
    clerk.close()

    page.reload()
    expect(page.locator("#case-stage")).to_have_text("已送达")
    expect(page.locator("main")).to_contain_text("准予行政许可决定书")
    assert_accessible(page, "the delivered case status (phone)")
    assert Case.objects.get(number=number).state == CaseState.DELIVERED
    citizen.close()


def test_the_case_pages_are_accessible_on_a_desktop(
    live_server, service, browser, assert_accessible
):
    world, item = service
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    page.goto(f"{live_server.url}/banshi/case/apply/{item.code}/")
    assert_accessible(page, "the case application form (desktop)")
    page.get_by_role("button", name="提交申请").click()
    expect(page.locator(".error-summary")).to_contain_text("申请书")
    assert_accessible(page, "the case application form with errors (desktop)")
    page.goto(f"{live_server.url}/banshi/case/lookup/")
    page.get_by_role("button", name="查询").click()
    expect(page.locator(".error-summary")).to_contain_text("办件编号")
    assert_accessible(page, "the case lookup with errors (desktop)")
    context.close()
    clerk, desk = staff(browser, live_server, world.handler_finance.username)
    desk.goto(live_server.url + "/workbench/services/cases/")
    assert_accessible(desk, "the case queue (desktop)")
    desk.goto(live_server.url + f"/workbench/services/cases/register/?item={item.pk}")
    assert_accessible(desk, "the counter registration (desktop)")
    clerk.close()

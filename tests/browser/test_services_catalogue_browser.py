"""政务服务's public catalogue in a real browser: on a 375 px phone a citizen goes from
the portal home to 政务服务, picks a theme, opens a guide and reads its materials and
the text version of its flow chart; the same pages at desktop width. axe-core checks
each page; nothing scrolls sideways on the phone."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "zh-CN", "bypass_csp": True}
PHONE = {
    "viewport": {"width": 375, "height": 812},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "zh-CN",
    "bypass_csp": True,
}


@pytest.fixture
def catalogue(transactional_db, site_profile):
    from gongkai.services.tests.public_helpers import published, republish, theme
    from gongkai.testing.factories import World

    world = World()
    company = theme(world, "企业开办", "kaiban", "legal")
    birth = theme(world, "生育收养", "shengyu", "person")
    theme(world, "户籍办理", "huji", "person")
    service = published(
        world,
        name="政府采购代理机构资格认定",
        audiences="legal",
        themes=[company],
        guide_fields={"online_url": "https://zwfw.example.gov.cn/item/1"},
    )
    republish(
        world,
        service,
        on=date(2026, 9, 1),
        change_note="承诺时限由10个工作日缩短为5个工作日",
        promised_limit=5,
    )
    published(world, name="代理记账机构设立审批", audiences="person,legal", themes=[company])
    published(world, name="生育登记", themes=[birth])
    published(world, name="排污许可证核发", department=world.environment, themes=[company])
    return service


def _fits(page, what):
    assert page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    ), f"{what} scrolls sideways"


def test_a_citizen_on_a_phone_finds_a_guide(live_server, catalogue, browser, assert_accessible):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.locator(".module-card").get_by_role("link", name="政务服务").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("政务服务")
    _fits(page, "the services home")
    page.screenshot(path="/tmp/banshi-index-phone.png", full_page=True)
    assert_accessible(page, "the services home (phone)")

    page.get_by_role("link", name="企业开办").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("企业开办")
    expect(page.locator("#items-heading")).to_contain_text("共 3 项")
    _fits(page, "the list of a theme")
    assert_accessible(page, "the list of a theme (phone)")

    page.get_by_role("link", name="政府采购代理机构资格认定").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("政府采购代理机构资格认定")
    materials = page.get_by_role("table", name="申请材料清单")
    expect(materials.get_by_role("rowheader")).to_have_count(2)
    expect(materials).to_contain_text("可通过部门共享获取，无需提交")
    steps = page.locator("ol.bs-steps > li")
    expect(steps).to_have_count(4)
    expect(steps.first).to_contain_text("受理")
    expect(
        page.get_by_role("img", name="办理流程图：受理→审查→决定→送达（文字说明见流程列表）")
    ).to_be_visible()
    expect(page.locator(".bs-limits")).to_contain_text("承诺办结时限5个工作日")
    chart = page.locator("svg.flow-chart").bounding_box()
    assert chart["width"] <= 375
    _fits(page, "a guide")
    page.screenshot(path="/tmp/banshi-guide-phone.png", full_page=True)
    assert_accessible(page, "a guide (phone)")
    context.close()


def test_the_pages_at_desktop_width(live_server, catalogue, browser, assert_accessible):
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    page.goto(live_server.url + "/banshi/")
    page.screenshot(path="/tmp/banshi-index-desktop.png", full_page=True)
    assert_accessible(page, "the services home (desktop)")
    search = page.get_by_role("search", name="搜索办事事项")
    search.get_by_label("事项名称或编码").fill("排污")
    search.get_by_role("button", name="搜索").click()
    expect(page.locator("#items-heading")).to_contain_text("共 1 项")
    assert_accessible(page, "a search of the catalogue (desktop)")
    page.goto(live_server.url + f"/banshi/{catalogue.code}/")
    expect(page.locator("#revisions-heading")).to_be_visible()
    expect(page.get_by_role("table", name="第2版修改的内容")).to_contain_text("承诺办结时限")
    page.screenshot(path="/tmp/banshi-guide-desktop.png", full_page=True)
    assert_accessible(page, "a guide (desktop)")
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".breadcrumb")).to_be_hidden()
    expect(page.locator("svg.flow-chart")).to_be_visible()
    page.screenshot(path="/tmp/banshi-guide-print.png", full_page=True)
    context.close()

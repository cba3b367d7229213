"""The public portal on a phone, keyboard only, in both display modes."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE = {
    "viewport": {"width": 375, "height": 812},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "zh-CN",
}


def no_horizontal_scroll(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def root_font_size(page) -> str:
    return page.evaluate("() => getComputedStyle(document.documentElement).fontSize")


def tab_to(page, selector: str, limit: int = 15) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{selector} was not reached with {limit} presses of Tab")


def test_home_on_a_phone_by_keyboard_in_both_display_modes(
    live_server, site_profile, browser, assert_accessible
):
    context = browser.new_context(bypass_csp=True, **PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/")

    expect(page.get_by_role("heading", name="天水市人民政府政务公开", level=1)).to_be_visible()
    cards = page.locator(".module-card")
    expect(cards).to_have_count(10)
    for index in range(10):
        expect(cards.nth(index)).to_be_visible()
    expect(cards.first.get_by_role("link", name="政府信息公开")).to_be_visible()
    assert no_horizontal_scroll(page), "the home page scrolls sideways at 375px"
    assert root_font_size(page) == "16px"
    page.screenshot(path="/tmp/portal-phone.png", full_page=True)
    assert_accessible(page, "the home page (phone, normal)")

    # Larger text, by keyboard only: Tab to the toggle, press Enter.
    tab_to(page, 'button[value="large"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_class("display-large")
    assert root_font_size(page) == "20px"
    expect(page.locator('button[value="large"]')).to_have_attribute("aria-pressed", "true")
    assert no_horizontal_scroll(page), "larger text makes the page scroll sideways"
    page.screenshot(path="/tmp/portal-phone-large.png", full_page=True)

    # High contrast, the same way.
    tab_to(page, 'button[value="contrast"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_class("display-large display-contrast")
    assert no_horizontal_scroll(page)
    page.screenshot(path="/tmp/portal-phone-contrast.png", full_page=True)
    assert_accessible(page, "the home page (phone, larger text + high contrast)")
    context.close()


def test_the_skip_link_is_the_first_stop_and_moves_to_the_content(live_server, browser, db):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.goto(live_server.url + "/banshi/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="跳到主要内容")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    context.close()


def test_pages_break_no_csp_rule_and_load_their_styles(live_server, site_profile, browser):
    # A normal context: the CSP is enforced, as for every visitor.
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems = []
    page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
    page.on("pageerror", lambda err: problems.append(str(err)))
    for path in ["/", "/modules/disclosure/", "/search/?q=预算", "/accounts/login/", "/nope/"]:
        page.goto(live_server.url + path)
        header = page.locator("header").first
        assert header.evaluate("(el) => getComputedStyle(el).backgroundColor") == "rgb(155, 28, 28)"
    page.goto(live_server.url + "/")
    page.screenshot(path="/tmp/portal-desktop.png", full_page=True)
    csp = [p for p in problems if "Content Security Policy" in p]
    assert not csp, "\n".join(csp)
    context.close()


def test_module_and_search_pages_are_accessible(
    live_server, site_profile, browser, assert_accessible, monkeypatch
):
    # Every section is built (政务服务 was the last); the page under construction stays
    # for the next one, checked here with a section of the test's own.
    from gongkai.portal.modules import MODULES_BY_SLUG, PortalModule

    future = PortalModule("future", "新栏目", "将来的栏目", ("将来提供的服务",))
    monkeypatch.setitem(MODULES_BY_SLUG, "future", future)
    context = browser.new_context(bypass_csp=True, locale="zh-CN")
    page = context.new_page()
    page.goto(live_server.url + "/modules/future/")
    expect(page.get_by_text("本栏目正在建设中，暂未开放。")).to_be_visible()
    assert_accessible(page, "a module page under construction")
    page.get_by_role("searchbox", name="站内搜索").fill("财政预算")
    page.get_by_role("searchbox", name="站内搜索").press("Enter")
    expect(page).to_have_url(re.compile(r"/xxgk/search/\?q=%E8%B4%A2%E6%94%BF%E9%A2%84%E7%AE%97$"))
    expect(page.locator("main h1")).to_be_visible()
    assert_accessible(page, "the search page")
    context.close()

"""Larger text (大字号) on a 375 px phone: the citizens' forms and receipts stay within
the screen, and a receipt's code stays on one line (it is never broken at a hyphen)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

WIDTH = 375
PHONE = {
    "viewport": {"width": WIDTH, "height": 812},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "zh-CN",
}


@pytest.fixture
def world(transactional_db, site_profile):
    from gongkai.testing.factories import World
    from gongkai.workdays.calendar_changes import seed_from_package

    seed_from_package()  # a flush after an earlier transactional test empties the calendar
    return World()


@pytest.fixture
def phone(browser, live_server):
    """A phone whose display preference is larger text (the cookie the toggle sets)."""
    context = browser.new_context(**PHONE)
    context.add_cookies([{"name": "gk_display", "value": "large", "url": live_server.url}])
    page = context.new_page()
    yield page
    context.close()


def assert_within_the_screen(page, what: str) -> None:
    # a click that navigates returns before the new page's style sheets have loaded
    page.wait_for_load_state("load")
    expect(page.locator("html")).to_have_class("display-large")
    assert page.evaluate("() => getComputedStyle(document.documentElement).fontSize") == "20px"
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= WIDTH, f"{what} is {width}px wide in larger text on a {WIDTH}px phone"


def assert_on_one_line(page, selector: str) -> None:
    """The text of ``selector`` lies on one line and inside its box."""
    lines, overflow = page.evaluate(
        """(selector) => {
            const element = document.querySelector(selector);
            const range = document.createRange();
            range.selectNodeContents(element);
            const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
            const text = range.getBoundingClientRect(), box = element.getBoundingClientRect();
            return [tops.size, text.right - box.right];
        }""",
        selector,
    )
    text = page.locator(selector).inner_text()
    assert lines == 1, f"{text} is broken over {lines} lines"
    assert overflow <= 0.5, f"{text} sticks out of its box by {overflow:.0f}px"


def test_the_application_form_and_its_receipt_fit_a_phone_in_larger_text(phone, live_server, world):
    page = phone
    page.goto(f"{live_server.url}/ysqgk/")
    page.get_by_label("受理机关").select_option(label="天水市财政局")
    page.get_by_role("button", name="填写申请").click()
    expect(page.locator("main h1")).to_have_text("政府信息公开申请")
    assert_within_the_screen(page, "the application form")
    page.screenshot(path="/tmp/larger-text-apply.png", full_page=True)

    page.get_by_label("自然人").check()
    page.get_by_label("姓名或名称").fill("张三")
    page.get_by_label("证件类型").select_option(label="居民身份证")
    page.get_by_label("证件号码").fill("11010519491231002X")
    page.get_by_label("联系电话").fill("13800000000")
    page.get_by_label("所需政府信息的名称、文号或者便于查询的其他特征性描述").fill(
        "2016年天水市黄标车淘汰补贴资金的发放明细"
    )
    page.get_by_role("button", name="提交申请").click()
    expect(page.locator("main h1")).to_have_text("政府信息公开申请回执")
    assert "-" in page.locator("#tracking-number").inner_text()
    assert_within_the_screen(page, "the receipt")
    assert_on_one_line(page, "#tracking-number")
    assert_on_one_line(page, "#query-password")
    page.screenshot(path="/tmp/larger-text-receipt.png", full_page=True)


def test_the_message_form_and_its_receipt_fit_a_phone_in_larger_text(phone, live_server, world):
    from gongkai.interaction.tests.helpers import mayor_board

    channel = mayor_board(world)
    page = phone
    page.goto(f"{live_server.url}/hudong/write/{channel.code}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("我要留言")
    assert_within_the_screen(page, "the message form")
    page.screenshot(path="/tmp/larger-text-message.png", full_page=True)

    page.get_by_label("咨询").check()
    page.get_by_role("textbox", name="标题").fill("黄标车淘汰补贴什么时候发放")
    page.get_by_role("textbox", name="留言内容").fill(
        "家里的黄标车去年已报废注销，补贴至今没有到账。"
    )
    page.get_by_role("textbox", name="姓名").fill("王小明")
    page.get_by_role("textbox", name="联系电话").fill("13800001234")
    page.get_by_role("button", name="提交留言").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("留言回执")
    assert "-" in page.locator("#query-code").inner_text()
    assert_within_the_screen(page, "the message receipt")
    assert_on_one_line(page, "#query-code")


def test_a_consultation_and_its_comment_form_fit_a_phone_in_larger_text(phone, live_server, world):
    from gongkai.consultations.tests.helpers import live

    consultation = live(world)
    page = phone
    page.goto(f"{live_server.url}/zhengji/{consultation.pk}/")
    expect(page.get_by_role("textbox", name="意见建议")).to_be_visible()
    assert_within_the_screen(page, "the consultation with its comment form")
    page.screenshot(path="/tmp/larger-text-consultation.png", full_page=True)

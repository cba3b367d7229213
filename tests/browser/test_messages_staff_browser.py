"""互动交流 in the workbench, in a real browser: the office assigns a citizen's message
to the department a routing rule suggests, the department's handler signs for it and
drafts the reply, the office compares the original with the masked version side by
side and approves. axe-core checks the queue, the message page and the 督办专报
(desktop, and the queue and page on a 375-px phone)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import PASSWORD

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "zh-CN"}
PHONE = {
    "viewport": {"width": 375, "height": 812},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "zh-CN",
}
REPLY = "王小明您好：经核实，您的黄标车淘汰补贴已列入第三批发放名单，预计本月底前发放到账。"


@pytest.fixture
def board_message(transactional_db, site_profile):
    from gongkai.interaction import services
    from gongkai.interaction.models import RoutingRule
    from gongkai.interaction.tests.helpers import mayor_board, message_data
    from gongkai.testing.factories import World
    from gongkai.workdays.calendar_changes import seed_from_package

    seed_from_package()  # a flush after an earlier transactional test empties the calendar
    world = World()
    RoutingRule.objects.create(
        order=10, keywords="补贴 补助", department=world.finance, note="补贴发放"
    )
    submission = services.submit_message(message_data(mayor_board(world)))
    return world, submission.message


class Person:
    def __init__(self, browser, live_server, username: str, device=DESKTOP):
        self.base = live_server.url
        self.context = browser.new_context(bypass_csp=True, **device)
        self.page = self.context.new_page()
        self.page.goto(self.base + "/accounts/login/")
        self.page.get_by_label("用户名").fill(username)
        self.page.get_by_label("密码", exact=True).fill(PASSWORD)
        self.page.get_by_role("button", name="登录").click()
        expect(self.page).to_have_url(self.base + "/workbench/")

    def open_from_queue(self, query_code: str, todo: str = "") -> None:
        self.page.goto(self.base + "/workbench/messages/" + (f"?todo={todo}" if todo else ""))
        expect(self.page.get_by_role("heading", name="留言办理", level=1)).to_be_visible()
        self.page.get_by_role("link", name=query_code).click()
        expect(self.page.get_by_role("heading", name=f"留言 {query_code}", level=1)).to_be_visible()

    def expect_message(self, text: str) -> None:
        expect(self.page.locator(".messages")).to_contain_text(text)

    def expect_state(self, state: str) -> None:
        expect(self.page.locator(".page-head .tag").first).to_have_text(state)

    def close(self) -> None:
        self.context.close()


def test_assign_sign_reply_and_approve_with_masking(
    live_server, board_message, browser, assert_accessible
):
    from gongkai.interaction.models import MessageState

    world, message = board_message
    code = message.query_code
    office = Person(browser, live_server, "office_tianshui")
    handler = Person(browser, live_server, "handler_finance")

    office.page.goto(live_server.url + "/workbench/messages/?todo=triage")
    assert_accessible(office.page, "the office's queue")
    office.open_from_queue(code, todo="triage")
    office.expect_state("待受理")
    assert_accessible(office.page, "the message page waiting for triage")
    expect(office.page.locator(".suggestion")).to_contain_text("按交办规则“补贴发放”建议")
    assign = office.page.locator("#assign")
    expect(assign.get_by_label("主办部门")).to_have_value(str(world.finance.pk))
    assign.get_by_role("button", name="交办").click()
    office.expect_message("已交办天水市财政局主办")
    office.expect_state("已交办，待签收")

    handler.open_from_queue(code, todo="sign")
    handler.page.locator("#sign").get_by_role("button", name="签收").click()
    handler.expect_message("已签收")
    handler.expect_state("办理中")
    reply = handler.page.locator("#reply")
    reply.get_by_label("答复内容").fill(REPLY)
    reply.get_by_role("button", name="提交审核").click()
    handler.expect_message("答复已提交受理办公室审核")
    handler.expect_state("答复待审核")

    office.open_from_queue(code, todo="review")
    assert_accessible(office.page, "the message page with the side-by-side review")
    original = office.page.locator(".compare-original").nth(1)
    expect(original.locator("mark.pii", has_text="13800001234")).to_be_visible()
    masked = office.page.locator(".compare-masked").nth(1)
    expect(masked).to_contain_text("138****1234")
    expect(masked).not_to_contain_text("13800001234")
    reply_field = office.page.locator("#approve").get_by_label("公开答复内容")
    expect(reply_field).not_to_have_value(REPLY)  # the writer's name is masked
    reply_field.fill(reply_field.input_value().replace("第三批", "××××"))
    office.page.get_by_role("button", name="审核通过，答复留言人").click()
    office.expect_message("留言和答复已在留言板公开")
    office.expect_state("已回复")

    message.refresh_from_db()
    assert message.state == MessageState.REPLIED
    assert "王小明" not in message.masked_reply and "第三批" not in message.masked_reply
    assert "13800001234" not in message.masked_text

    office.page.goto(live_server.url + "/workbench/messages/bulletin/")
    expect(office.page.get_by_role("heading", name="互动交流留言办理督办专报")).to_be_visible()
    assert_accessible(office.page, "the 督办专报")
    office.page.goto(live_server.url + "/workbench/messages/statistics/")
    expect(office.page.locator("svg[role=img]")).to_be_visible()
    assert_accessible(office.page, "the statistics dashboard")
    handler.close()
    office.close()


def test_queue_and_page_on_a_phone(live_server, board_message, browser, assert_accessible):
    _world, message = board_message
    office = Person(browser, live_server, "office_tianshui", PHONE)
    office.page.goto(live_server.url + "/workbench/messages/")
    assert_accessible(office.page, "the queue on a phone")
    office.page.goto(live_server.url + f"/workbench/messages/{message.pk}/")
    assert_accessible(office.page, "the message page on a phone")
    assert office.page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    office.close()

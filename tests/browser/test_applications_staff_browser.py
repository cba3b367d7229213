"""依申请公开 in the workbench, in a real browser: the handler confirms receipt of an
online application and drafts the reply, the reviewer returns it with a comment,
the handler fixes it, the reviewer approves and the 答复书 is issued. axe-core
checks the queue and the application page (desktop and a 375-px phone)."""

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
RETURN_COMMENT = "请写明负责公开该信息的机关及其联系方式。"


@pytest.fixture
def online_application(transactional_db, site_profile):
    from gongkai.applications import services
    from gongkai.applications.tests.helpers import applicant_data
    from gongkai.testing.factories import World
    from gongkai.workdays.calendar_changes import seed_from_package

    seed_from_package()  # a flush after an earlier transactional test empties the calendar
    world = World()
    submission = services.submit_online(
        applicant_data(world.finance, description="2016年天水市黄标车淘汰补贴资金的发放明细")
    )
    return world, submission.application


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

    def open_from_queue(self, tracking_number: str) -> None:
        self.page.goto(self.base + "/workbench/applications/")
        expect(self.page.get_by_role("heading", name="申请办理", level=1)).to_be_visible()
        self.page.get_by_role("link", name=tracking_number).click()
        expect(
            self.page.get_by_role("heading", name=f"申请 {tracking_number}", level=1)
        ).to_be_visible()

    def expect_message(self, text: str) -> None:
        expect(self.page.locator(".messages")).to_contain_text(text)

    def expect_state(self, state: str) -> None:
        expect(self.page.locator(".page-head .tag").first).to_have_text(state)

    def close(self) -> None:
        self.context.close()


def test_reply_returned_fixed_and_approved(
    live_server, online_application, browser, assert_accessible
):
    from gongkai.applications.models import ApplicationState

    _world, application = online_application
    number = application.tracking_number
    handler = Person(browser, live_server, "handler_finance")
    reviewer = Person(browser, live_server, "reviewer_finance")

    handler.open_from_queue(number)
    assert_accessible(handler.page, "the application page waiting for confirmation")
    handler.expect_state("待确认收到")
    handler.page.get_by_role("button", name="确认收到", exact=True).click()
    handler.expect_message("已确认收到申请")
    handler.expect_state("办理中")

    reply = handler.page.locator("#reply")
    reply.get_by_label("办理结果").select_option("unable.not_held")
    reply.get_by_label("法律依据与理由").fill(
        "《中华人民共和国政府信息公开条例》第三十六条第（五）项"
    )
    reply.get_by_role("button", name="提交审核").click()
    handler.expect_message("已提交审核")
    handler.expect_state("答复待审核")

    reviewer.open_from_queue(number)
    assert_accessible(reviewer.page, "the application page with the review forms")
    reviewer.page.get_by_label("退回意见").fill(RETURN_COMMENT)
    reviewer.page.get_by_role("button", name="退回修改").click()
    reviewer.expect_message("答复已退回经办人修改")
    reviewer.expect_state("办理中")

    handler.page.reload()
    expect(handler.page.locator("#steps-heading + ol")).to_contain_text(RETURN_COMMENT)
    reply = handler.page.locator("#reply")
    reply.get_by_label("负责公开的机关").fill("天水市生态环境局")
    reply.get_by_label("该机关联系方式").fill("0938-8211111")
    reply.get_by_role("button", name="提交审核").click()
    handler.expect_message("已提交审核")

    reviewer.page.reload()
    reviewer.page.get_by_role("button", name="审核通过并出具答复书").click()
    reviewer.expect_message("答复已审核通过")
    reviewer.expect_state("已答复，待送达")
    expect(reviewer.page.locator("#notices-heading ~ .table-scroll")).to_contain_text(
        "政府信息公开申请答复书"
    )
    application.refresh_from_db()
    assert application.state == ApplicationState.REPLIED
    assert application.referred_agency_name == "天水市生态环境局"

    reviewer.page.goto(live_server.url + "/workbench/applications/?state=all")
    assert_accessible(reviewer.page, "the queue")
    handler.close()
    reviewer.close()


def test_queue_and_page_on_a_phone(live_server, online_application, browser, assert_accessible):
    _world, application = online_application
    handler = Person(browser, live_server, "handler_finance", PHONE)
    handler.page.goto(live_server.url + "/workbench/applications/")
    assert_accessible(handler.page, "the queue on a phone")
    handler.page.goto(live_server.url + f"/workbench/applications/{application.pk}/")
    assert_accessible(handler.page, "the application page on a phone")
    assert handler.page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    handler.close()

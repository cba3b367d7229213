"""互动交流 end to end in a real browser: a citizen on a phone leaves a public message
on the mayor's board, the office assigns it, the department replies, the office
approves; the masked message appears on the board and in the site search; the
citizen looks it up and rates the reply. axe-core checks each public page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .test_messages_staff_browser import DESKTOP, PHONE, Person

pytestmark = pytest.mark.browser

SUBJECT = "黄标车淘汰补贴什么时候发放"
TEXT = "我家住秦州区某某小区，家里的黄标车去年已报废注销，补贴至今没有到账。我的电话13800001234。"
REPLY = "王小明您好：经核实，您的黄标车淘汰补贴已列入第三批发放名单，预计本月底前发放到账。"


@pytest.fixture
def board(transactional_db, site_profile):
    from gongkai.interaction.tests.helpers import mayor_board
    from gongkai.testing.factories import World
    from gongkai.workdays.calendar_changes import seed_from_package

    seed_from_package()  # a flush after an earlier transactional test empties the calendar
    world = World()
    return world, mayor_board(world)


def test_a_public_message_from_writing_to_rating(live_server, board, browser, assert_accessible):
    from gongkai.interaction.models import Message
    from gongkai.jobs.testing import run_jobs

    world, channel = board
    base = live_server.url
    citizen = browser.new_context(bypass_csp=True, **PHONE)
    page = citizen.new_page()

    # 1. The citizen writes on a phone.
    page.goto(base + "/hudong/")
    assert_accessible(page, "the 互动交流 home on a phone")
    page.goto(base + f"/hudong/write/{channel.code}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("我要留言")
    assert_accessible(page, "the writing form on a phone")
    page.get_by_label("咨询").check()
    page.get_by_role("textbox", name="标题").fill(SUBJECT)
    page.get_by_role("textbox", name="留言内容").fill(TEXT)
    page.get_by_role("textbox", name="姓名").fill("王小明")
    page.get_by_role("textbox", name="联系电话").fill("13800001234")
    page.get_by_role("button", name="提交留言").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("留言回执")
    code = page.locator("#query-code").inner_text().strip()
    password = page.locator("#query-password").inner_text().strip()
    assert Message.objects.filter(query_code=code).count() == 1
    assert page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )

    # 2. The office assigns, the department replies, the office approves.
    office = Person(browser, live_server, "office_tianshui", DESKTOP)
    handler = Person(browser, live_server, "handler_finance", DESKTOP)
    office.open_from_queue(code, todo="triage")
    assign = office.page.locator("#assign")
    assign.get_by_label("主办部门").select_option(str(world.finance.pk))
    assign.get_by_role("button", name="交办").click()
    office.expect_message("已交办天水市财政局主办")
    handler.open_from_queue(code, todo="sign")
    handler.page.locator("#sign").get_by_role("button", name="签收").click()
    handler.expect_message("已签收")
    handler.page.locator("#reply").get_by_label("答复内容").fill(REPLY)
    handler.page.locator("#reply").get_by_role("button", name="提交审核").click()
    handler.expect_message("答复已提交受理办公室审核")
    office.open_from_queue(code, todo="review")
    office.page.get_by_role("button", name="审核通过，答复留言人").click()
    office.expect_message("留言和答复已在留言板公开")
    run_jobs()  # the search index follows the publication through its job

    # 3. The masked message is on the board and in the site search.
    page.goto(base + "/hudong/board/")
    assert_accessible(page, "the board on a phone")
    page.get_by_role("link", name=SUBJECT).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SUBJECT)
    body = page.locator("main")
    expect(body).to_contain_text("第三批发放名单")
    expect(body).not_to_contain_text("13800001234")
    expect(body).not_to_contain_text("王小明")
    expect(body).not_to_contain_text("某某小区")
    assert_accessible(page, "a published message on a phone")
    page.goto(base + "/xxgk/search/?q=黄标车 补贴")
    hit = page.locator(".xxgk-entry", has_text=SUBJECT)
    expect(hit).to_contain_text("留言")
    expect(page.locator("main")).not_to_contain_text("13800001234")

    # 4. The citizen looks it up and rates the reply.
    page.goto(base + "/hudong/lookup/")
    page.get_by_label("查询码").fill(code)
    page.get_by_label("查询密码").fill(password)
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("留言办理情况")
    expect(page.locator(".hd-reply")).to_contain_text("王小明您好")  # the writer's own reply
    assert_accessible(page, "the writer's status page with the rating form")
    page.get_by_label("满意", exact=True).check()
    page.get_by_role("button", name="提交评价").click()
    expect(page.locator(".hd-facts")).to_contain_text("满意")
    message = Message.objects.get(query_code=code)
    assert message.satisfaction == "satisfied"

    office.close()
    handler.close()
    citizen.close()

"""Staff: logging in through the form, the workbench, and the lockout."""

from datetime import date

import pytest
from playwright.sync_api import expect

from .conftest import PASSWORD

pytestmark = pytest.mark.browser


def fill_login(page, username: str, password: str) -> None:
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码", exact=True).fill(password)
    page.get_by_role("button", name="登录").click()


@pytest.fixture
def handler_with_work(transactional_db, site_profile):
    from gongkai.testing.factories import World
    from gongkai.workdays.calendar_changes import seed_from_package
    from gongkai.workdays.clocks import start_clock

    # A flush after an earlier transactional test leaves the calendar empty.
    seed_from_package()
    world = World()
    assigned = start_clock(
        world.finance,
        stage="reply",
        label="依申请公开：2026年市级部门预算公开情况（申请编号 2026-0158）",
        department=world.finance,
        start_date=date(2026, 11, 20),
        limit_days=20,
        assignee=world.handler_finance,
        url="/workbench/",
    )
    start_clock(
        world.environment,
        stage="reply",
        label="环保局的事项（不应出现）",
        department=world.environment,
        start_date=date(2026, 11, 20),
        limit_days=20,
    )
    return world, assigned


def test_a_handler_logs_in_and_sees_their_work(
    live_server, handler_with_work, browser, assert_accessible
):
    _world, assigned = handler_with_work
    context = browser.new_context(
        bypass_csp=True, locale="zh-CN", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.goto(live_server.url + "/workbench/")
    expect(page).to_have_url(live_server.url + "/accounts/login/?next=/workbench/")
    expect(page.get_by_role("heading", name="工作人员登录")).to_be_visible()
    assert_accessible(page, "the login page")

    fill_login(page, "handler_finance", PASSWORD)
    expect(page).to_have_url(live_server.url + "/workbench/")
    expect(page.get_by_role("heading", name="我的工作", level=1)).to_be_visible()
    mine = page.locator("section.work-assigned")
    expect(mine.get_by_role("link", name=assigned.label)).to_be_visible()
    expect(mine.get_by_text("市财政局")).to_be_visible()
    expect(page.get_by_text("当前部门：天水市财政局")).to_be_visible()
    expect(page.get_by_text("环保局的事项（不应出现）")).to_have_count(0)
    page.screenshot(path="/tmp/workbench.png", full_page=True)
    assert_accessible(page, "the workbench (我的工作)")

    page.set_viewport_size({"width": 375, "height": 812})
    assert page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    ), "the workbench scrolls sideways at 375px"
    page.screenshot(path="/tmp/workbench-phone.png", full_page=True)

    page.get_by_role("link", name="两步验证").click()
    expect(page.get_by_role("heading", name="两步验证", level=1)).to_be_visible()
    expect(page.get_by_role("img", name="身份验证器配置二维码")).to_be_visible()
    page.screenshot(path="/tmp/totp.png", full_page=True)
    assert_accessible(page, "the TOTP enrolment page")

    page.get_by_role("button", name="退出登录").click()
    expect(page).to_have_url(live_server.url + "/")
    context.close()


def test_five_wrong_passwords_show_the_chinese_lockout_page(
    live_server, handler_with_work, browser, assert_accessible
):
    context = browser.new_context(bypass_csp=True, locale="zh-CN")
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    for attempt in range(1, 5):
        fill_login(page, "handler_finance", f"wrong-{attempt}")
        expect(page.get_by_role("alert")).to_contain_text("用户名或密码不正确")
    fill_login(page, "handler_finance", "wrong-5")
    expect(page.get_by_role("heading", name="登录已被暂时锁定")).to_be_visible()
    expect(page.get_by_text("30 分钟")).to_be_visible()
    expect(page.locator("main")).to_contain_text("请联系本单位的系统管理员")
    page.screenshot(path="/tmp/lockout.png", full_page=True)
    assert_accessible(page, "the lockout page")

    # The right password no longer helps.
    page.goto(live_server.url + "/accounts/login/")
    fill_login(page, "handler_finance", PASSWORD)
    expect(page.get_by_role("heading", name="登录已被暂时锁定")).to_be_visible()
    context.close()

"""The office's live check of its own site (督查考核 → 本级网站检查) in Chromium."""

import pytest
from playwright.sync_api import expect

from .conftest import PASSWORD
from .test_staff_browser import fill_login

pytestmark = pytest.mark.browser


@pytest.fixture
def office(transactional_db, site_profile):
    from gongkai.testing.factories import World
    from gongkai.workdays.calendar_changes import seed_from_package

    seed_from_package()  # a flush after an earlier transactional test empties it
    return World()


def test_the_office_reads_its_site_check_at_desktop_and_on_a_phone(
    live_server, office, browser, assert_accessible
):
    context = browser.new_context(
        bypass_csp=True, locale="zh-CN", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    fill_login(page, office.office.username, PASSWORD)
    page.get_by_role("link", name="督查考核").click()
    page.get_by_role("link", name="本级网站检查").click()
    expect(page.get_by_role("heading", name="本级网站检查：天水市", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="单项否决")).to_be_visible()  # a new site is empty
    expect(page.get_by_role("table", name="各栏目最新信息日期和状态")).to_contain_text("空白栏目")
    expect(page.get_by_role("table", name="政务新媒体账号最近发布情况")).to_contain_text("未登记")
    page.screenshot(path="/tmp/site-check.png", full_page=True)
    assert_accessible(page, "the site check (本级网站检查)")
    page.set_viewport_size({"width": 375, "height": 812})
    assert page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    ), "the site check scrolls sideways at 375px"
    page.screenshot(path="/tmp/site-check-phone.png", full_page=True)
    assert_accessible(page, "the site check at 375px")
    context.close()


@pytest.fixture
def published_plan(transactional_db, site_profile):
    from datetime import date

    from gongkai.supervision import tasking
    from gongkai.testing.factories import World

    world = World()
    plan = tasking.create_plan(
        government=world.tianshui,
        year=2016,
        title="2016年天水市政务公开工作要点",
        actor=world.office,
    )
    tasking.set_published(plan, True, actor=world.office)
    for n, department in enumerate((world.finance, world.environment), start=1):
        task = tasking.add_task(
            plan,
            lead=department,
            actor=world.office,
            title=f"第{n}项：公开本部门2016年度预算和“三公”经费预算",
            scope="本部门及所属预算单位",
            form="政府网站信息公开专栏",
            due_on=date(2016, 4, 20),
        )
    tasking.report(
        task, department=world.environment, text="已公开。", evidence=["/xxgk/"], completed=True,
        actor=world.handler_environment,
    )  # fmt: skip
    tasking.confirm(task, on=date(2016, 4, 18), actor=world.office)
    return plan


def test_the_public_progress_page_at_desktop_and_on_a_phone(
    live_server, published_plan, browser, assert_accessible
):
    for width, name in ((1280, "ducha"), (375, "ducha-phone")):
        context = browser.new_context(
            bypass_csp=True, locale="zh-CN", viewport={"width": width, "height": 900}
        )
        page = context.new_page()
        page.goto(live_server.url + "/ducha/")
        page.get_by_role("link", name="2016年天水市政务公开工作要点").click()
        table = page.get_by_role("list", name="任务分解和落实情况")
        expect(table).to_contain_text("已完成（2016年4月18日）")
        expect(table).to_contain_text("落实中，已超过公开时限")
        assert page.evaluate(
            "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        ), f"the progress page scrolls sideways at {width}px"
        page.screenshot(path=f"/tmp/{name}.png", full_page=True)
        assert_accessible(page, f"the progress page at {width}px")
        context.close()

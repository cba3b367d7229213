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

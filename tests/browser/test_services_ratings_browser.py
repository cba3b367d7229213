"""好差评 in a real browser: a citizen on a phone looks up a completed case and rates it
不满意 with a comment; the clerk records the follow-up call on the case page; the
public case list and its statistics. axe-core audits each page at 375 px and on a
desktop."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .test_services_cases_browser import DESKTOP, PHONE, no_horizontal_scroll, staff

pytestmark = pytest.mark.browser


@pytest.fixture
def completed(transactional_db, site_profile, settings, tmp_path):
    from gongkai.services.tests.rating_helpers import completed_case
    from gongkai.testing.factories import World
    from gongkai.workdays.calendar_changes import seed_from_package

    settings.MEDIA_ROOT = tmp_path / "media"
    seed_from_package()
    world = World()
    case, password = completed_case(world)
    return world, case, password


def test_a_citizen_rates_dissatisfied_and_the_clerk_records_the_call(
    live_server, completed, browser, assert_accessible
):
    _world, case, password = completed
    citizen = browser.new_context(**PHONE)
    page = citizen.new_page()
    page.goto(f"{live_server.url}/banshi/case/lookup/")
    page.get_by_label("办件编号").fill(case.number)
    page.get_by_label("查询密码").fill(password)
    page.get_by_role("button", name="查询").click()
    expect(page.locator("#case-stage")).to_have_text("已办结")
    expect(page.get_by_role("heading", name="评价办理服务")).to_be_visible()
    assert no_horizontal_scroll(page)
    assert_accessible(page, "the status page with the rating form (phone)")
    page.get_by_role("radio", name="不满意", exact=True).check()
    page.get_by_label("评价意见").fill("窗口等候时间太长")
    page.get_by_role("button", name="提交评价").click()
    expect(page.locator("main")).to_contain_text("感谢您的评价")
    expect(page.locator("#rating")).to_contain_text("不满意")
    assert_accessible(page, "the status page after rating (phone)")

    context, desk = staff(browser, live_server, "handler_finance")
    desk.goto(f"{live_server.url}/workbench/services/cases/{case.pk}/")
    expect(desk.locator("#follow-up-state")).to_have_text("待回访")
    assert_accessible(desk, "the case page with the follow-up (desktop)")
    desk.get_by_label("回访情况（申请人反映的问题和诉求）").fill("申请人反映取号后等候一小时")
    desk.get_by_role("button", name="记录回访").click()
    expect(desk.locator("#follow-up-state")).to_have_text("整改中")
    context.close()

    page.goto(f"{live_server.url}/banshi/gongshi/")
    expect(page.locator("main h1")).to_have_text("办件公示")
    expect(page.locator("main")).to_contain_text("张*")
    assert_accessible(page, "the public case list (phone)")
    page.goto(f"{live_server.url}/banshi/gongshi/tongji/")
    expect(page.locator("#case-statistics")).to_contain_text("天水市财政局")
    assert_accessible(page, "the statistics (phone)")
    citizen.close()

    desktop = browser.new_context(**DESKTOP)
    page = desktop.new_page()
    for path in ("/banshi/gongshi/", "/banshi/gongshi/tongji/"):
        page.goto(live_server.url + path)
        assert_accessible(page, f"{path} (desktop)")
    desktop.close()

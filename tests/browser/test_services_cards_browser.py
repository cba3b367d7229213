"""电子监察 in a real browser: the supervisor (监察, in the city's general office) sees a
red card and its department's explanation and confirms it. axe-core audits the
dashboard and the card's page at 375 px and on a desktop."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import PASSWORD

pytestmark = pytest.mark.browser

PHONE = {
    "viewport": {"width": 375, "height": 812},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "zh-CN",
    "bypass_csp": True,  # only so that axe can be injected
}
DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "zh-CN", "bypass_csp": True}


@pytest.fixture
def explained_card(transactional_db, site_profile, settings, tmp_path):
    from gongkai.orgs.roles import Role
    from gongkai.services.models import Case
    from gongkai.services.services import cards
    from gongkai.services.tests.case_helpers import apply, published_item
    from gongkai.testing.factories import World, staff
    from gongkai.workdays.calendar_changes import seed_from_package

    settings.MEDIA_ROOT = tmp_path / "media"
    seed_from_package()
    world = World()
    case = apply(published_item(world)).case
    Case.objects.filter(pk=case.pk).update(entered_late=True, late_reason="窗口系统故障")
    [card] = cards.sweep()
    cards.explain(card, actor=world.handler_finance, text="窗口系统故障，当日纸质登记，次日补录")
    supervisor = staff("jiancha", (world.general_office, Role.SUPERVISOR), password=PASSWORD)
    return supervisor, card


def login(browser, live_server, username: str, options: dict):
    context = browser.new_context(**options)
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(live_server.url + "/workbench/")
    return context, page


@pytest.mark.parametrize("options", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_supervisor_confirms_an_explained_red_card(
    browser, live_server, explained_card, assert_accessible, options
):
    supervisor, _card = explained_card
    context, page = login(browser, live_server, supervisor.username, options)
    width = options["viewport"]["width"]
    page.goto(live_server.url + "/workbench/services/cards/")
    expect(page.get_by_role("heading", name="电子监察", level=1)).to_be_visible()
    assert_accessible(page, f"the 电子监察 dashboard at {width} px")
    page.screenshot(path=f"/tmp/cards-shots/dashboard-{width}.png", full_page=True)
    page.get_by_role("link", name="红牌：体外办理（事后补录）").click()
    expect(page.locator("#card-explanation")).to_contain_text("窗口系统故障，当日纸质登记")
    assert_accessible(page, f"a card's page at {width} px")
    page.screenshot(path=f"/tmp/cards-shots/card-{width}.png", full_page=True)
    page.get_by_role("button", name="确认").click()
    expect(page.locator("#card-state")).to_have_text("已确认")
    context.close()

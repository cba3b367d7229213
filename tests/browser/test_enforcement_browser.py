"""行政执法公示 in a real browser: a visitor finds the bodies, a body's officer by name,
an officer by certificate number, and the published decisions with a person masked
(axe-core checks each page, on a desktop and on a phone 375 px wide)."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from .test_messages_staff_browser import PHONE

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _on_7_december_2026(today_is):
    """The dates below are written for this day, whatever day the suite runs on."""
    today_is(date(2026, 12, 7))


@pytest.fixture
def published(transactional_db, site_profile):
    from gongkai.powers.models import InspectionItem, Officer
    from gongkai.powers.services.decisions import publish_decision
    from gongkai.powers.tests.enforcement_helpers import body, finance_powers, penalty
    from gongkai.testing.factories import World
    from gongkai.workdays.calendar_changes import seed_from_package

    seed_from_package()  # a flush after an earlier transactional test empties the calendar
    world = World()
    licence, punish, inspect = finance_powers(world)
    own = body(world, powers=[licence, punish, inspect])
    InspectionItem.objects.create(
        body=own,
        position=1,
        name="代理记账机构执业情况检查",
        inspected="代理记账机构",
        basis="《代理记账管理办法》第二十一条",
        method="书面检查",
        ratio="5%",
        frequency="每年1次",
    )
    Officer.objects.create(
        body=own,
        name="王明",
        certificate_number="甘A00000001",
        field="财政",
        issued_on=date(2020, 1, 1),
        expires_on=date(2030, 1, 1),
    )
    for d in (
        penalty(world, own, punish, date(2026, 11, 2), person=True, number=1),
        penalty(world, own, punish, date(2026, 11, 2), number=2),
    ):
        publish_decision(d, actor=world.handler_finance, on=date(2026, 11, 4))
    return own


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_a_visitor_finds_bodies_officers_and_decisions(
    live_server, published, browser, assert_accessible, device
):
    options = PHONE if device == "phone" else {"viewport": {"width": 1280, "height": 900}}
    page = browser.new_context(bypass_csp=True, **options).new_page()
    page.goto(live_server.url + "/quanze/zhifa/")
    expect(page.get_by_role("heading", level=1)).to_have_text("天水市行政执法主体")
    assert_accessible(page, f"the bodies list ({device})")
    page.get_by_role("link", name="天水市财政局").first.click()
    expect(page.get_by_role("heading", name="随机抽查事项清单")).to_be_visible()
    page.get_by_role("textbox", name="姓名").fill("王明")
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_role("cell", name="甘A00000001")).to_be_visible()
    assert_accessible(page, f"a body with an officer found by name ({device})")
    page.goto(live_server.url + "/quanze/zhifa/renyuan/")
    page.get_by_role("textbox", name="执法证号").fill("甘A00000001")
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_text("有效", exact=True)).to_be_visible()
    assert_accessible(page, f"the officer lookup ({device})")
    page.goto(live_server.url + "/quanze/gongshi/")
    expect(page.get_by_role("cell", name="张**")).to_be_visible()
    expect(page.get_by_text("张三丰")).to_have_count(0)
    assert_accessible(page, f"the decisions ({device})")
    page.get_by_role("link", name="未经批准从事代理记账业务案1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("未经批准从事代理记账业务案1")
    assert_accessible(page, f"a decision ({device})")

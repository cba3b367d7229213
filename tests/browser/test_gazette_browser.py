"""政府公报 and 政务公开栏 on the public site in a real browser, at desktop width and on a
375 px phone: the archive, an issue, a bulletin-board issue. axe-core checks each page,
and nothing scrolls sideways on the phone."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from .test_messages_staff_browser import PHONE

pytestmark = pytest.mark.browser
DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "zh-CN", "bypass_csp": True}


@pytest.fixture
def published(transactional_db, site_profile):
    from gongkai.publications import services
    from gongkai.publications.models import Board, BulletinIssue
    from gongkai.publications.tests.helpers import gazette, item, office_reviewer, section
    from gongkai.testing.factories import World

    world = World()
    paper = gazette(world)
    issue = services.create_issue(paper, actor=world.office)
    doc = item(world.general_office, date(2016, 5, 3), "天水市人民政府办公室关于做好防汛工作的通知")
    services.place(issue, doc, section("office"), actor=world.office)
    services.write_text(issue, section("chronicle"), "5月政府大事记", "5月3日，市政府召开防汛工作会议。",
                        actor=world.office)  # fmt: skip
    services.submit(issue, actor=world.office)
    services.publish(issue, actor=office_reviewer(world), on=date(2016, 5, 25))
    board = Board.objects.create(
        government=world.tianshui, name="市民广场公开栏", location="市民广场"
    )
    bulletin = BulletinIssue.objects.create(government=world.tianshui, year=2016, number=1,
                                            theme="防汛知识", text="汛期注意安全。",
                                            posted_on=date(2016, 5, 1))  # fmt: skip
    bulletin.boards.set([board])
    return issue, doc, bulletin


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_archive_issue_and_bulletin_pages(
    live_server, published, browser, assert_accessible, device
):
    _issue, doc, bulletin = published
    context = browser.new_context(
        **(DESKTOP if device == "desktop" else {**PHONE, "bypass_csp": True})
    )
    page = context.new_page()
    base = live_server.url

    page.goto(base + "/gongbao/")
    expect(page.get_by_role("heading", level=1)).to_have_text("政府公报")
    assert_accessible(page, f"the gazette archive ({device})")
    page.get_by_role("link", name="2016年第1期（总第131期）").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("2016年第1期")
    assert_accessible(page, f"a gazette issue ({device})")
    expect(page.get_by_role("link", name=doc.title)).to_have_attribute("href", doc.get_public_url())
    expect(page.get_by_role("link", name="下载本期印刷版（PDF）")).to_be_visible()
    if device == "phone":
        assert page.evaluate(
            "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )

    page.goto(base + bulletin.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_contain_text("防汛知识")
    assert_accessible(page, f"a bulletin-board issue ({device})")
    context.close()

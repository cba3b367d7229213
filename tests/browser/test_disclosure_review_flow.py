"""发布前审查 in a real browser: a draft of 市财政局 goes through 保密审查 and
领导审批 (returned once with a comment, edited, resubmitted), appears in the
catalogue and the site search, and is then withdrawn (撤回) again.

Every step under test is a click on the workbench pages by the person whose
step it is; only the first draft is written through ``actions.create_draft``.
The search index is updated by the queued jobs, run with ``run_jobs()``.
"""

from __future__ import annotations

import importlib
import re
from datetime import date

import pytest
from django.apps import apps
from playwright.sync_api import expect

from .conftest import PASSWORD

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "zh-CN"}
WORD = "琥珀巷"  # appears in nothing else the test database holds
FIRST_TITLE = f"天水市财政局关于{WORD}棚户区改造补助资金的公示（初稿）"
FINAL_TITLE = f"天水市财政局关于{WORD}棚户区改造补助资金分配结果的公示"
RETURN_COMMENT = "请在标题中写明“分配结果”，并删去“初稿”字样。"
WITHDRAW_REASON = "补助名单有误，撤回后重新核对。"


@pytest.fixture
def finance_draft(transactional_db, site_profile, settings):
    from gongkai.disclosure import actions
    from gongkai.disclosure.models import Genre, SubjectCategory
    from gongkai.disclosure.tests.portal.conftest import column_is_wired
    from gongkai.search import reindex
    from gongkai.testing.factories import World
    from gongkai.workdays.calendar_changes import seed_from_package

    if not column_is_wired():
        settings.ROOT_URLCONF = "gongkai.disclosure.tests.portal.urls"
    # A flush after an earlier transactional test empties the data migrations' rows.
    seed_from_package()
    importlib.import_module("gongkai.disclosure.migrations.0002_reference_data").seed(apps, None)
    reindex()  # drops index rows an earlier flush left behind
    world = World()
    item = actions.create_draft(
        actor=world.handler_finance,
        department=world.finance,
        data={
            "title": FIRST_TITLE,
            "document_number": "天财发〔2026〕88号",
            "written_on": date(2026, 9, 18),
            "subject": SubjectCategory.objects.get(name="财政、金融、审计"),
            "genre": Genre.objects.get(name="通知"),
            "keywords": f"{WORD} 棚户区改造 补助资金",
            "summary": f"公示{WORD}棚户区改造补助资金的分配结果。",
            "body": f"<p>现将{WORD}棚户区改造补助资金分配结果予以公示。</p>",
            "source": "天水市财政局",
            "disclosure_attribute": "proactive",
            "item_type": "general",
            "formed_or_changed_on": date(2026, 9, 20),
        },
    )
    return world, item


class Person:
    """One member of staff in their own browser context, logged in through the form."""

    def __init__(self, browser, live_server, username: str):
        self.base = live_server.url
        self.context = browser.new_context(bypass_csp=True, **DESKTOP)
        self.page = self.context.new_page()
        self.page.goto(self.base + "/accounts/login/")
        self.page.get_by_label("用户名").fill(username)
        self.page.get_by_label("密码", exact=True).fill(PASSWORD)
        self.page.get_by_role("button", name="登录").click()
        expect(self.page).to_have_url(self.base + "/workbench/")

    def open_item(self, item) -> None:
        self.page.goto(f"{self.base}/workbench/disclosure/items/{item.pk}/")

    def open_from_queue(self, queue_link: str, title: str) -> None:
        self.page.goto(self.base + "/workbench/disclosure/")
        self.page.get_by_role("navigation", name="主动公开").get_by_role(
            "link", name=queue_link
        ).click()
        expect(self.page.get_by_role("heading", name=queue_link, level=1)).to_be_visible()
        self.page.get_by_role("link", name=title).click()
        expect(self.page.get_by_role("heading", name=title, level=1)).to_be_visible()

    def act(self, button: str, *, comment: str = "") -> None:
        if comment:
            self.page.get_by_label("意见").fill(comment)
        self.page.get_by_role("button", name=button, exact=True).click()

    def expect_message(self, text: str) -> None:
        expect(self.page.locator(".messages")).to_contain_text(text)

    def expect_state(self, state: str) -> None:
        expect(self.page.locator(".page-head .tag").first).to_have_text(state)

    def close(self) -> None:
        self.context.close()


def public_search(page, base: str):
    from gongkai.jobs.testing import run_jobs

    run_jobs()
    page.goto(f"{base}/xxgk/search/?q={WORD}")
    expect(page.locator("h1")).to_have_count(1)
    return page.locator(".xxgk-entry")


def test_a_returned_draft_is_fixed_published_found_and_withdrawn(
    live_server, finance_draft, browser, assert_accessible
):
    from gongkai.disclosure.models import InformationItem

    _world, item = finance_draft
    base = live_server.url
    handler = Person(browser, live_server, "handler_finance")
    secrecy = Person(browser, live_server, "secrecy_finance")
    reviewer = Person(browser, live_server, "reviewer_finance")

    # 经办人 submits the draft.
    handler.open_item(item)
    expect(handler.page.get_by_role("heading", name=FIRST_TITLE, level=1)).to_be_visible()
    handler.expect_state("草稿")
    handler.act("提交审核")
    handler.expect_message("已提交保密审查。")
    handler.expect_state("待保密审查")

    # 保密审查员 finds it in their queue and passes it.
    secrecy.open_from_queue("待保密审查", FIRST_TITLE)
    assert_accessible(secrecy.page, "the item page with review buttons")
    secrecy.act("保密审查通过")
    secrecy.expect_message("保密审查已通过，已转领导审批。")
    secrecy.expect_state("待领导审批")

    # 审核人 tries to return it without a comment, then with one.
    reviewer.open_from_queue("待领导审批", FIRST_TITLE)
    reviewer.act("领导审批退回修改")
    expect(reviewer.page.locator(".messages .notice-error")).to_have_text(
        "领导审批退回修改须填写意见，说明原因或需要修改的内容。"
    )
    reviewer.expect_state("待领导审批")
    reviewer.act("领导审批退回修改", comment=RETURN_COMMENT)
    reviewer.expect_message("已退回修改，经办人会收到通知。")
    reviewer.expect_state("退回修改")

    # 经办人 reads the comment, corrects the title and submits again.
    handler.open_item(item)
    handler.expect_state("退回修改")
    history = handler.page.get_by_role("region", name="办理记录")
    expect(history.get_by_role("listitem").filter(has_text="领导审批退回修改")).to_contain_text(
        RETURN_COMMENT
    )
    handler.page.get_by_role("link", name="修改", exact=True).click()
    handler.page.get_by_label("标题").fill(FINAL_TITLE)
    handler.page.get_by_role("button", name="保存", exact=True).click()
    expect(handler.page.get_by_role("heading", name=FINAL_TITLE, level=1)).to_be_visible()
    handler.act("提交审核")
    handler.expect_message("已提交保密审查。")
    handler.expect_state("待保密审查")

    secrecy.open_from_queue("待保密审查", FINAL_TITLE)
    secrecy.act("保密审查通过")
    secrecy.expect_message("保密审查已通过，已转领导审批。")

    reviewer.open_from_queue("待领导审批", FINAL_TITLE)
    reviewer.act("批准发布")
    reviewer.expect_message("已批准并发布。")
    reviewer.expect_state("已发布")

    item = InformationItem.objects.get(pk=item.pk)
    assert item.title == FINAL_TITLE
    public_url = item.get_public_url()
    assert public_url

    # The public sees it: catalogue, item page, search.
    visitor = browser.new_context(bypass_csp=True, **DESKTOP)
    page = visitor.new_page()
    page.goto(base + "/xxgk/catalog/")
    page.get_by_role("link", name=FINAL_TITLE).click()
    expect(page).to_have_url(base + public_url)
    expect(page.get_by_role("heading", name=FINAL_TITLE, level=1)).to_be_visible()
    expect(page.get_by_text(FIRST_TITLE)).to_have_count(0)
    hits = public_search(page, base)
    expect(hits).to_have_count(1)
    expect(hits.get_by_role("link")).to_have_text(FINAL_TITLE)
    expect(hits.get_by_role("link")).to_have_attribute("href", re.compile(re.escape(public_url)))

    # 审核人 withdraws it with a reason.
    reviewer.open_item(item)
    reviewer.act("撤回", comment=WITHDRAW_REASON)
    reviewer.expect_message("已撤回，该信息已从门户网站和检索中撤下。")
    reviewer.expect_state("已撤回")
    expect(reviewer.page.locator("dl.meta")).to_contain_text(WITHDRAW_REASON)

    page.goto(base + "/xxgk/catalog/")
    expect(page.get_by_role("heading", name="政府信息公开目录", level=1)).to_be_visible()
    expect(page.get_by_role("link", name=FINAL_TITLE)).to_have_count(0)
    response = page.goto(base + public_url)
    assert response is not None and response.status == 404
    expect(public_search(page, base)).to_have_count(0)

    visitor.close()
    for person in (handler, secrecy, reviewer):
        person.close()

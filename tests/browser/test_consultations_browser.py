"""意见征集 end to end in a real browser: a citizen on a phone comments on one clause of a
draft; the department moderates, groups, decides and publishes its feedback; the citizen
reads the feedback for that clause. axe-core checks each public page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .test_messages_staff_browser import PHONE

pytestmark = pytest.mark.browser

TEXT = "第三条的补贴标准偏低，建议小型载客汽车提高到五千元。"


@pytest.fixture
def draft(transactional_db, site_profile):
    from gongkai.consultations.tests.helpers import live
    from gongkai.testing.factories import World
    from gongkai.workdays.calendar_changes import seed_from_package

    seed_from_package()  # a flush after an earlier transactional test empties the calendar
    world = World()
    return world, live(world)


def test_comment_on_a_clause_then_read_the_feedback(live_server, draft, browser, assert_accessible):
    from gongkai.consultations import services
    from gongkai.consultations.models import Comment, FeedbackGroup
    from gongkai.consultations.tests.helpers import close_now

    world, consultation = draft
    base = live_server.url
    page = browser.new_context(bypass_csp=True, **PHONE).new_page()

    # 1. The citizen finds the open consultation and comments on 第三条.
    page.goto(base + "/zhengji/")
    assert_accessible(page, "the consultations home on a phone")
    page.get_by_role("link", name=consultation.title).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("黄标车")
    assert_accessible(page, "a draft open for comments on a phone")
    page.get_by_role("link", name=re.compile(r"对本条提意见\s*（第三条）")).click()
    expect(page.get_by_label("针对的条款")).to_have_value("4")
    page.get_by_role("textbox", name="意见建议").fill(TEXT)
    page.get_by_role("textbox", name="姓名").fill("王小明")
    page.get_by_role("textbox", name="联系电话").fill("13800001234")
    page.get_by_role("button", name="提交意见").click()
    expect(page.get_by_role("status")).to_contain_text("您的意见已提交")
    comment = Comment.objects.get()
    assert comment.clause.label == "第三条" and comment.text == TEXT
    assert page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )

    # 2. The department moderates, the period ends, it groups, decides and publishes.
    services.moderate(
        consultation, comment_ids=[comment.pk], approve=True, actor=world.handler_finance
    )
    close_now(consultation)
    services.suggest_groups(consultation, actor=world.handler_finance)
    services.decide_group(
        FeedbackGroup.objects.get(),
        title="关于提高补贴标准的意见",
        outcome="partly",
        reason="重型载货汽车补贴提高到两万元，其他车型标准不变。",
        actor=world.handler_finance,
    )
    services.publish_feedback(
        consultation, "共收到意见1条，部分采纳1条。", actor=world.reviewer_finance
    )

    # 3. The citizen reads the feedback.
    page.goto(base + consultation.get_public_url())
    expect(page.get_by_text("本轮意见采纳情况已经公布")).to_be_visible()
    expect(page.locator("#comment-form")).to_have_count(0)
    page.get_by_role("link", name="查看反馈").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("意见采纳情况反馈")
    group = page.locator(".zj-group").first
    expect(group).to_contain_text("关于提高补贴标准的意见（1条）")
    expect(group).to_contain_text("部分采纳")
    group.get_by_text("查看公开的意见").click()
    expect(group).to_contain_text(TEXT)
    expect(page.locator("body")).not_to_contain_text("13800001234")
    assert_accessible(page, "the feedback report on a phone")

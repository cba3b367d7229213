"""The 政府信息公开 column in a real browser: axe-core on the catalogue and an item
page (desktop and a 375-px phone), filtering by keyboard, no sideways scroll."""

from __future__ import annotations

import importlib
import re
from datetime import date

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE = {
    "viewport": {"width": 375, "height": 812},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "zh-CN",
}
DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "zh-CN"}


def no_horizontal_scroll(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


@pytest.fixture
def column(transactional_db, site_profile, settings, tmp_path):
    """A small but varied catalogue of 天水市, built through the review path."""
    from gongkai.disclosure import actions
    from gongkai.disclosure.models import ContentCategory, KeyArea, Validity
    from gongkai.disclosure.tests.portal import factories
    from gongkai.disclosure.tests.portal.conftest import column_is_wired
    from gongkai.files.tests import samples
    from gongkai.search import reindex
    from gongkai.testing.factories import World
    from gongkai.workdays.calendar_changes import seed_from_package

    if not column_is_wired():
        settings.ROOT_URLCONF = "gongkai.disclosure.tests.portal.urls"
    settings.MEDIA_ROOT = tmp_path / "media"
    # A flush after an earlier transactional test empties the data migrations' rows.
    seed_from_package()
    importlib.import_module("gongkai.disclosure.migrations.0002_reference_data").seed(apps, None)
    world = World()
    finance = world.finance
    finance.address = "甘肃省天水市秦州区民主西路 1 号"
    finance.phone = "0938-8212345"
    finance.office_hours = "工作日 8:30-12:00，14:30-18:00"
    finance.save()
    budget = KeyArea.objects.get(slug="budget")
    environment = KeyArea.objects.get(slug="environment")
    for n in range(22):
        factories.publish(world, title=f"天水市财政局2026年第{n + 1}期财政收支情况通报")
    old = factories.publish(
        world,
        department=world.environment,
        title="天水市淘汰黄标车实施办法",
        item_type="normative",
        subject="城乡建设、环境保护",
        genre="办法",
        key_areas=[environment],
    )
    rules = factories.draft(
        world,
        department=world.environment,
        title="天水市淘汰尾气排放不达标黄标车和老旧机动车实施细则",
        document_number="天政办发〔2026〕71号",
        written_on=date(2026, 9, 1),
        subject="城乡建设、环境保护",
        genre="细则",
        keywords="黄标车 老旧机动车 淘汰 补贴",
        summary="规定黄标车和老旧机动车淘汰的范围、补贴标准和办理程序，自2026年10月1日起施行。",
        source="天水市环境保护局",
        item_type="normative",
        effective_on=date(2026, 10, 1),
        expires_on=date(2031, 9, 30),
        key_areas=[environment],
        content_categories=[ContentCategory.objects.get(code="art20-01")],
        publishing_departments=[world.environment, world.finance],
        body=(
            "<h2>第一章 总则</h2><p>第一条 为改善我市环境空气质量，加快淘汰尾气排放不达标的黄标车"
            "和老旧机动车，制定本细则。</p><p>第二条 本细则适用于本市行政区域内登记的黄标车和老旧"
            "机动车。</p><h2>第二章 补贴标准</h2><table><thead><tr><th>车型</th><th>补贴（元）</th>"
            "</tr></thead><tbody><tr><td>小型客车</td><td>3000</td></tr><tr><td>中型客车</td>"
            "<td>6000</td></tr></tbody></table>"
        ),
    )
    handler, secrecy, reviewer = factories.personas(world.environment)
    upload = SimpleUploadedFile(
        "补贴申请表.pdf", samples.pdf("黄标车补贴申请表"), "application/pdf"
    )
    actions.add_attachment(rules, actor=handler, uploaded_file=upload, title="黄标车淘汰补贴申请表")
    actions.submit_item(rules, actor=handler)
    actions.pass_confidentiality_review(rules, actor=secrecy)
    actions.approve_item(rules, actor=reviewer)
    rules.refresh_from_db()
    factories.publish(
        world,
        department=world.environment,
        title="《天水市淘汰黄标车实施细则》政策解读",
        item_type="interpretation",
        interpretation_form="qa",
        interprets=[rules],
    )
    actions.change_validity(
        old,
        actor=reviewer,
        validity=Validity.REVISED,
        on=date(2026, 10, 1),
        reason="被《天水市淘汰尾气排放不达标黄标车和老旧机动车实施细则》修订。",
        replaced_by=[rules],
    )
    factories.correct(
        rules, reason="更正补贴标准表格中的笔误。", summary=rules.summary + "（已更正）"
    )
    factories.publish(world, title="2026年市级部门预算", key_areas=[budget])
    reindex()  # what the jobs did after each commit (and drops rows an earlier flush left)
    return world, rules


def test_catalogue_and_item_page_pass_axe_on_desktop_and_phone(
    live_server, column, browser, assert_accessible
):
    _world, rules = column
    for name, options in (("desktop", DESKTOP), ("phone", PHONE)):
        context = browser.new_context(bypass_csp=True, **options)
        page = context.new_page()
        page.goto(live_server.url + "/xxgk/catalog/")
        expect(page.get_by_role("heading", name="政府信息公开目录", level=1)).to_be_visible()
        expect(page.locator(".xxgk-entry")).to_have_count(20)
        expect(page.get_by_role("navigation", name="分页")).to_be_visible()
        assert no_horizontal_scroll(page), f"the catalogue scrolls sideways ({name})"
        page.screenshot(path=f"/tmp/xxgk-catalogue-{name}.png", full_page=True)
        assert_accessible(page, f"the catalogue ({name})")

        page.goto(live_server.url + rules.get_public_url())
        expect(page.get_by_role("heading", name=rules.title, level=1)).to_be_visible()
        expect(page.locator(".xxgk-meta dt").first).to_have_text("索引号")
        expect(page.get_by_role("link", name="黄标车淘汰补贴申请表")).to_be_visible()
        expect(page.get_by_text("更正补贴标准表格中的笔误。")).to_be_visible()
        assert no_horizontal_scroll(page), f"the item page scrolls sideways ({name})"
        page.screenshot(path=f"/tmp/xxgk-item-{name}.png", full_page=True)
        assert_accessible(page, f"the item page ({name})")
        context.close()

    # Larger text and high contrast (the portal's display preferences) on a phone.
    context = browser.new_context(bypass_csp=True, **PHONE)
    context.add_cookies([{"name": "gk_display", "value": "large,contrast", "url": live_server.url}])
    page = context.new_page()
    for slug, path in (("item", rules.get_public_url()), ("catalogue", "/xxgk/catalog/")):
        page.goto(live_server.url + path)
        expect(page.locator("html")).to_have_class("display-large display-contrast")
        assert no_horizontal_scroll(page), f"{path} scrolls sideways with larger text"
        page.screenshot(path=f"/tmp/xxgk-{slug}-phone-contrast.png", full_page=True)
        assert_accessible(page, f"{path} (phone, larger text + high contrast)")
    context.close()


def test_filtering_the_catalogue_by_keyboard_only(live_server, column, browser, assert_accessible):
    context = browser.new_context(bypass_csp=True, **PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/xxgk/catalog/")
    select = page.get_by_label("信息类型")
    select.focus()
    # Choose 规范性文件 with the keyboard: the options follow 全部类型, 普通信息.
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(select).to_have_value("normative")
    page.get_by_role("button", name="筛选").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"type=normative"))
    expect(page.locator(".xxgk-entry")).to_have_count(2)
    expect(page.locator(".xxgk-validity-revised")).to_have_text("已修订")
    assert no_horizontal_scroll(page)
    page.screenshot(path="/tmp/xxgk-catalogue-filtered-phone.png", full_page=True)
    assert_accessible(page, "the filtered catalogue (phone)")

    page.goto(live_server.url + "/xxgk/catalog/?department=abc&year=1900")
    expect(page.get_by_role("alert")).to_contain_text("筛选条件有误")
    expect(page.locator(".xxgk-entry")).to_have_count(0)
    page.screenshot(path="/tmp/xxgk-catalogue-invalid-phone.png", full_page=True)
    assert_accessible(page, "the catalogue with invalid filters (phone)")
    context.close()


def test_column_pages_are_accessible_and_fit_a_phone(
    live_server, column, browser, assert_accessible
):
    world, _rules = column
    context = browser.new_context(bypass_csp=True, **PHONE)
    page = context.new_page()
    for slug, path in (
        ("home", "/xxgk/"),
        ("department", f"/xxgk/dept/{world.environment.pk}/"),
        ("guide", f"/xxgk/dept/{world.finance.pk}/guide/"),
        ("dept-catalogue", f"/xxgk/dept/{world.finance.pk}/catalog/"),
        ("key-area", "/xxgk/key/environment/"),
        ("normative", "/xxgk/normative/"),
        ("search", "/xxgk/search/?q=黄标车"),
        ("search-nothing", "/xxgk/search/?q=黄标车 棚户区"),
    ):
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_have_count(1)
        assert no_horizontal_scroll(page), f"{path} scrolls sideways at 375px"
        page.screenshot(path=f"/tmp/xxgk-{slug}-phone.png", full_page=True)
        assert_accessible(page, f"{path} (phone)")
    context.close()


def test_the_column_loads_its_stylesheet_under_the_real_csp(live_server, column, browser):
    _world, rules = column
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    problems = []
    page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
    page.goto(live_server.url + rules.get_public_url())
    layout = page.locator(".xxgk-meta").evaluate("(el) => getComputedStyle(el).display")
    assert layout == "grid", (
        "xxgk.css is not applied: portal/base.html needs "
        "{% block extra_head %}{% endblock %} inside <head>"
    )
    page.screenshot(path="/tmp/xxgk-item-desktop-csp.png", full_page=True)
    assert not [p for p in problems if "Content Security Policy" in p], problems
    context.close()

"""The workbench builds its menu, its URLs and the cards of 我的工作 from what the
modules register (``gongkai.workbench.sections``); tests/test_kernel_imports.py
proves it imports no module."""

import re

from gongkai.workbench.sections import Section, register_section, registered_sections


def test_the_modules_register_their_sections_in_menu_order():
    assert [s.label for s in registered_sections()] == [
        "主动公开",
        "依申请公开",
        "互动交流",
        "建议提案",
        "权责清单",
        "行政执法公示",
        "政务服务",
        "意见征集",
        "政府公报",
        "年度报告",
        "督查考核",
    ]


def test_the_menu_lists_the_sections_and_marks_the_current_one(client, world):
    client.force_login(world.handler_finance)
    page = client.get("/workbench/messages/").content.decode()
    menu = page[page.index('<nav class="wb-nav"') :]
    links = re.findall(r'<a href="(/workbench/[^"]*)"( aria-current="page")?>([^<]+)</a>', menu)
    by_label = {label: (href, bool(current)) for href, current, label in links}
    assert by_label["依申请公开"] == ("/workbench/applications/", False)
    assert by_label["互动交流"][1] is True
    assert by_label["年度报告"][0] == "/workbench/reports/"
    assert by_label["督查考核"][0] == "/workbench/supervision/tasks/"
    assert by_label["政务服务"][0] == "/workbench/services/cases/"


def test_a_section_whose_action_the_person_may_never_take_is_not_in_their_menu(client, world):
    client.force_login(world.secrecy_finance)  # 保密审查员: no task of theirs (menu_action)
    page = client.get("/workbench/").content.decode()
    assert "督查考核" not in page[page.index('<nav class="wb-nav"') :]


def test_a_section_for_the_office_is_in_the_office_s_menu(client, world):
    client.force_login(world.office)
    page = client.get("/workbench/messages/").content.decode()
    assert '<a href="/workbench/supervision/tasks/">督查考核</a>' in page


def test_a_new_section_needs_no_change_to_the_workbench(client, world):
    """A section registered by a module appears in the menu and gets its card on 我的工作."""
    from django.urls import clear_url_caches

    def card(user, today, department):
        return {"greeting": f"{department.name}：2 件待办"} if department else None

    section = Section(
        "zz_trial",
        label="试点模块",
        order=99,
        urls=(("trial/", "gongkai.workbench.tests.trial_urls"),),
        home="trial:index",
        card=card,
        card_template="workbench/tests/trial_card.html",
    )
    register_section(section)
    try:
        import importlib

        import gongkai.urls
        import gongkai.workbench.urls

        importlib.reload(gongkai.workbench.urls)
        importlib.reload(gongkai.urls)
        clear_url_caches()
        client.force_login(world.handler_finance)
        page = client.get("/workbench/").content.decode()
        assert '<a href="/workbench/trial/">试点模块</a>' in page
        assert "天水市财政局：2 件待办" in page
    finally:
        from gongkai.workbench.sections import unregister_section

        unregister_section("zz_trial")
        importlib.reload(gongkai.workbench.urls)
        importlib.reload(gongkai.urls)
        clear_url_caches()

"""Queue filters and supervision counts with concrete dates.

Today is frozen at Friday 27 November 2026 by passing it to the queries (and,
for the pages, by setting ``services.common.today``). The next three working
days are Mon 30 Nov, Tue 1 Dec and Wed 2 Dec. Each application is received
20 working days before the due date wanted, so its reply clock ends that day.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from gongkai.applications import services
from gongkai.applications.staff import queries
from gongkai.workdays import add_working_days

from .helpers import received, submitted

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 27)


def due_on(world, department, due: date, *, assignee=None, name="张三"):
    from gongkai.orgs.roles import Role
    from gongkai.testing.factories import staff

    clerk = staff(f"clerk_{department.pk}", (department, Role.HANDLER))
    application = received(
        department,
        add_working_days(due, -20),
        clerk,
        name=name,
        description=f"{name}申请{due:%m%d}的信息",
    )
    assert application.reply_clock().due_date == due
    if assignee is not None:
        services.assign(application, assignee=assignee, actor=clerk)
    return application


@pytest.fixture
def dated(world):
    h = world.handler_finance
    return {
        "late_mine": due_on(world, world.finance, date(2026, 11, 20), assignee=h, name="甲"),
        "late_nobody": due_on(world, world.finance, date(2026, 11, 26), name="乙"),
        "today_mine": due_on(world, world.finance, TODAY, assignee=h, name="丙"),
        "soon_mine": due_on(world, world.finance, date(2026, 12, 2), assignee=h, name="丁"),
        "later_mine": due_on(world, world.finance, date(2026, 12, 3), assignee=h, name="戊"),
        "late_env": due_on(world, world.environment, date(2026, 11, 25), name="己"),
        "late_county": due_on(world, world.qinzhou_finance, date(2026, 11, 24), name="庚"),
        "late_longnan": due_on(world, world.longnan_finance, date(2026, 11, 24), name="辛"),
        "waiting": submitted(world.finance, date(2026, 11, 26), name="壬"),
    }


def test_supervision_counts_per_department_and_handler_for_the_office(world, dated):
    result = queries.supervision(world.office, TODAY)
    by_department = {
        line.department.name: (line.soon, line.today, line.overdue) for line in result.departments
    }
    assert by_department == {
        "天水市财政局": (1, 1, 2),
        "天水市环境保护局": (0, 0, 1),
        "秦州区财政局": (0, 0, 1),
    }  # 陇南 is another government: not the office's
    by_handler = {
        (line.department.short_name, line.assignee.username if line.assignee else None): (
            line.soon,
            line.today,
            line.overdue,
        )
        for line in result.handlers
    }
    assert by_handler == {
        ("市财政局", "handler_finance"): (1, 1, 1),
        ("市财政局", None): (0, 0, 1),
        ("市环保局", None): (0, 0, 1),
        ("区财政局", None): (0, 0, 1),
    }
    assert result.totals == {"soon": 1, "today": 1, "overdue": 4}


def test_supervision_of_a_handler_is_their_department_only(world, dated):
    result = queries.supervision(world.handler_finance, TODAY)
    assert [line.department for line in result.departments] == [world.finance]
    assert result.totals == {"soon": 1, "today": 1, "overdue": 2}


def test_a_longer_due_soon_setting_counts_further(world, dated):
    from gongkai.applications.models import ApplicationRules

    ApplicationRules.objects.create(government=world.tianshui, due_soon_days=4)
    result = queries.supervision(world.handler_finance, TODAY)
    assert result.totals == {"soon": 2, "today": 1, "overdue": 2}


def test_paused_and_answered_clocks_are_not_counted(world, dated):
    application = dated["late_nobody"]
    services.start_consultation(
        application,
        kind="agency",
        party="天水市审计局",
        question="是否同意公开？",
        actor=world.handler_finance,
        on=date(2026, 11, 2),
    )
    result = queries.supervision(world.handler_finance, TODAY)
    assert result.totals == {"soon": 1, "today": 1, "overdue": 1}


def test_the_workbench_card_counts(world, dated):
    counts = queries.my_counts(world.handler_finance, TODAY, world.finance)
    assert counts == {"soon": 1, "today": 1, "overdue": 2, "unconfirmed": 1, "review": 0}


def test_the_office_s_card_counts_its_government_tree(world, dated):
    counts = queries.my_counts(world.office, TODAY, world.general_office)
    # 财政局 two, 环保局 and 秦州区财政局 one each; 陇南 is another government
    assert counts == {"soon": 1, "today": 1, "overdue": 4, "unconfirmed": 1, "review": 0}


@pytest.fixture
def frozen(monkeypatch):
    from gongkai.applications.services import common

    monkeypatch.setattr(common, "today", lambda: TODAY)


def queue_numbers(client, **params):
    html = client.get(reverse("workbench:applications_staff:queue"), params).content.decode()
    return html


def test_queue_filters_and_sorting(client, world, dated, frozen):
    client.force_login(world.handler_finance)
    html = queue_numbers(client)
    numbers = [
        dated[k].tracking_number
        for k in ("late_mine", "late_nobody", "today_mine", "soon_mine", "later_mine")
    ]
    positions = [html.index(n) for n in numbers]
    assert positions == sorted(positions)  # soonest reply deadline first
    assert dated["waiting"].tracking_number in html
    assert dated["late_env"].tracking_number not in html

    html = queue_numbers(client, due="overdue")
    assert (
        dated["late_mine"].tracking_number in html and dated["late_nobody"].tracking_number in html
    )
    assert dated["today_mine"].tracking_number not in html
    assert "已超期 5 个工作日" in html  # 20 Nov → 27 Nov: 23, 24, 25, 26, 27

    html = queue_numbers(client, due="today")
    assert dated["today_mine"].tracking_number in html
    assert dated["soon_mine"].tracking_number not in html

    html = queue_numbers(client, due="soon")
    assert dated["soon_mine"].tracking_number in html
    assert dated["later_mine"].tracking_number not in html

    html = queue_numbers(client, due="overdue", assignee="none")
    assert dated["late_nobody"].tracking_number in html
    assert dated["late_mine"].tracking_number not in html

    html = queue_numbers(client, state="awaiting_confirmation")
    assert dated["waiting"].tracking_number in html
    assert dated["late_mine"].tracking_number not in html

    html = queue_numbers(client, channel="in_person")
    assert "没有符合条件的申请" in html

    html = queue_numbers(client, sort="-due")
    positions = [html.index(n) for n in numbers]
    assert positions == sorted(positions, reverse=True)


def test_office_queue_filters_by_department_and_supervision_links_there(
    client, world, dated, frozen
):
    client.force_login(world.office)
    page = client.get(reverse("workbench:applications_staff:supervision"))
    html = page.content.decode()
    link = f"?department={world.environment.pk}&amp;due=overdue"
    assert link in html
    html = queue_numbers(client, department=world.environment.pk, due="overdue")
    assert dated["late_env"].tracking_number in html
    assert dated["late_mine"].tracking_number not in html
    assert dated["late_longnan"].tracking_number not in html


def test_queue_paginates(client, world, frozen):
    for n in range(27):
        submitted(
            world.finance,
            date(2026, 11, 20),
            name=f"申请人{n}",
            description=f"第{n}号申请的信息内容",
        )
    client.force_login(world.handler_finance)
    html = queue_numbers(client)
    assert "第 1 页，共 2 页（27 件）" in html
    html = queue_numbers(client, page=2)
    assert "第 2 页，共 2 页" in html

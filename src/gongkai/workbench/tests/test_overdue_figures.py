"""The two 已超期 figures of 我的工作 — the 依申请公开 card and the 已超期 panel — come
from one computation (``gongkai.workbench.queries.overdue``) over the same reach: the
person's department, or for the 公开办 the departments of its government tree."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

TODAY = date(2026, 11, 27)  # a Friday


@pytest.fixture
def late(world):
    """Reply clocks past their due date in three departments of 天水市 and one of 陇南市,
    one not due yet, and a message of 环保局 whose sign-for and reply clocks are both late;
    the nightly job has marked some of them (those due before 25 November)."""
    from gongkai.applications.tests.test_staff_supervision import due_on
    from gongkai.interaction import services
    from gongkai.interaction.tests.helpers import submitted
    from gongkai.workdays.recompute import mark_overdue_clocks

    h = world.handler_finance
    applications = {
        "finance_mine": due_on(world, world.finance, date(2026, 11, 20), assignee=h, name="甲"),
        "finance": due_on(world, world.finance, date(2026, 11, 26), name="乙"),
        "environment": due_on(world, world.environment, date(2026, 11, 25), name="丙"),
        "county": due_on(world, world.qinzhou_finance, date(2026, 11, 24), name="丁"),
        "longnan": due_on(world, world.longnan_finance, date(2026, 11, 24), name="戊"),
        "not_yet": due_on(world, world.finance, date(2026, 12, 2), name="己"),
    }
    message = submitted(world, date(2026, 11, 2))
    services.assign(message, lead=world.environment, actor=world.office, on=date(2026, 11, 2))
    mark_overdue_clocks(today=date(2026, 11, 25))
    return applications


def figures(client, user, monkeypatch):
    monkeypatch.setattr("gongkai.workbench.views.timezone.localdate", lambda: TODAY)
    client.force_login(user)
    html = client.get(reverse("workbench:home")).content.decode()
    card = int(re.search(r'\?due=overdue">已超期 <span class="count">(\d+)', html).group(1))
    panel = html.split('aria-labelledby="section-overdue"')[1].split("</section>")[0]
    listed = int(re.search(r'已超期 <span class="count">(\d+)', panel).group(1))
    return card, listed, panel


def test_the_office_s_card_and_panel_count_the_same_overdue_replies(
    client, world, late, monkeypatch
):
    card, listed, panel = figures(client, world.office, monkeypatch)
    in_reach = ["finance_mine", "finance", "environment", "county"]
    assert card == 4
    for key in in_reach:
        assert late[key].tracking_number in panel
    assert late["longnan"].tracking_number not in panel  # another government
    assert late["not_yet"].tracking_number not in panel
    assert panel.count(">答复申请 ") == card  # the card's figure is the panel's replies
    assert listed == card + 2  # and the message's two late clocks
    assert "签收留言" in panel and "市环保局" in panel


@pytest.mark.parametrize(
    ("persona", "replies", "others"),
    [("handler_finance", 2, 0), ("reviewer_finance", 2, 0), ("handler_environment", 1, 2)],
)
def test_a_department_s_card_and_panel_agree(
    client, world, late, monkeypatch, persona, replies, others
):
    card, listed, panel = figures(client, getattr(world, persona), monkeypatch)
    assert card == replies == panel.count(">答复申请 ")
    assert listed == replies + others

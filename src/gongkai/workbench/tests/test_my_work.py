from datetime import date

import pytest
from django.urls import reverse

from gongkai.workbench.queries import assigned_to_me, due_soon, my_work, overdue

from .conftest import make_clock

# Friday 2026-11-27; the next three working days are Mon 30 Nov, Tue 1 Dec, Wed 2 Dec.
TODAY = date(2026, 11, 27)


@pytest.fixture
def clocks(world):
    finance, env = world.finance, world.environment
    me, colleague = world.handler_finance, world.reviewer_finance
    return {
        "mine_running": make_clock(
            finance, label="我的-计时中", due_date=date(2026, 12, 10), assignee=me
        ),
        "mine_paused": make_clock(
            finance, label="我的-暂停", due_date=None, state="paused", assignee=me
        ),
        "mine_overdue": make_clock(
            finance, label="我的-超期", due_date=date(2026, 11, 20), state="overdue", assignee=me
        ),
        "mine_met": make_clock(
            finance,
            label="我的-已办结",
            due_date=date(2026, 12, 1),
            state="met",
            assignee=me,
            finished_on=TODAY,
        ),
        "soon_today": make_clock(
            finance, label="部门-今日到期", due_date=TODAY, assignee=colleague
        ),
        "soon_wed": make_clock(finance, label="部门-周三到期", due_date=date(2026, 12, 2)),
        "later_thu": make_clock(finance, label="部门-周四到期", due_date=date(2026, 12, 3)),
        "late_marked": make_clock(
            finance, label="部门-已标超期", due_date=date(2026, 11, 25), state="overdue"
        ),
        "late_unmarked": make_clock(finance, label="部门-过期未标", due_date=date(2026, 11, 26)),
        "late_stopped": make_clock(
            finance,
            label="部门-已终止",
            due_date=date(2026, 11, 2),
            state="stopped",
            finished_on=date(2026, 11, 3),
        ),
        "other_dept": make_clock(env, label="环保局-今日到期", due_date=TODAY),
        "other_dept_late": make_clock(
            env, label="环保局-超期", due_date=date(2026, 11, 2), state="overdue"
        ),
    }


def labels(qs):
    return sorted(clock.label for clock in qs)


def test_assigned_to_me_holds_my_open_clocks_only(world, clocks):
    assert labels(assigned_to_me(world.handler_finance)) == [
        "我的-暂停",
        "我的-计时中",
        "我的-超期",
    ]


def test_due_soon_holds_my_departments_running_clocks_due_within_three_working_days(world, clocks):
    got = labels(due_soon(world.handler_finance, world.finance, TODAY))
    assert got == ["部门-今日到期", "部门-周三到期"]


def test_overdue_holds_marked_and_not_yet_marked_overdue_clocks_of_my_department(world, clocks):
    got = labels(overdue(world.handler_finance, world.finance, TODAY))
    assert got == sorted(["我的-超期", "部门-过期未标", "部门-已标超期"])


def test_department_lists_go_through_the_access_policy(world, clocks):
    # a handler of 财政局 asking for 环保局's clocks gets nothing
    assert labels(overdue(world.handler_finance, world.environment, TODAY)) == []
    assert labels(due_soon(world.handler_finance, world.environment, TODAY)) == []


def test_my_work_queries_are_one_per_section(world, clocks, django_assert_num_queries):
    from gongkai.workdays.engine import get_engine

    get_engine()  # the holiday calendar is loaded once per process, not per page
    world.handler_finance._gongkai_memberships = None
    # memberships (access policy) + one query per section; a paused clock has no
    # due date, so its days left are counted from its pauses and extensions (2 more).
    with django_assert_num_queries(1 + 3 + 2):
        sections = my_work(world.handler_finance, world.finance, TODAY)
        for section in sections:
            for row in section.rows:
                str(row.clock.department.name)
                str(row.clock.assignee)


def test_rows_carry_working_days_left(world, clocks):
    sections = {s.key: s for s in my_work(world.handler_finance, world.finance, TODAY)}
    soon = {row.clock.label: row.days_left for row in sections["due-soon"].rows}
    assert soon == {"部门-今日到期": 0, "部门-周三到期": 3}
    late = {row.clock.label: row.overdue_days for row in sections["overdue"].rows}
    assert late["部门-过期未标"] == 1


def test_the_page_shows_the_three_sections(client, world, clocks, monkeypatch):
    monkeypatch.setattr("gongkai.workbench.views.timezone.localdate", lambda: TODAY)
    client.force_login(world.handler_finance)
    response = client.get(reverse("workbench:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>我的工作</h1>" in html
    for title in ["指派给我", "即将到期", "已超期"]:
        assert title in html
    assert "我的-计时中" in html and "部门-周三到期" in html and "部门-过期未标" in html
    assert "环保局-今日到期" not in html
    assert "今日到期" in html
    assert "2026年12月2日" in html


def test_empty_sections_say_so(client, world):
    client.force_login(world.handler_environment)
    html = client.get(reverse("workbench:home")).content.decode()
    for empty in ["没有指派给您的事项。", "没有即将到期的事项。", "没有超期的事项。"]:
        assert empty in html


def test_a_person_without_a_department_is_told_why(client, world):
    from gongkai.accounts.models import User

    nobody = User.objects.create_user("no_post", password="Gongkai-Test-2026")
    client.force_login(nobody)
    html = client.get(reverse("workbench:home")).content.decode()
    assert "您还没有任职部门" in html


def test_a_due_date_that_passed_over_the_weekend_reads_as_late_not_due_today(world, clocks):
    saturday = date(2026, 11, 28)
    sections = {s.key: s for s in my_work(world.handler_finance, world.finance, saturday)}
    row = next(r for r in sections["overdue"].rows if r.clock.label == "部门-今日到期")
    assert row.late and row.days_left == 0 and row.overdue_days == 0
    assert all(r.clock.label != "部门-今日到期" for r in sections["due-soon"].rows)


def test_an_hour_clock_past_its_instant_is_late_on_the_page_before_any_job_marks_it(
    client, world, today_is
):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from gongkai.workdays.clocks import start_hour_clock

    beijing = ZoneInfo("Asia/Shanghai")
    today_is(date(2026, 12, 7), hour=15, minute=30)
    for label, hour in (("舆情-已超时", 8), ("舆情-将到期", 11)):
        start_hour_clock(
            world.finance,
            stage=label,
            label=label,
            department=world.finance,
            started_at=datetime(2026, 12, 7, hour, 0, tzinfo=beijing),
            limit_hours=5,
        )
    sections = {s.key: s for s in my_work(world.handler_finance, world.finance, date(2026, 12, 7))}
    late = {row.clock.label: row for row in sections["overdue"].rows}
    assert list(late) == ["舆情-已超时"] and late["舆情-已超时"].hours_text == "已超时 2小时30分"
    soon = {row.clock.label: row for row in sections["due-soon"].rows}
    # the test's clock ticks on from 15:30: a few seconds later 29:5x minutes are left
    assert soon["舆情-将到期"].hours_text in ("还剩 30分钟", "还剩 29分钟")
    assert soon["舆情-将到期"].soon
    client.force_login(world.handler_finance)
    html = client.get(reverse("workbench:home")).content.decode()
    assert "2026年12月7日 13:00" in html and "已超时 2小时30分" in html
    assert "还剩 29分钟（按自然小时）" in html or "还剩 30分钟（按自然小时）" in html

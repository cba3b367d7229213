"""The task pages: the office decomposes, a department reports, the office confirms."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.supervision.models import Task, TaskState, WorkPlan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site(world):
    from gongkai.testing.factories import site_profile

    return site_profile(world.tianshui)


def url(name, *args):
    return reverse(f"workbench:supervision_staff:{name}", args=args)


def test_from_plan_to_confirmed_task(client, world):
    client.force_login(world.office)
    response = client.post(
        url("plan_create"), {"title": "2016年天水市政务公开工作要点", "year": 2016}
    )
    plan = WorkPlan.objects.get()
    assert response["Location"] == url("plan", plan.pk)
    form = client.get(url("plan", plan.pk)).content.decode()
    assert "天水市财政局" in form and "分解一项任务" in form
    refused = client.post(url("plan", plan.pk), {"title": "公开预算", "lead": world.finance.pk})
    assert "请填写公开时限。" in refused.content.decode() and not Task.objects.exists()
    client.post(
        url("plan", plan.pk),
        {
            "title": "公开市级部门预算",
            "lead": world.finance.pk,
            "co": [world.environment.pk],
            "due_on": "2016-04-20",
            "form_of": "政府网站",
        },
    )
    task = Task.objects.get()
    assert (task.number, task.form, list(task.co_departments.all())) == (
        1, "政府网站", [world.environment],
    )  # fmt: skip

    client.force_login(world.handler_finance)
    listed = client.get(url("tasks")).content.decode()
    assert "公开市级部门预算" in listed and "已超过公开时限" in listed  # 2016-04-20 has passed
    page = client.post(url("task", task.pk), {"text": "已发布。", "completed": "on"})
    assert "至少一个佐证链接" in page.content.decode()
    client.post(
        url("task", task.pk),
        {
            "text": "已发布。",
            "evidence": "/xxgk/a/\nhttps://www.tianshui.gov.cn/b",
            "completed": "on",
        },
    )
    task.refresh_from_db()
    assert task.state == TaskState.REPORTED
    assert task.reports.get().evidence == ["/xxgk/a/", "https://www.tianshui.gov.cn/b"]
    assert client.post(url("task_decide", task.pk), {"confirm": "1"}).status_code == 403
    task.refresh_from_db()
    assert task.state == TaskState.REPORTED  # a department cannot confirm its own task

    client.force_login(world.office)
    client.post(url("task_decide", task.pk), {"confirm": "1"})
    task.refresh_from_db()
    assert task.state == TaskState.DONE


def test_a_department_sees_only_its_tasks_and_another_is_refused(client, world):
    from datetime import date

    from gongkai.supervision import tasking

    plan = tasking.create_plan(
        government=world.tianshui, year=2016, title="要点", actor=world.office
    )
    task = tasking.add_task(
        plan,
        lead=world.environment,
        actor=world.office,
        title="公开环境质量",
        due_on=date(2016, 6, 1),
    )
    client.force_login(world.handler_finance)
    assert "公开环境质量" not in client.get(url("tasks")).content.decode()
    assert client.get(url("task", task.pk)).status_code == 403
    assert client.get(url("plan", plan.pk)).status_code == 403
    client.force_login(world.handler_environment)
    assert "公开环境质量" in client.get(url("tasks")).content.decode()


def test_a_published_plan_shows_its_tasks_and_evidence_at_ducha(client, world):
    from datetime import date

    from gongkai.supervision import tasking

    plan = tasking.create_plan(
        government=world.tianshui,
        year=2016,
        title="2016年天水市政务公开工作要点",
        actor=world.office,
    )
    task = tasking.add_task(
        plan,
        lead=world.finance,
        actor=world.office,
        title="公开市级部门预算",
        due_on=date(2016, 4, 20),
    )
    assert client.get(reverse("supervision_portal:plan", args=[plan.pk])).status_code == 404
    client.force_login(world.office)
    client.post(url("plan", plan.pk), {"publish": "1"})
    tasking.report(
        task, department=world.finance, text="已发布。", evidence=["/xxgk/a/"], completed=True,
        actor=world.handler_finance,
    )  # fmt: skip
    tasking.confirm(task, on=date(2016, 4, 18), actor=world.office)
    client.logout()
    index = client.get(reverse("supervision_portal:index")).content.decode()
    assert "分解任务1项，已完成1项" in index
    page = client.get(reverse("supervision_portal:plan", args=[plan.pk])).content.decode()
    assert "已完成（2016年4月18日）" in page and 'href="/xxgk/a/">佐证1<span' in page

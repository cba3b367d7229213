"""Task decomposition (任务分解) and progress (落实情况): who may do what, and the rules."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.audit.models import AuditEvent
from gongkai.core.errors import DomainError
from gongkai.supervision import tasking
from gongkai.supervision.models import TaskState

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    return tasking.create_plan(
        government=world.tianshui,
        year=2016,
        title="2016年天水市政务公开工作要点",
        actor=world.office,
    )


@pytest.fixture
def task(world, plan):
    return tasking.add_task(
        plan,
        lead=world.finance,
        co=[world.environment],
        actor=world.office,
        title="公开市级部门预算和“三公”经费预算",
        scope="市级预算部门",
        publisher="各预算部门",
        form="政府网站信息公开专栏",
        due_on=date(2016, 4, 20),
        evidence_required="公开目录中的预算公开信息",
    )


def test_only_the_office_decomposes_the_plan_and_numbers_run_on(world, plan, task):
    assert task.number == 1 and task.state == TaskState.OPEN
    second = tasking.add_task(
        plan,
        lead=world.environment,
        actor=world.office,
        title="公开环境质量信息",
        due_on=date(2016, 6, 30),
    )
    assert second.number == 2
    with pytest.raises(PermissionDenied):
        tasking.add_task(
            plan,
            lead=world.finance,
            actor=world.handler_finance,
            title="x",
            due_on=date(2016, 6, 30),
        )
    with pytest.raises(DomainError, match="已经存在"):
        tasking.create_plan(
            government=world.tianshui,
            year=2016,
            title="2016年天水市政务公开工作要点",
            actor=world.office,
        )


def test_a_co_department_reports_progress_but_only_the_lead_reports_completion(world, task):
    tasking.report(
        task,
        department=world.environment,
        text="已配合提供数据。",
        evidence=[],
        completed=False,
        actor=world.handler_environment,
    )
    with pytest.raises(DomainError, match="只有牵头部门"):
        tasking.report(
            task,
            department=world.environment,
            text="完成",
            evidence=["/xxgk/1/"],
            completed=True,
            actor=world.handler_environment,
        )
    with pytest.raises(DomainError, match="至少一个佐证链接"):
        tasking.report(
            task, department=world.finance, text="完成", evidence=[], completed=True,
            actor=world.handler_finance,
        )  # fmt: skip
    with pytest.raises(DomainError, match="不是网址"):
        tasking.report(
            task, department=world.finance, text="完成", evidence=["javascript:alert(1)"],
            completed=True, actor=world.handler_finance,
        )  # fmt: skip
    tasking.report(
        task,
        department=world.finance,
        text="4月18日已在公开目录发布。",
        evidence=["/xxgk/11620500/2016-00013/"],
        completed=True,
        actor=world.handler_finance,
    )
    assert task.state == TaskState.REPORTED
    with pytest.raises(DomainError, match="不能再报送"):
        tasking.report(
            task, department=world.environment, text="补充", evidence=[], completed=False,
            actor=world.handler_environment,
        )  # fmt: skip


def test_a_department_outside_the_task_cannot_report(world, task):
    with pytest.raises(PermissionDenied):
        tasking.report(
            task, department=world.finance, text="x", evidence=[], completed=False,
            actor=world.handler_environment,
        )  # fmt: skip


def test_the_office_confirms_or_sends_back_a_completion(world, task):
    tasking.report(
        task, department=world.finance, text="已发布。", evidence=["https://www.tianshui.gov.cn/x"],
        completed=True, actor=world.handler_finance,
    )  # fmt: skip
    with pytest.raises(DomainError, match="退回的理由"):
        tasking.send_back(task, reason=" ", actor=world.office)
    tasking.send_back(task, reason="缺少“三公”经费预算", actor=world.office)
    assert task.state == TaskState.OPEN
    tasking.report(
        task, department=world.finance, text="已补充。", evidence=["https://www.tianshui.gov.cn/y"],
        completed=True, actor=world.handler_finance,
    )  # fmt: skip
    with pytest.raises(PermissionDenied):
        tasking.confirm(task, on=date(2016, 4, 19), actor=world.handler_finance)
    tasking.confirm(task, on=date(2016, 4, 19), actor=world.office)
    assert (task.state, task.done_on) == (TaskState.DONE, date(2016, 4, 19))
    assert not task.overdue_on(date(2016, 5, 1))
    actions = list(
        AuditEvent.objects.filter(object_id=str(task.pk)).values_list("action", flat=True)
    )
    assert actions.count("supervision.task_report") == 2 and "supervision.task_return" in actions

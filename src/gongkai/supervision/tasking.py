"""Task decomposition (任务分解) and its progress (落实情况): every change goes
through here, checked by the access policy and kept in the audit trail."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max

from gongkai import access
from gongkai.audit.services import record
from gongkai.core.errors import DomainError
from gongkai.orgs.offices import general_office_of

from .models import Task, TaskReport, TaskState, WorkPlan

MAX_EVIDENCE = 10


def office_target(government) -> SimpleNamespace:
    """What the office's actions on a government's plans and site answer for: the
    government's general office, where its 公开办 sits (none found: only system
    administrators reach it)."""
    office = general_office_of(government) if government is not None else None
    return SimpleNamespace(access_department=office)


def _plan_target(plan: WorkPlan) -> SimpleNamespace:
    return office_target(plan.government)


def create_plan(*, government, year: int, title: str, source_url: str = "", actor) -> WorkPlan:
    plan = WorkPlan(government=government, year=year, title=title.strip(), source_url=source_url)
    access.require(actor, "supervision.plan", _plan_target(plan))
    if not plan.title:
        raise DomainError("请填写工作要点的名称。")
    if WorkPlan.objects.filter(government=government, title=plan.title).exists():
        raise DomainError(f"“{plan.title}”已经存在。")
    plan.save()
    record("supervision.plan_create", actor=actor, obj=plan, after={"title": plan.title})
    return plan


def set_published(plan: WorkPlan, published: bool, *, actor) -> WorkPlan:
    """Show (or stop showing) the plan's tasks and progress at /ducha/."""
    access.require(actor, "supervision.plan", _plan_target(plan))
    plan.published = published
    plan.save(update_fields=["published"])
    record("supervision.plan_publish", actor=actor, obj=plan, after={"published": published})
    return plan


def add_task(plan: WorkPlan, *, lead, co=(), actor, **fields) -> Task:
    access.require(actor, "supervision.plan", _plan_target(plan))
    if not fields.get("title", "").strip():
        raise DomainError("请填写任务内容。")
    if fields.get("due_on") is None:
        raise DomainError("请填写公开时限。")
    if lead in co:
        raise DomainError("牵头部门不必同时列为配合部门。")
    with transaction.atomic():
        WorkPlan.objects.select_for_update().get(pk=plan.pk)  # numbers one at a time
        last = plan.tasks.aggregate(m=Max("number"))["m"] or 0
        task = Task.objects.create(plan=plan, number=last + 1, lead=lead, **fields)
        task.co_departments.set(co)
        record(
            "supervision.task_create",
            actor=actor,
            obj=task,
            after={"title": task.title, "lead": lead.name, "co": [d.name for d in co]},
        )
    return task


def _evidence(links: list[str]) -> list[str]:
    clean = [link.strip() for link in links if link.strip()]
    if len(clean) > MAX_EVIDENCE:
        raise DomainError(f"佐证链接最多{MAX_EVIDENCE}个。")
    for link in clean:
        if not (link.startswith(("http://", "https://")) or link.startswith("/")):
            raise DomainError(f"佐证链接“{link}”不是网址（应以 http://、https:// 或 / 开头）。")
    return clean


def report(task: Task, *, department, text: str, evidence: list[str], completed: bool, actor):
    """A department of the task reports its progress; the lead department's report of
    completion puts the task before the office for confirmation."""
    if department not in task.access_departments:
        raise DomainError(f"{department.name}不是该任务的牵头或配合部门。")
    if not access.may_ever(actor, "supervision.report_task", _as(task, department)):
        raise PermissionDenied("无权报送该部门的落实情况。")  # the state is checked below
    if not text.strip():
        raise DomainError("请填写落实情况。")
    links = _evidence(evidence)
    if completed and department != task.lead:
        raise DomainError("只有牵头部门可以报告任务完成。")
    if completed and not links:
        raise DomainError("报告完成时请附上至少一个佐证链接（公开目录中的信息、页面或文件）。")
    with transaction.atomic():
        locked = Task.objects.select_for_update().get(pk=task.pk)
        if locked.state != TaskState.OPEN:
            raise DomainError(f"任务{locked.get_state_display()}，不能再报送。")
        entry = TaskReport.objects.create(
            task=locked,
            department=department,
            text=text.strip(),
            evidence=links,
            completed=completed,
            author=actor,
        )
        if completed:
            locked.state = TaskState.REPORTED
            locked.save(update_fields=["state"])
        record(
            "supervision.task_report",
            actor=actor,
            obj=locked,
            after={"department": department.name, "completed": completed, "evidence": links},
        )
    task.refresh_from_db()
    return entry


def confirm(task: Task, *, on: date, actor) -> Task:
    """The office confirms a reported completion."""
    return _decide(task, actor=actor, done=True, on=on, reason="")


def send_back(task: Task, *, reason: str, actor) -> Task:
    """The office returns a reported completion, saying why."""
    if not reason.strip():
        raise DomainError("请填写退回的理由。")
    return _decide(task, actor=actor, done=False, on=None, reason=reason.strip())


def _decide(task: Task, *, actor, done: bool, on, reason: str) -> Task:
    access.require(actor, "supervision.plan", _plan_target(task.plan))
    with transaction.atomic():
        locked = Task.objects.select_for_update().get(pk=task.pk)
        if locked.state != TaskState.REPORTED:
            raise DomainError(f"任务{locked.get_state_display()}，没有待确认的完成报告。")
        locked.state = TaskState.DONE if done else TaskState.OPEN
        locked.done_on = on
        locked.save(update_fields=["state", "done_on"])
        record(
            "supervision.task_confirm" if done else "supervision.task_return",
            actor=actor,
            obj=locked,
            after={"done_on": on, "reason": reason},
        )
    task.refresh_from_db()
    return task


def _as(task: Task, department):
    """The task as seen by one of its departments (the access policy's object)."""
    return SimpleNamespace(access_department=department, state=task.state)

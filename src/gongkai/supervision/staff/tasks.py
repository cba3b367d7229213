"""Workbench pages of 任务分解: the office decomposes the year's 工作要点 and confirms
completions; the lead and co-operating departments report progress with evidence."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongkai import access
from gongkai.accounts.decorators import staff_required
from gongkai.core.errors import DomainError
from gongkai.portal.site import departments_under, site_government
from gongkai.workbench.departments import current_department

from .. import tasking
from ..models import Task, WorkPlan
from .forms import PlanForm, ReportForm, ReturnForm, TaskForm


def _office(user) -> bool:
    return access.can(user, "supervision.plan")


def visible_tasks(user):
    """The tasks of the person's departments (lead or co-operating); the office's tree."""
    tasks = Task.objects.select_related("plan", "lead").order_by("-plan__year", "plan_id", "number")
    return access.scope(
        user,
        "supervision.view_task",
        tasks,
        department_field="lead",
        also_via={"co_departments": {}},
    ).distinct()


def _visible(user, pk: int) -> Task:
    task = get_object_or_404(Task.objects.select_related("plan__government", "lead"), pk=pk)
    if not access.can(user, "supervision.view_task", task):
        raise PermissionDenied("无权查看该任务。")
    return task


@staff_required
@require_safe
def task_list(request):
    today = timezone.localdate()
    tasks = list(visible_tasks(request.user))
    return render(
        request,
        "supervision/staff/tasks.html",
        {
            "rows": [(task, task.overdue_on(today)) for task in tasks],
            "plans": WorkPlan.objects.order_by("-year", "id") if _office(request.user) else [],
            "office": _office(request.user),
            "plan_form": PlanForm(initial={"year": today.year}),
        },
    )


@staff_required
@require_POST
def plan_create(request):
    form = PlanForm(request.POST)
    if form.is_valid():
        try:
            plan = tasking.create_plan(
                government=site_government(), actor=request.user, **form.cleaned_data
            )
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"已新建“{plan.title}”，请逐项分解任务。")
            return redirect("workbench:supervision_staff:plan", plan.pk)
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect("workbench:supervision_staff:tasks")


@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def plan_detail(request, pk: int):
    plan = get_object_or_404(WorkPlan.objects.select_related("government"), pk=pk)
    if not access.can(request.user, "supervision.plan", tasking._plan_target(plan)):
        raise PermissionDenied("无权分解该工作要点。")
    if request.method == "POST" and "publish" in request.POST:
        tasking.set_published(plan, request.POST["publish"] == "1", actor=request.user)
        messages.success(request, "落实情况已公开。" if plan.published else "落实情况已不再公开。")
        return redirect("workbench:supervision_staff:plan", plan.pk)
    departments = departments_under(plan.government).filter(government=plan.government)
    form = TaskForm(request.POST or None, departments=departments)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            task = tasking.add_task(
                plan,
                lead=data["lead"],
                co=list(data["co"]),
                actor=request.user,
                title=data["title"],
                content=data["content"],
                scope=data["scope"],
                publisher=data["publisher"],
                form=data["form_of"],
                due_on=data["due_on"],
                evidence_required=data["evidence_required"],
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"已分解第{task.number}项任务。")
            return redirect("workbench:supervision_staff:plan", plan.pk)
    tasks = plan.tasks.select_related("lead").prefetch_related("co_departments")
    return render(
        request,
        "supervision/staff/plan.html",
        {"plan": plan, "tasks": tasks, "form": form, "office": True},
    )


@staff_required
@require_http_methods(["GET", "HEAD", "POST"])
def task_detail(request, pk: int):
    task = _visible(request.user, pk)
    department = current_department(request)
    mine = department is not None and department in task.access_departments
    form = ReportForm(request.POST or None)
    if request.method == "POST":
        if not mine:
            raise PermissionDenied("请先切换到该任务的牵头或配合部门。")
        if form.is_valid():
            try:
                tasking.report(
                    task,
                    department=department,
                    text=form.cleaned_data["text"],
                    evidence=form.links(),
                    completed=form.cleaned_data["completed"],
                    actor=request.user,
                )
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "已报送落实情况。")
                return redirect("workbench:supervision_staff:task", task.pk)
    return render(
        request,
        "supervision/staff/task.html",
        {
            "task": task,
            "reports": task.reports.select_related("department", "author"),
            "form": form if mine and task.state == "open" else None,
            "decide": task.state == "reported" and _office(request.user),
            "return_form": ReturnForm(),
            "overdue": task.overdue_on(timezone.localdate()),
            "office": _office(request.user),
        },
    )


@staff_required
@require_POST
def task_decide(request, pk: int):
    task = _visible(request.user, pk)
    try:
        if "confirm" in request.POST:
            tasking.confirm(task, on=timezone.localdate(), actor=request.user)
            messages.success(request, "已确认任务完成。")
        else:
            form = ReturnForm(request.POST)
            reason = form.data.get("reason", "")
            tasking.send_back(task, reason=reason, actor=request.user)
            messages.success(request, "已退回，牵头部门可继续报送。")
    except DomainError as error:
        messages.error(request, str(error))
    return redirect("workbench:supervision_staff:task", task.pk)

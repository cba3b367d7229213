"""落实情况 (how the tasks are carried out) under /ducha/: each published 工作要点 with
its tasks, their responsible departments, time limits, status and the evidence the
lead department gave (the seed: 任务分解 with 责任部门、公开范围、公开主体、公开形式、
公开时限). Only plans the office marked public appear."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from gongkai.portal.modules import MODULES_BY_SLUG
from gongkai.portal.site import site_government

from ..models import Task, TaskReport, TaskState, WorkPlan

SECTION = MODULES_BY_SLUG["supervision"]


def _plans():
    plans = WorkPlan.objects.filter(published=True)
    government = site_government()
    if government is not None:
        plans = plans.filter(government__path__startswith=government.path)
    return plans


@require_safe
def index(request):
    plans = _plans().annotate(
        total=Count("tasks"), done=Count("tasks", filter=Q(tasks__state=TaskState.DONE))
    )
    return render(
        request,
        "supervision/portal/index.html",
        {"section": SECTION, "plans": plans.order_by("-year", "id")},
    )


@require_safe
def plan(request, pk: int):
    found = get_object_or_404(_plans(), pk=pk)
    completed = Prefetch(
        "reports",
        queryset=TaskReport.objects.filter(completed=True).order_by("-reported_at"),
        to_attr="completions",
    )
    tasks = (
        Task.objects.filter(plan=found)
        .select_related("lead")
        .prefetch_related("co_departments", completed)
        .order_by("number")
    )
    today = timezone.localdate()
    return render(
        request,
        "supervision/portal/plan.html",
        {
            "section": SECTION,
            "plan": found,
            "rows": [(task, task.overdue_on(today)) for task in tasks],
        },
    )

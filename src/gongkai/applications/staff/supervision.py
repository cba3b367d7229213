"""督办 (supervision): per department and per handler, reply periods due soon,
due today and overdue; the disclosure office sees every department under it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_safe

from gongkai import access
from gongkai.accounts.decorators import staff_required
from gongkai.workdays import CalendarMissing

from . import queries
from .common import menu


@staff_required
@require_safe
def supervision(request):
    from ..services.common import today

    if not access.can(request.user, "applications.view"):
        raise PermissionDenied("无权执行此操作：查看依申请公开申请。")
    day = today()
    problem = ""
    try:
        result = queries.supervision(request.user, day)
    except CalendarMissing as missing:
        result, problem = None, f"无法计算临期事项：{missing}"
    return render(
        request,
        "applications/staff/supervision.html",
        {
            "menu": menu(request.user),
            "result": result,
            "problem": problem,
            "today": day,
            "office": access.can(request.user, "applications.supervise"),
        },
    )

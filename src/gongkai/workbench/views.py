"""Staff workbench pages: my work (待办 and deadlines), department switch, notices inbox."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongkai.accounts.decorators import staff_required
from gongkai.portal.views import safe_next

from . import notices as notice_box
from .departments import NotAMember, choose_department, current_department
from .queries import my_work
from .sections import home_cards
from .todos import todos_for


@staff_required
@require_safe
def home(request):
    today = timezone.localdate()
    department = current_department(request)
    return render(
        request,
        "workbench/home.html",
        {
            "today": today,
            "department": department,
            "todos": todos_for(request.user, department, now=timezone.now()),
            "sections": my_work(request.user, department, today),
            "cards": home_cards(request.user, today, department),
        },
    )


@staff_required
@require_POST
def switch_department(request):
    """Choose the department to work for; only one the person belongs to."""
    try:
        department = choose_department(request, request.POST.get("department"))
    except NotAMember as refused:
        raise PermissionDenied(str(refused)) from None
    messages.success(request, f"当前部门已切换为{department.name}。")
    return redirect(safe_next(request, request.POST.get("next"), reverse("workbench:home")))


@staff_required
@require_http_methods(["GET", "POST"])
def notices(request):
    if not notice_box.available():
        raise Http404("通知功能尚未启用。")
    if request.method == "POST":
        ids = [value for value in request.POST.getlist("notice") if value.isdigit()]
        if request.POST.get("all") == "1":
            ids = list(notice_box.unread_ids(request.user))
        marked = notice_box.mark_read(request.user, ids)
        if marked:
            messages.success(request, f"已将 {marked} 条通知标为已读。")
        return redirect("workbench:notices")
    page = Paginator(notice_box.inbox(request.user), 30).get_page(request.GET.get("page"))
    return render(request, "workbench/notices.html", {"page": page})

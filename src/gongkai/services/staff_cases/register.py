"""Registering a case received at the counter (窗口登记), or one entered after the fact
(事后补录: the day received is before today, with the reason; supervision sees the flag)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from gongkai import access
from gongkai.accounts.decorators import staff_required
from gongkai.core.errors import DomainError

from ..models import ItemState, ServiceItem
from ..services import cases
from .forms import RegisterForm


def registrable_items(user):
    return (
        access.scope(
            user,
            "services.register_case",
            ServiceItem.objects.filter(state=ItemState.PUBLISHED, current__isnull=False),
        )
        .select_related("department", "current")
        .order_by("department__sort_order", "code")
    )


@staff_required
@require_http_methods(["GET", "POST"])
def register(request):
    items = registrable_items(request.user)
    chosen = request.POST.get("item") or request.GET.get("item")
    item = get_object_or_404(items, pk=chosen) if chosen and chosen.isdigit() else None
    form = None
    status = 200
    if item is not None:
        if request.method == "POST":
            form = RegisterForm(request.POST, request.FILES, guide=item.current)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    submission = cases.register_at_counter(
                        item,
                        data,
                        actor=request.user,
                        received_on=data["received_on"],
                        files=form.uploads(),
                        joint=data["joint"],
                        late_reason=data["late_reason"],
                    )
                except cases.CaseInvalid as invalid:
                    for name, texts in invalid.errors.items():
                        for text in texts:
                            form.add_error(name if name in form.fields else None, text)
                except DomainError as refused:
                    form.add_error(None, refused.message)
                else:
                    case = submission.case
                    messages.success(
                        request,
                        f"已登记办件 {case.number}。查询密码：{submission.password}"
                        "（请告知申请人，只显示这一次）。",
                    )
                    return redirect("workbench:services_cases:detail", pk=case.pk)
            status = 400
        else:
            form = RegisterForm(guide=item.current)
    return render(
        request,
        "services/staff/cases/register.html",
        {"items": items, "item": item, "form": form},
        status=status,
    )

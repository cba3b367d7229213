"""Looking up an application (查询) with its tracking number and password or phone."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import services
from . import limits, session
from .forms import CorrectionForm, LookupForm, PaymentForm, ReasonsForm, WithdrawForm
from .summary import applicant_view
from .views_apply import page, too_many


@never_cache
@require_http_methods(["GET", "POST"])
def lookup(request):
    current = session.verified(request)
    if request.method == "GET":
        return page(request, "lookup.html", {"form": LookupForm(), "current": current})
    form = LookupForm(request.POST)
    if not form.is_valid():
        return page(request, "lookup.html", {"form": form, "current": current}, status=400)
    number = form.cleaned_data["tracking_number"]
    blocked = limits.lookup_blocked(request, number)
    if blocked is not None:
        return too_many(request, limits.lookup_message(blocked), blocked.retry_after)
    application = services.find_for_lookup(
        number,
        password=form.cleaned_data.get("password", ""),
        phone=form.cleaned_data.get("phone", ""),
    )
    if application is None:
        failure = limits.count_lookup_failure(request, number)
        if not failure.allowed or failure.remaining == 0:
            return too_many(
                request, limits.lookup_message(failure), failure.retry_after or failure.resets_in
            )
        form.add_error(
            None,
            "受理编号与查询密码（或联系电话）不匹配，请核对后重新输入。"
            f"再错{failure.remaining}次将暂停查询一段时间。",
        )
        return page(request, "lookup.html", {"form": form, "current": current}, status=400)
    session.verify(request, application)
    return redirect("applications_portal:status")


def status_page(request, application, forms: dict | None = None, status: int = 200):
    view = applicant_view(application)
    forms = forms or {}
    return page(
        request,
        "status.html",
        {
            "view": view,
            "application": application,
            "correction_form": forms.get("correction") or CorrectionForm(),
            "payment_form": forms.get("payment") or PaymentForm(),
            "reasons_form": forms.get("reasons") or ReasonsForm(),
            "withdraw_form": forms.get("withdraw") or WithdrawForm(),
        },
        status=status,
    )


@never_cache
@require_GET
def status(request):
    application = session.verified(request)
    if application is None:
        messages.info(request, "请输入受理编号和查询密码查看办理情况（查询结果仅保留一段时间）。")
        return redirect("applications_portal:lookup")
    return status_page(request, application)


@require_POST
def leave(request):
    session.forget(request)
    messages.info(request, "已退出查询。")
    return redirect("applications_portal:lookup")

"""Looking up an application (查询) with its tracking number and password or phone."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongkai.core.lookup import post_lookup
from gongkai.core.net import client_key

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
    return post_lookup(
        request,
        LookupForm(request.POST),
        find=services.find_for_lookup,
        lockout=limits.LOOKUP_LOCKOUT,
        ip=client_key(request),
        ticket=session.ticket,
        too_many=too_many,
        invalid=lambda form: page(
            request, "lookup.html", {"form": form, "current": current}, status=400
        ),
        success="applications_portal:status",
    )


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
@require_safe
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

"""The applicant's pages of cases: apply, receipt (the password shown once), lookup
with lock-out, status with the due dates and how they were computed, correction.

Nothing here needs JavaScript. The browser session remembers the receipt and the
verified lookup (``gongkai.core.lookup.SessionTicket``), never the URL.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongkai.core import idempotency, ratelimit
from gongkai.core.errors import DomainError
from gongkai.core.lookup import SessionTicket, post_lookup
from gongkai.core.net import client_key
from gongkai.portal.modules import MODULES_BY_SLUG

from ..case_lookup import LOOKUP_LOCKOUT, applicant_view
from ..models import Case, ItemState, ServiceItem
from ..services import cases
from .cases_forms import CaseApplyForm, CaseCorrectionForm, CaseLookupForm

SECTION = MODULES_BY_SLUG["services"]
SUBMIT = "services.cases.submit"

ticket = SessionTicket(
    "services.cases",
    receipts=Case.objects.select_related("item", "department"),
    lookups=Case.objects.select_related("item", "department", "guide"),
)


def page(request, template: str, context: dict, status: int = 200):
    return render(
        request, f"services/portal/cases/{template}", {"section": SECTION, **context}, status=status
    )


def too_many(request, message: str, retry_after: int):
    response = page(request, "too_many.html", {"message": message}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def _published(code: str) -> ServiceItem:
    found = (
        ServiceItem.objects.select_related("current", "department")
        .filter(code=code, state=ItemState.PUBLISHED, current__isnull=False)
        .first()
    )
    if found is None:
        raise Http404("没有这个可以在线申请的事项。")
    return found


def _submit_limit():
    return settings.APPLICATION_SUBMIT_LIMIT, settings.APPLICATION_SUBMIT_WINDOW


@never_cache
@require_http_methods(["GET", "POST"])
def apply(request, code: str):
    item = _published(code)
    guide = item.current
    status = 200
    if request.method == "POST":
        form = CaseApplyForm(request.POST, request.FILES, guide=guide)
        if form.is_valid():
            over = ratelimit.hit(SUBMIT, client_key(request), *_submit_limit())
            if not over.allowed:
                message = f"同一网络地址提交过于频繁，请{over.wait_text}后再提交。"
                return too_many(request, message, over.retry_after)
            try:
                submission = cases.submit_online(
                    item,
                    form.cleaned_data,
                    files=form.uploads(),
                    idempotency_key=form.cleaned_data.get("idempotency_key", ""),
                    ip=client_key(request),
                )
            except cases.CaseInvalid as invalid:
                for name, texts in invalid.errors.items():
                    for text in texts:
                        form.add_error(name if name in form.fields else None, text)
            except idempotency.Refused as refused:
                idempotency.refuse_on_form(form, refused)
            except DomainError as refused:
                form.add_error(None, refused.message)
            else:
                ticket.remember_receipt(
                    request, submission.case, submission.password, repeated=not submission.created
                )
                return redirect("services_cases_portal:receipt")
        status = 400
    else:
        form = CaseApplyForm(guide=guide)
    return page(request, "apply.html", {"item": item, "guide": guide, "form": form}, status=status)


@never_cache
@require_safe
def receipt(request):
    found = ticket.receipt(request)
    if found is None:
        return page(request, "receipt_gone.html", {}, status=404)
    return page(
        request,
        "receipt.html",
        {"case": found.object, "password": found.password, "repeated": found.repeated},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def lookup(request):
    current = ticket.verified(request)
    if request.method == "GET":
        return page(request, "lookup.html", {"form": CaseLookupForm(), "current": current})
    return post_lookup(
        request,
        CaseLookupForm(request.POST),
        find=cases.find_for_lookup,
        lockout=LOOKUP_LOCKOUT,
        ip=client_key(request),
        ticket=ticket,
        too_many=too_many,
        invalid=lambda form: page(
            request, "lookup.html", {"form": form, "current": current}, status=400
        ),
        success="services_cases_portal:status",
    )


def _status_page(
    request, case, correction_form=None, status=200, rating_form=None, rerate_form=None
):
    from ..services import ratings
    from .ratings_forms import RatingForm, RerateForm

    return page(
        request,
        "status.html",
        {
            "case": case,
            "view": applicant_view(case),
            "correction_form": correction_form or CaseCorrectionForm(),
            # 好差评 (ratings_views): the form while the completed case is unrated
            "can_rate": ratings.can_rate(case),
            "rating": ratings.existing(case),
            "rating_form": rating_form or RatingForm(),
            "rerating": ratings.pending_rerating(case),
            "rerate_form": rerate_form or RerateForm(),
        },
        status=status,
    )


def _verified_or_lookup(request):
    case = ticket.verified(request)
    if case is None:
        messages.info(request, "请输入办件编号和查询密码查看办理情况（查询结果只保留一段时间）。")
    return case


@never_cache
@require_safe
def status(request):
    case = _verified_or_lookup(request)
    if case is None:
        return redirect("services_cases_portal:lookup")
    return _status_page(request, case)


@never_cache
@require_POST
def correct(request):
    case = _verified_or_lookup(request)
    if case is None:
        return redirect("services_cases_portal:lookup")
    form = CaseCorrectionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            cases.supply_correction(
                case,
                note=form.cleaned_data["note"],
                files=[(None, f) for f in form.cleaned_data["files"]],
            )
        except DomainError as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, "补正材料已提交，办理部门将尽快审查并决定是否受理。")
            return redirect("services_cases_portal:status")
    return _status_page(request, case, correction_form=form, status=400)


@require_POST
def leave(request):
    ticket.forget(request)
    messages.info(request, "已退出查询。")
    return redirect("services_cases_portal:lookup")

"""The application form (在线申请) and the agency guidance beside it."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from gongkai.core import idempotency
from gongkai.core.net import client_key
from gongkai.portal.modules import MODULES_BY_SLUG

from ..validation import ApplicationInvalid
from . import limits, session
from .forms import ApplyForm, department_choices, portal_departments
from .guidance import department_in_portal, guidance_context
from .submitting import submit

SECTION = MODULES_BY_SLUG["applications"]


def page(request, template: str, context: dict, status: int = 200):
    return render(
        request,
        f"applications/portal/{template}",
        {"section": SECTION, **context},
        status=status,
    )


def too_many(request, message: str, retry_after: int):
    response = page(request, "too_many.html", {"message": message}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


@require_safe
def index(request):
    """The section's home: how to apply, choosing the agency, and the lookup."""
    departments = portal_departments()
    return page(
        request,
        "index.html",
        {"department_choices": department_choices(departments)[1:]},
    )


@require_safe
def guide_panel(request, pk: int):
    """The guidance panel for one agency (fetched by the form's script on a change)."""
    department = department_in_portal(pk)
    return page(request, "_guidance.html", guidance_context(department))


@never_cache
@require_http_methods(["GET", "POST"])
def apply(request):
    if request.method == "POST":
        blocked = limits.submit_blocked(request)
        if blocked is not None:
            return too_many(request, limits.submit_message(blocked), blocked.retry_after)
        form = ApplyForm(request.POST, request.FILES)
        if form.is_valid():
            over = limits.count_submission(request)
            if over is not None:
                return too_many(request, limits.submit_message(over), over.retry_after)
            try:
                submission = submit(
                    request.POST,
                    form.files_to_attach(),
                    idempotency_key=form.cleaned_data.get("idempotency_key", ""),
                    ip=client_key(request),
                )
            except ApplicationInvalid as invalid:
                for name, messages in invalid.errors.items():
                    for message in messages:
                        form.add_error(name if name in form.fields else None, message)
            except idempotency.Refused as refused:
                idempotency.refuse_on_form(form, refused)
            else:
                session.remember_receipt(request, submission.application, submission.password)
                return redirect("applications_portal:receipt")
        department = department_in_portal(request.POST.get("department"))
        status = 400
    else:
        department = department_in_portal(request.GET.get("department"))
        form = ApplyForm(initial={"department": department.pk} if department else None)
        status = 200
    return page(
        request,
        "apply.html",
        {"form": form, **guidance_context(department)},
        status=status,
    )

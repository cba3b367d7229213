"""Start a consultation (发起意见征集) and edit it while unpublished.

The new form carries a one-time token; the session remembers which
consultation each token created, so a second click or a reload of the POST
opens the same consultation instead of creating it twice. The edit form
carries the version it was opened at: an edit saved by a colleague in
between is refused (``VersionedFormMixin`` and ``services.update``), nothing
is overwritten.
"""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from gongkai import access
from gongkai.accounts.decorators import staff_required
from gongkai.core.errors import DomainError
from gongkai.workbench.departments import current_department, departments_of

from .. import services
from ..models import Consultation
from .common import refused, to_detail, visible_consultation
from .forms import ConsultationForm

SESSION_KEY = "consultations.created"
KEEP = 20  # tokens remembered per session


def _department_for_create(request):
    """The current department when the person may start consultations there, else the
    first department where they may; 403 when none."""
    current = current_department(request)
    candidates = [current, *departments_of(request.user)] if current else []
    for department in candidates:
        if access.can(request.user, "consultations.create", department):
            return department
    raise PermissionDenied("无权执行此操作：发起意见征集。")


def _remember(request, token: str, pk: int) -> None:
    kept = dict(request.session.get(SESSION_KEY, {}))
    kept[token] = pk
    while len(kept) > KEEP:
        kept.pop(next(iter(kept)))
    request.session[SESSION_KEY] = kept


@staff_required
@require_http_methods(["GET", "POST"])
def new(request):
    department = _department_for_create(request)
    status = 200
    if request.method == "POST":
        token = request.POST.get("token", "")
        done = request.session.get(SESSION_KEY, {}).get(token) if token else None
        if done is not None:
            messages.info(request, "这项意见征集已经创建，未重复创建。")
            return redirect("workbench:consultations_staff:detail", pk=done)
        form = ConsultationForm(request.POST, instance=Consultation(department=department))
        if form.is_valid():
            try:
                consultation = services.create(department, form.draft(), actor=request.user)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                if token:
                    _remember(request, token, consultation.pk)
                messages.success(
                    request, "已保存。请核对条款拆分结果，确认无误后报部门负责人发布。"
                )
                return to_detail(consultation, "clauses-heading")
        status = 400
    else:
        form = ConsultationForm(
            instance=Consultation(department=department),
            initial={"token": secrets.token_urlsafe(16), "kind": "draft"},
        )
    return render(
        request,
        "consultations/staff/edit.html",
        {"form": form, "department": department, "consultation": None},
        status=status,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    consultation = visible_consultation(request, pk)
    back = to_detail(consultation)
    denied = refused(request, "consultations.edit", consultation, "修改", back)
    if denied is not None:
        return denied
    status = 200
    if request.method == "POST":
        form = ConsultationForm(request.POST, instance=consultation)
        if form.is_valid():
            try:
                services.update(
                    Consultation.objects.get(pk=consultation.pk),
                    form.draft(),
                    expected_version=form.cleaned_data["expected_version"],
                    actor=request.user,
                )
            except PermissionDenied:
                raise
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, "已保存修改。请核对条款拆分结果。")
                return to_detail(consultation, "clauses-heading")
        status = 400
    else:
        form = ConsultationForm(instance=consultation)
    return render(
        request,
        "consultations/staff/edit.html",
        {"form": form, "department": consultation.department, "consultation": consultation},
        status=status,
    )

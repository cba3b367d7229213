"""Decisions in the workbench: the list (unpublished first, overdue flagged), entering
one, and the actions — publish (公示), withdraw a revoked or changed one with its
reason, approve credit repair (信用修复). Every action goes through
``services.decisions`` (access, clocks, audit)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongkai import access
from gongkai.accounts.decorators import staff_required
from gongkai.core.dates import today
from gongkai.core.errors import DomainError

from ..feed import party_name
from ..models import Decision, EnforcementBody
from ..services import decisions as services
from .forms import DecisionForm, RepairForm, WithdrawForm


def _visible(user):
    return access.scope(
        user, "enforcement.view", Decision.objects.all(), department_field="body__department"
    )


@staff_required
@require_safe
def decision_list(request):
    found = (
        _visible(request.user)
        .select_related("body")
        .order_by(F("published_on").asc(nulls_first=True), "-decided_on", "-pk")[:300]
    )
    return render(
        request,
        "powers/staff_enforcement/decisions.html",
        {"decisions": found, "today": today()},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def new_decision(request):
    bodies = list(
        access.scope(request.user, "enforcement.record_decision", EnforcementBody.objects.all())
    )
    if not bodies:
        raise PermissionDenied("无权录入行政执法决定。")
    form = DecisionForm(request.POST or None, bodies=bodies)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        body = next(b for b in bodies if b.pk == data.pop("body"))
        power = body.powers.current().filter(code=data.pop("power_code").strip()).first()
        if power is None:
            form.add_error("power_code", f"{body.name}行使的现行行政权力中没有该职权编码。")
        else:
            try:
                decision = services.record_decision(body, power=power, actor=request.user, **data)
            except DomainError as bad:
                form.add_error(None, bad.message)
            else:
                messages.success(
                    request, f"已录入，应于{decision.publication_due:%Y-%m-%d}前公示。"
                )
                return redirect("workbench:enforcement_staff:decision", decision.pk)
    return render(
        request,
        "powers/staff_enforcement/decision_form.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


def _decision(request, pk: int) -> Decision:
    return get_object_or_404(_visible(request.user).select_related("body", "power"), pk=pk)


@staff_required
@require_safe
def decision(request, pk: int):
    found = _decision(request, pk)
    user = request.user
    return render(
        request,
        "powers/staff_enforcement/decision.html",
        {
            "decision": found,
            "party": party_name(found),
            "today": today(),
            "can_publish": access.can(user, "enforcement.publish_decision", found),
            "can_withdraw": access.can(user, "enforcement.withdraw_decision", found),
            "can_repair": access.can(user, "enforcement.credit_repair", found),
            "withdraw_form": WithdrawForm(),
            "repair_form": RepairForm(),
        },
    )


def _act(request, found, action):
    try:
        action()
    except DomainError as bad:
        messages.error(request, bad.message)
    return redirect("workbench:enforcement_staff:decision", found.pk)


@staff_required
@require_POST
def publish(request, pk: int):
    found = _decision(request, pk)

    def run():
        services.publish_decision(found, actor=request.user)
        late = "（已超过公示期限）" if found.published_late else ""
        messages.success(request, f"已公示{late}。")

    return _act(request, found, run)


@staff_required
@require_POST
def withdraw(request, pk: int):
    found = _decision(request, pk)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写撤销或变更日期和撤下原因。")
        return redirect("workbench:enforcement_staff:decision", found.pk)

    def run():
        services.withdraw_decision(found, actor=request.user, **form.cleaned_data)
        messages.success(request, "已撤下。")

    return _act(request, found, run)


@staff_required
@require_POST
def repair(request, pk: int):
    found = _decision(request, pk)
    form = RepairForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写申请日期和信用修复说明。")
        return redirect("workbench:enforcement_staff:decision", found.pk)

    def run():
        services.approve_credit_repair(found, actor=request.user, **form.cleaned_data)
        messages.success(request, "已批准信用修复，该决定不再公示。")

    return _act(request, found, run)


@staff_required
@require_http_methods(["GET", "POST"])
def import_decisions(request):
    from django import forms as django_forms

    from ..services.decisions_import import import_decisions as run_import
    from ..services.officers_file import MAX_BYTES, OfficerFileProblem

    class ImportForm(django_forms.Form):
        file = django_forms.FileField(
            label="行政执法决定（.xlsx 或 .csv）",
            help_text="列：执法主体、职权编码、案件名称、决定书文号、当事人类别、当事人名称、"
            "统一社会信用代码、法定代表人、身份证号、违法事实、决定依据、决定内容、罚款金额、"
            "决定日期、情节、执法领域。",
            error_messages={"required": "请选择要导入的文件。", "empty": "文件是空的。"},
        )
        valid_only = django_forms.BooleanField(label="仅导入无误的行", required=False)

    if not access.scope(
        request.user, "enforcement.record_decision", EnforcementBody.objects.all()
    ).exists():
        raise PermissionDenied("无权录入行政执法决定。")
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        if uploaded.size > MAX_BYTES:
            form.add_error("file", "文件过大（最大30MB）。")
        else:
            try:
                report = run_import(
                    uploaded, request.user, valid_only=form.cleaned_data["valid_only"]
                )
            except (OfficerFileProblem, DomainError) as bad:
                form.add_error("file", bad.message)
            else:
                if report.entered and not report.problems:
                    messages.success(request, f"已录入{report.entered}件决定，请在期限内公示。")
                    return redirect("workbench:enforcement_staff:decisions")
    return render(
        request,
        "powers/staff_enforcement/decisions_import.html",
        {"form": form, "report": report},
        status=400 if request.method == "POST" else 200,
    )

"""Receiving applications (Art. 31): registering paper ones, confirming receipt,
discarding what is not an application, and naming the handler."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from gongkai import access
from gongkai.accounts.decorators import staff_required
from gongkai.core.dates import cn_date
from gongkai.core.errors import DomainError
from gongkai.orgs.models import Department
from gongkai.workbench.acting import add_errors

from .. import services
from ..models.taxonomy import CONFIRMED_CHANNELS
from ..services.common import today
from ..validation import ApplicationInvalid
from . import forms as f
from .acting import run
from .common import current_department, menu, visible_application
from .detail import department_staff, form_prefix


def intake_departments(user):
    return access.scope(
        user, "applications.intake", Department.objects.filter(active=True), department_field=None
    ).order_by("government__code", "sort_order", "pk")


@staff_required
@require_http_methods(["GET", "POST"])
def register(request):
    """登记 a paper, in-person, post, ordinary-letter or fax application."""
    departments = intake_departments(request.user)
    if not departments.exists():
        raise PermissionDenied("无权执行此操作：登记当面、邮寄的申请。")
    current = current_department(request)
    initial = {"department": current.pk if current and current in departments else None}
    form = f.RegisterForm(
        request.POST or None, request.FILES or None, departments=departments, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = request.POST.copy()
        try:
            submission = services.register_offline(
                data,
                channel=form.cleaned_data["channel"],
                actor=request.user,
                received_on=form.cleaned_data.get("received_on"),
                files=form.files_for_service(),
                late_reason=form.cleaned_data.get("late_reason", ""),
            )
        except ApplicationInvalid as error:
            add_errors(form, error.errors)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            application = submission.application
            if application.channel in CONFIRMED_CHANNELS:
                text = "申请已登记。平信、传真申请须与申请人确认后，在本页“确认收到”。"
            else:
                text = (
                    f"申请已登记，收到申请之日为{cn_date(application.received_on)}，"
                    "答复期限自次日起计算。"
                )
            messages.success(
                request,
                f"{text}受理编号：{application.tracking_number}，查询密码：{submission.password}"
                "（请告知申请人，密码只显示这一次）。",
            )
            for warning in services.registration_warnings(application, today()):
                messages.warning(request, warning)
            return redirect("workbench:applications_staff:detail", pk=application.pk)
    return render(
        request,
        "applications/staff/register.html",
        {
            "menu": menu(request.user),
            "form": form,
            "receipt_rules": f.RECEIPT_RULES,
        },
        status=400 if request.method == "POST" else 200,
    )


@staff_required
@require_POST
def confirm(request, pk: int):
    application = visible_application(request, pk)
    form = f.ConfirmForm(request.POST, prefix=form_prefix("confirm"))

    def call(data):
        services.confirm_receipt(application, actor=request.user, on=data["on"])
        return f"已确认收到申请（{cn_date(data['on'])}），答复期限自次日起计算，已告知申请人。"

    return run(
        request,
        application,
        permission="applications.intake",
        label="确认收到",
        form=form,
        key="confirm",
        call=call,
    )


@staff_required
@require_POST
def discard(request, pk: int):
    application = visible_application(request, pk)
    form = f.DiscardForm(request.POST, prefix=form_prefix("discard"))

    def call(data):
        services.discard(application, actor=request.user, reason=data["reason"])
        return "已作废。该提交不作为政府信息公开申请处理。"

    return run(
        request,
        application,
        permission="applications.intake",
        label="作废",
        form=form,
        key="discard",
        call=call,
    )


@staff_required
@require_POST
def assign(request, pk: int):
    application = visible_application(request, pk)
    form = f.AssignForm(
        request.POST, prefix=form_prefix("assign"), staff=department_staff(application)
    )

    def call(data):
        services.assign(application, assignee=data["assignee"], actor=request.user)
        person = data["assignee"]
        return f"已指定经办人：{person.get_full_name() or person.username}。"

    return run(
        request,
        application,
        permission="applications.intake",
        label="指定经办人",
        form=form,
        key="assign",
        call=call,
    )

"""Review: the 保密审查员 reviews a reply that releases information (保密审查,
Art. 17); the reviewer (审核人) approves the drafted reply — the numbered 答复书 is
issued — or returns it with a comment; the head of the disclosure office (公开办)
approves or refuses a request to extend the reply period (Art. 33)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import staff_required
from gongkai.workdays.models import ExtensionRequest

from .. import services
from ..models import SecrecyConclusion
from . import forms as f
from .acting import run
from .common import visible_application
from .detail import form_prefix

APPROVE = "applications.approve_reply"


@staff_required
@require_POST
def secrecy(request, pk: int):
    application = visible_application(request, pk)
    form = f.SecrecyReviewForm(request.POST, prefix=form_prefix("secrecy"))

    def call(data):
        if data["conclusion"] == SecrecyConclusion.PASSED:
            services.pass_secrecy_review(
                application, actor=request.user, note=data["note"], on=data["on"]
            )
            return "保密审查已通过，已转审核人审核。"
        services.return_secrecy_review(
            application, actor=request.user, note=data["note"], on=data["on"]
        )
        return "保密审查未通过，答复已退回经办人修改。"

    return run(
        request,
        application,
        permission="applications.secrecy_review",
        label="保密审查",
        form=form,
        key="secrecy",
        call=call,
    )


@staff_required
@require_POST
def approve(request, pk: int):
    application = visible_application(request, pk)
    form = f.ApproveForm(request.POST, prefix=form_prefix("approve"))

    def call(data):
        services.approve_reply(application, actor=request.user, on=data["on"])
        application.refresh_from_db()
        text = "答复已审核通过，答复书已出具并告知申请人。"
        if application.forwarded_to_id:
            text += f"申请已转送{application.forward_department.name}。"
        return text

    return run(
        request,
        application,
        permission=APPROVE,
        label="审核通过答复",
        form=form,
        key="approve",
        call=call,
    )


@staff_required
@require_POST
def return_reply(request, pk: int):
    application = visible_application(request, pk)
    form = f.ReturnForm(request.POST, prefix=form_prefix("return"))

    def call(data):
        services.return_reply(application, actor=request.user, comment=data["comment"])
        return "答复已退回经办人修改。"

    return run(
        request,
        application,
        permission=APPROVE,
        label="退回修改答复",
        form=form,
        key="return",
        call=call,
    )


@staff_required
@require_POST
def decide_extension(request, pk: int, request_id: int):
    application = visible_application(request, pk)
    extension = get_object_or_404(ExtensionRequest.objects.for_subject(application), pk=request_id)
    form = f.DecideExtensionForm(request.POST, prefix=f"decide{extension.pk}")

    def call(data):
        decided = services.decide_extension(
            extension,
            approve=data["decision"] == "approve",
            actor=request.user,
            comment=data["comment"],
        )
        if decided.approved:
            return f"已同意延长答复期限{decided.days}个工作日，已出具延长答复期限告知书。"
        return "已不同意延期，已通知经办人。"

    return run(
        request,
        application,
        permission="applications.approve_extension",
        label="审批延期申请",
        form=form,
        key=f"decide_extension:{extension.pk}",
        call=call,
    )

"""Review: the 保密审查员 reviews a reply that releases information (保密审查,
Art. 17); the reviewer (审核人) approves the drafted reply — the numbered 答复书 is
issued — or returns it with a comment; the head of the disclosure office (公开办)
approves or refuses a request to extend the reply period (Art. 33)."""

from __future__ import annotations

from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import staff_required
from gongkai.workbench import acting

from .. import services
from ..models import SecrecyConclusion
from . import forms as f
from .acting import run
from .common import DESK, visible_application
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
    return acting.decide_extension(
        DESK,
        request,
        visible_application(request, pk),
        request_id,
        permission="applications.approve_extension",
        approved="已同意延长答复期限{days}个工作日，已出具延长答复期限告知书。",
        refused="已不同意延期，已通知经办人。",
    )

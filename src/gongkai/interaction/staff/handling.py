"""The lead department's steps — 签收 (sign for), return a misrouted message with a
reason, ask for the one extension, draft the reply — and the co-handlers' opinions."""

from __future__ import annotations

from django.http import Http404
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import staff_required

from .. import services
from ..models import AssignmentRole
from ..services.common import rules_for
from . import forms as f
from .acting import run
from .common import visible_message
from .detail import form_prefix

HANDLE = "messages.handle"


def _lead(message):
    """The lead assignment: the access policy is asked about it (None: not assigned)."""
    return message.lead_assignment()


@staff_required
@require_POST
def sign(request, pk: int):
    message = visible_message(request, pk)
    form = f.SignForm(request.POST, prefix=form_prefix("sign"))

    def call(data):
        services.sign(message, actor=request.user, on=data["on"])
        return "已签收，请在答复期限内办理并起草答复。"

    return run(
        request,
        message,
        permission=HANDLE,
        label="签收",
        form=form,
        key="sign",
        call=call,
        target=_lead(message),
    )


@staff_required
@require_POST
def return_misrouted(request, pk: int):
    message = visible_message(request, pk)
    form = f.ReturnMisroutedForm(request.POST, prefix=form_prefix("return_misrouted"))

    def call(data):
        services.return_misrouted(message, reason=data["reason"], actor=request.user, on=data["on"])
        return "已退回受理办公室重新交办。"

    return run(
        request,
        message,
        permission=HANDLE,
        label="退回",
        form=form,
        key="return_misrouted",
        call=call,
        target=_lead(message),
    )


@staff_required
@require_POST
def co_opinion(request, pk: int, assignment_id: int):
    message = visible_message(request, pk)
    assignment = (
        message.assignments.filter(pk=assignment_id, active=True, role=AssignmentRole.CO)
        .select_related("department__government")
        .first()
    )
    if assignment is None:
        raise Http404("没有这一协办交办。")
    form = f.CoOpinionForm(request.POST, prefix=f"co{assignment.pk}")

    def call(data):
        if data["opinion"].strip() != assignment.opinion:  # a repeated post changes nothing
            services.give_co_opinion(
                message,
                department=assignment.department,
                opinion=data["opinion"],
                actor=request.user,
            )
        return "协办意见已提交主办部门。"

    return run(
        request,
        message,
        permission="messages.co_handle",
        label="提出协办意见",
        form=form,
        key=f"co_opinion:{assignment.pk}",
        call=call,
        target=assignment,
    )


@staff_required
@require_POST
def extension(request, pk: int):
    message = visible_message(request, pk)
    form = f.ExtensionForm(
        request.POST,
        prefix=form_prefix("extension"),
        max_days=rules_for(message).extension_max_days,
    )

    def call(data):
        services.request_extension(
            message, days=data["days"], reason=data["reason"], actor=request.user
        )
        return f"延期{data['days']}个工作日的申请已提交受理办公室审批。"

    return run(
        request,
        message,
        permission=HANDLE,
        label="申请延期",
        form=form,
        key="extension",
        call=call,
        target=_lead(message),
    )


@staff_required
@require_POST
def reply(request, pk: int):
    """The drafted reply goes to the office; ``expected_version`` refuses a draft opened
    before a colleague's submission (nothing is overwritten silently)."""
    message = visible_message(request, pk)
    form = f.ReplyForm(request.POST, prefix=form_prefix("reply"))

    def call(data):
        services.submit_reply(
            message,
            text=data["text"],
            actor=request.user,
            expected_version=data["expected_version"],
        )
        return "答复已提交受理办公室审核。"

    return run(
        request,
        message,
        permission=HANDLE,
        label="提交答复",
        form=form,
        key="reply",
        call=call,
        target=_lead(message),
    )

"""The office's review: approve the drafted reply (sending it to the writer and, when
the message may be public, publishing the masked version the reviewer checked side by
side with the original) or return it with a comment; decide the one extension; record
a 回访 (call-back) and the writer's satisfaction."""

from __future__ import annotations

from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import staff_required
from gongkai.workbench import acting

from .. import services
from ..models import Satisfaction
from . import forms as f
from .acting import DESK, run
from .common import visible_message
from .detail import form_prefix

REVIEW = "messages.review_reply"


@staff_required
@require_POST
def approve(request, pk: int):
    message = visible_message(request, pk)
    form = f.ApproveForm(
        request.POST, prefix=form_prefix("approve"), confidential=message.is_confidential
    )

    def call(data):
        masked = form.masked()
        services.approve_reply(
            message,
            actor=request.user,
            publish=masked is not None,
            masked=masked,
            on=data["on"],
        )
        if masked is not None:
            return "答复已审核通过并告知留言人；留言和答复已在留言板公开（个人信息已遮蔽）。"
        return "答复已审核通过并告知留言人（不公开）。"

    return run(
        request,
        message,
        permission=REVIEW,
        label="审核通过答复",
        form=form,
        key="approve",
        call=call,
    )


@staff_required
@require_POST
def return_reply(request, pk: int):
    message = visible_message(request, pk)
    form = f.ReturnReplyForm(request.POST, prefix=form_prefix("return_reply"))

    def call(data):
        services.return_reply(message, actor=request.user, comment=data["comment"])
        return "答复已退回主办部门修改。"

    return run(
        request,
        message,
        permission=REVIEW,
        label="退回修改答复",
        form=form,
        key="return_reply",
        call=call,
    )


@staff_required
@require_POST
def decide_extension(request, pk: int, request_id: int):
    return acting.decide_extension(
        DESK,
        request,
        visible_message(request, pk),
        request_id,
        permission="messages.approve_extension",
        approved="已同意延期{days}个工作日。",
        refused="已不同意延期，已通知主办部门。",
    )


@staff_required
@require_POST
def callback(request, pk: int):
    message = visible_message(request, pk)
    form = f.CallbackForm(request.POST, prefix=form_prefix("callback"))

    first_round = message.round == 1

    def call(data):
        services.record_callback(
            message,
            satisfaction=data["satisfaction"],
            reason=data["reason"],
            actor=request.user,
            on=data["on"],
        )
        if data["satisfaction"] == Satisfaction.UNSATISFIED and first_round:
            return "已登记回访：不满意。留言已退回主办部门重新办理。"
        return f"已登记回访：{Satisfaction(data['satisfaction']).label}，留言已办结。"

    return run(
        request,
        message,
        permission="messages.callback",
        label="登记回访",
        form=form,
        key="callback",
        call=call,
    )

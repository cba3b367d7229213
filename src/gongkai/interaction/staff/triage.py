"""受理 (triage) by the board's office: release held messages, refuse with a reason
from the acceptance scope, merge duplicates, 交办 (assignment) to a lead department
and co-handlers, and whether the departments see who wrote."""

from __future__ import annotations

from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import staff_required

from .. import services
from . import forms as f
from .acting import run
from .common import messages_visible_to, visible_message
from .detail import assignable_departments, form_prefix

TRIAGE = "messages.triage"


@staff_required
@require_POST
def release(request, pk: int):
    message = visible_message(request, pk)
    form = f.ReleaseForm(request.POST, prefix=form_prefix("release"))

    def call(data):
        services.release(message, actor=request.user)
        return "核查通过，留言已转入待受理。"

    return run(
        request, message, permission=TRIAGE, label="核查通过", form=form, key="release", call=call
    )


@staff_required
@require_POST
def refuse(request, pk: int):
    message = visible_message(request, pk)
    form = f.RefuseForm(request.POST, prefix=form_prefix("refuse"))

    def call(data):
        services.refuse(message, reason=data["reason"], note=data["note"], actor=request.user)
        return f"已不予受理（{data['reason'].name}），已告知留言人。"

    return run(
        request, message, permission=TRIAGE, label="不予受理", form=form, key="refuse", call=call
    )


@staff_required
@require_POST
def merge(request, pk: int):
    message = visible_message(request, pk)
    form = f.MergeForm(
        request.POST,
        prefix=form_prefix("merge"),
        message=message,
        visible=messages_visible_to(request.user),
    )

    def call(data):
        original = data["original"]
        services.merge(message, original=original, actor=request.user)
        return f"已与留言 {original.query_code} 合并，已告知留言人查看原留言的办理结果。"

    return run(
        request, message, permission=TRIAGE, label="合并重复留言", form=form, key="merge", call=call
    )


@staff_required
@require_POST
def assign(request, pk: int):
    message = visible_message(request, pk)
    form = f.AssignForm(
        request.POST, prefix=form_prefix("assign"), departments=assignable_departments(message)
    )

    def call(data):
        services.assign(
            message, lead=data["lead"], co=data["co"], actor=request.user, on=data["on"]
        )
        names = "、".join(d.name for d in data["co"])
        return f"已交办{data['lead'].name}主办" + (f"，{names}协办" if names else "") + "。"

    return run(
        request, message, permission=TRIAGE, label="交办", form=form, key="assign", call=call
    )


@staff_required
@require_POST
def identity(request, pk: int):
    message = visible_message(request, pk)
    form = f.IdentityForm(request.POST, prefix=form_prefix("identity"))

    def call(data):
        if data["visible"] != message.identity_visible:  # a repeated post changes nothing
            services.set_identity_visibility(message, visible=data["visible"], actor=request.user)
        if data["visible"]:
            return "承办部门现在可以看到留言人的姓名和电话。"
        return "已对承办部门隐去留言人的姓名和电话。"

    return run(
        request,
        message,
        permission="messages.supervise",
        label="设置留言人身份是否可见",
        form=form,
        key="identity",
        call=call,
    )

"""Workflow steps from the item page, corrections, validity, and the review queues."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongkai import access
from gongkai.accounts.decorators import staff_required
from gongkai.core.concurrency import StaleEdit
from gongkai.core.errors import DomainError

from .. import actions
from ..models import InformationItem
from ..validation import ItemInvalid
from .common import client_ip, current_department, fresh, menu, visible_item
from .forms import CorrectionForm, ValidityForm


def _step(action, comment_as: str | None = "comment"):
    """A button's handler: call ``action`` as the user, passing the comment as ``comment_as``."""

    def run(item, user, comment, ip):
        extra = {comment_as: comment} if comment_as else {}
        return action(item, actor=user, ip=ip, **extra)

    return run


# workflow action -> what the button does
STEPS = {
    "submit": _step(actions.submit_item, comment_as=None),
    "pass_confidentiality": _step(actions.pass_confidentiality_review),
    "return_confidentiality": _step(actions.return_item),
    "return_approval": _step(actions.return_item),
    "approve": _step(actions.approve_item),
    "schedule": _step(actions.approve_item),
    "publish_now": _step(actions.publish_now),
    "unschedule": _step(actions.unschedule_item),
    "withdraw": _step(actions.withdraw_item, comment_as="reason"),
}
DONE = {
    "submit": "已提交保密审查。",
    "pass_confidentiality": "保密审查已通过，已转领导审批。",
    "return_confidentiality": "已退回修改，经办人会收到通知。",
    "return_approval": "已退回修改，经办人会收到通知。",
    "approve": "已批准并发布。",
    "schedule": "已批准，将按定时发布时间自动发布。",
    "publish_now": "已立即发布。",
    "unschedule": "已取消定时发布，信息回到待领导审批。",
    "withdraw": "已撤回，该信息已从门户网站和检索中撤下。",
}


@staff_required
@require_POST
def item_act(request, pk: int, action: str):
    """Take one workflow step; the action checks the access policy and the state."""
    step = STEPS.get(action)
    if step is None:
        raise Http404("没有这一操作。")
    item = visible_item(request, pk)
    comment = request.POST.get("comment", "")
    try:
        step(fresh(item), request.user, comment, client_ip(request))
    except ItemInvalid as error:
        messages.error(request, "信息尚不完整，不能提交：" + error.message)
        return redirect("workbench:disclosure:item", pk=item.pk)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("workbench:disclosure:item", pk=item.pk)
    messages.success(request, DONE[action])
    return redirect("workbench:disclosure:item", pk=item.pk)


@staff_required
@require_http_methods(["GET", "POST"])
def item_correct(request, pk: int):
    """更正 a published item."""
    item = visible_item(request, pk)
    access.require(request.user, "disclosure.correct", item)
    form = CorrectionForm(
        request.POST or None, instance=item, user=request.user, department=item.department
    )
    if request.method == "POST" and form.is_valid():
        data = form.action_data()
        reason = data.pop("reason")
        try:
            actions.correct_item(
                fresh(item),
                actor=request.user,
                expected_version=form.cleaned_data["expected_version"],
                data=data,
                reason=reason,
                ip=client_ip(request),
            )
        except ItemInvalid as error:
            for field, message in error.errors.items():
                form.add_error(field if field in form.fields else None, message)
        except (StaleEdit, DomainError) as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "已更正，信息页面将显示本次变更记录。")
            return redirect("workbench:disclosure:item", pk=item.pk)
    return render(
        request,
        "disclosure/workbench/item_form.html",
        {
            "menu": menu(request.user),
            "department": current_department(request),
            "form": form,
            "item": item,
            "title": "更正已发布的信息",
            "correction": True,
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def item_validity(request, pk: int):
    """失效 / 废止 / 已修订 of a published normative document or rule."""
    item = visible_item(request, pk)
    access.require(request.user, "disclosure.change_validity", item)
    form = ValidityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.change_validity(
                fresh(item),
                actor=request.user,
                validity=data["validity"],
                on=data["on"],
                reason=data["reason"],
                replaced_by=data["replaced_by"],
                ip=client_ip(request),
            )
        except ItemInvalid as error:
            for field, message in error.errors.items():
                form.add_error(field if field in form.fields else None, message)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "有效性已变更。")
            return redirect("workbench:disclosure:item", pk=item.pk)
    return render(
        request,
        "disclosure/workbench/validity_form.html",
        {
            "menu": menu(request.user),
            "department": current_department(request),
            "form": form,
            "item": item,
        },
    )


QUEUES = {
    "confidentiality": (
        "disclosure.confidentiality_review",
        "待保密审查",
        "提交后等待保密审查的信息",
    ),
    "approval": ("disclosure.approve", "待领导审批", "保密审查通过、等待领导审批或定时发布的信息"),
}


@staff_required
@require_safe
def review_queue(request, queue: str):
    if queue not in QUEUES:
        raise Http404("没有这一审核队列。")
    permission, title, description = QUEUES[queue]
    access.require(request.user, permission)
    items = (
        access.scope(request.user, permission, InformationItem.objects.all())
        .select_related("department", "created_by", "subject")
        .order_by("updated_at", "id")
    )
    page = Paginator(items, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "disclosure/workbench/queue.html",
        {
            "menu": menu(request.user),
            "department": current_department(request),
            "page": page,
            "queue": queue,
            "title": title,
            "description": description,
        },
    )

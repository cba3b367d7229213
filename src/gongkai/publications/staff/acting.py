"""The actions on a gazette issue, through the kernel's staff action runner
(``gongkai.workbench.acting``): invalid input re-renders the page with the bound
form (status 400); a refusal because the issue moved on redirects with the message."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from gongkai import access
from gongkai.accounts.decorators import staff_required
from gongkai.workbench.acting import Desk

from .. import services
from ..flow import FLOW
from ..models import Gazette, Issue
from . import forms as f
from .pages import render_detail, visible_issue

DESK = Desk(
    noun="该期公报",
    detail="workbench:publications_staff:detail",
    state_label=lambda issue: FLOW.label(issue.state),
    fresh=lambda issue: Issue.objects.select_related("gazette__government").get(pk=issue.pk),
    render_detail=render_detail,
)


@staff_required
@require_POST
def create(request, gazette_id: int):
    gazette = get_object_or_404(Gazette, pk=gazette_id)
    access.require(request.user, "gazette.create", gazette)
    issue = services.create_issue(gazette, actor=request.user)
    messages.success(request, "已新建一期，请选定刊登的文件。")
    return redirect("workbench:publications_staff:detail", pk=issue.pk)


@staff_required
@require_POST
def place(request, pk: int):
    issue = visible_issue(request, pk)
    form = f.PlaceForm(request.POST, prefix="place")

    def call(data):
        item = services.item_numbered(data["index_number"])
        services.place(
            issue, item, data["section"], actor=request.user, acknowledge=data["acknowledge"]
        )
        return f"已将《{item.title}》编入“{data['section'].name}”。"

    return DESK.run(request, issue, permission="gazette.compile", label="编入文件", form=form,
                    key="place", call=call, anchor="contents")  # fmt: skip


@staff_required
@require_POST
def unplace(request, pk: int, placement_id: int):
    issue = visible_issue(request, pk)
    placement = get_object_or_404(issue.placements, pk=placement_id)

    def call(data):
        services.unplace(placement, actor=request.user)
        return f"已从本期移除《{placement.item.title}》。"

    return DESK.run(request, issue, permission="gazette.compile", label="移除文件",
                    form=f.ConfirmForm(request.POST), key="unplace", call=call)  # fmt: skip


@staff_required
@require_POST
def write_text(request, pk: int):
    issue = visible_issue(request, pk)
    form = f.TextForm(request.POST, prefix="text")

    def call(data):
        services.write_text(issue, data["section"], data["title"], data["text"], actor=request.user)
        return f"已添加“{data['title']}”。"

    return DESK.run(request, issue, permission="gazette.compile", label="编写内容", form=form,
                    key="text", call=call, anchor="contents")  # fmt: skip


@staff_required
@require_POST
def submit(request, pk: int):
    issue = visible_issue(request, pk)

    def call(data):
        services.submit(issue, actor=request.user)
        return "已送审。"

    return DESK.run(request, issue, permission="gazette.compile", label="送审",
                    form=f.ConfirmForm(request.POST, prefix="submit"), key="submit", call=call)  # fmt: skip


@staff_required
@require_POST
def send_back(request, pk: int):
    issue = visible_issue(request, pk)
    form = f.ReturnForm(request.POST, prefix="return")

    def call(data):
        services.send_back(issue, actor=request.user, comment=data["comment"])
        return "已退回修改。"

    return DESK.run(request, issue, permission="gazette.approve", label="退回修改", form=form,
                    key="return", call=call)  # fmt: skip


@staff_required
@require_POST
def publish(request, pk: int):
    issue = visible_issue(request, pk)
    form = f.PublishForm(request.POST, prefix="publish")

    def call(data):
        done = services.publish(issue, actor=request.user, on=data["on"])
        return f"已出版：{done.label}。"

    return DESK.run(request, issue, permission="gazette.approve", label="审核通过并出版",
                    form=form, key="publish", call=call)  # fmt: skip


@staff_required
@require_POST
def distribute(request, pk: int):
    issue = visible_issue(request, pk)

    def call(data):
        deliveries = services.distribute(issue, actor=request.user)
        return f"已按赠阅名单登记{sum(d.copies for d in deliveries)}册。"

    return DESK.run(request, issue, permission="gazette.distribute", label="登记赠阅",
                    form=f.ConfirmForm(request.POST, prefix="distribute"), key="distribute",
                    call=call)  # fmt: skip

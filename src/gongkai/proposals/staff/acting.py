"""The actions on an item (代表建议 / 政协提案), through the kernel's staff action runner
(``gongkai.workbench.acting``): invalid input re-renders the page with the bound form
(status 400), and a refusal because the item has moved on (a double post, a
colleague's click) redirects with the Chinese message."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.views.decorators.http import require_POST

from gongkai import access
from gongkai.accounts.decorators import staff_required
from gongkai.audit.services import client_ip
from gongkai.core.errors import DomainError
from gongkai.workbench.acting import Desk, add_errors

from .. import services
from ..flow import FLOW
from ..models import AssignmentRole, Proposal
from ..services.correcting import CORRECTABLE
from . import forms as f
from .common import visible_item
from .items import render_detail

DESK = Desk(
    noun="该件",
    detail="workbench:proposals_staff:detail",
    state_label=lambda item: FLOW.label(item.state),
    fresh=lambda item: Proposal.objects.select_related("session").get(pk=item.pk),
    render_detail=render_detail,
    moved_on=frozenset({"wrong_state", "stale_state", "done", "published", "duplicate"}),
)
back = DESK.back
run = DESK.run


def _lead_or_back(request, item):
    lead = item.lead_assignment()
    if lead is None:
        messages.error(request, "该件尚未交办。")
    return lead


@staff_required
@require_POST
def assign(request, pk: int):
    item = visible_item(request, pk)
    form = f.AssignForm(request.POST, session=item.session, prefix="assign")

    def call(data):
        services.assign(
            item,
            lead=data["lead"],
            joint=list(data["joint"]),
            assist=list(data["assist"]),
            actor=request.user,
            on=data["on"],
            complex=data["complex"],
            limit_months=data["limit_months"],
        )
        return f"已交办{data['lead'].name}主办，答复期限{item.due_date:%Y-%m-%d}。"

    return run(
        request,
        item,
        permission="proposals.assign",
        target=item,
        label="交办",
        form=form,
        key="assign",
        call=call,
    )


@staff_required
@require_POST
def reassign(request, pk: int):
    item = visible_item(request, pk)
    form = f.ReassignForm(request.POST, session=item.session, prefix="reassign")

    def call(data):
        services.reassign(
            item,
            lead=data["lead"],
            joint=list(data["joint"]),
            assist=list(data["assist"]),
            reason=data["reason"],
            actor=request.user,
            on=data["on"],
        )
        return f"已改由{data['lead'].name}主办，答复期限{item.due_date:%Y-%m-%d}。"

    return run(
        request,
        item,
        permission="proposals.reassign",
        target=item,
        label="改办",
        form=form,
        key="reassign",
        call=call,
    )


@staff_required
@require_POST
def correct(request, pk: int):
    """更正 of the imported text. Every refusal, including a colleague's save in between
    (stale version) or the letter having been sent meanwhile, is shown beside the form
    with the typed text kept (400), never as a redirect that would lose it."""
    item = visible_item(request, pk)
    permission = "proposals.correct"
    if not access.may_ever(request.user, permission, item):
        raise PermissionDenied(f"无权执行此操作：{access.RULES[permission].description}。")
    form = f.CorrectionForm(request.POST, instance=item, prefix="correct")
    if form.is_valid():
        data = form.cleaned_data
        try:
            changed = services.correct_text(
                item,
                actor=request.user,
                expected_version=data["expected_version"],
                reason=data["reason"],
                ip=client_ip(request),
                **{name: data[name] for name in CORRECTABLE},
            )
        except PermissionDenied:
            raise
        except DomainError as error:
            add_errors(form, getattr(error, "errors", None) or {None: error.message})
        else:
            labels = "、".join(str(Proposal._meta.get_field(n).verbose_name) for n in changed)
            messages.success(request, f"已更正{labels}。")
            return back(item)
    item.refresh_from_db()
    return render_detail(request, item, bound={"correct": form}, status=400)


@staff_required
@require_POST
def co_opinion(request, pk: int, assignment_id: int):
    item = visible_item(request, pk)
    assignment = (
        item.assignments.filter(pk=assignment_id, active=True)
        .exclude(role=AssignmentRole.LEAD)
        .first()
    )
    if assignment is None:
        messages.error(request, "该会办、协办任务不存在或已结束。")
        return back(item)
    form = f.CoOpinionForm(request.POST, prefix=f"co{assignment.pk}")

    def call(data):
        services.give_co_opinion(
            item,
            department=assignment.department,
            opinion=data["opinion"],
            actor=request.user,
            on=data["on"],
        )
        return "会办意见已送主办单位。"

    return run(
        request,
        item,
        permission="proposals.handle",
        target=assignment,
        label="提出会办意见",
        form=form,
        key=f"co:{assignment.pk}",
        call=call,
    )


@staff_required
@require_POST
def reply(request, pk: int):
    item = visible_item(request, pk)
    lead = _lead_or_back(request, item)
    if lead is None:
        return back(item)
    form = f.ReplyForm(request.POST, prefix="reply")

    def call(data):
        services.submit_reply(
            item,
            text=data["text"],
            grade=data["grade"],
            public=data["public"],
            not_public_reason=data["not_public_reason"],
            actor=request.user,
            on=data["on"],
        )
        return "答复函已送本单位负责人审签。"

    return run(
        request,
        item,
        permission="proposals.handle",
        target=lead,
        label="起草答复函",
        form=form,
        key="reply",
        call=call,
    )


@staff_required
@require_POST
def approve(request, pk: int):
    item = visible_item(request, pk)
    lead = _lead_or_back(request, item)
    if lead is None:
        return back(item)
    form = f.ApproveForm(request.POST, prefix="approve")

    def call(data):
        services.approve_reply(item, actor=request.user, on=data["on"], grade=data["grade"])
        return f"答复函已签发（{data['grade']}类）。"

    return run(
        request,
        item,
        permission="proposals.approve_reply",
        target=lead,
        label="审签答复函",
        form=form,
        key="approve",
        call=call,
    )


@staff_required
@require_POST
def return_reply(request, pk: int):
    item = visible_item(request, pk)
    lead = _lead_or_back(request, item)
    if lead is None:
        return back(item)
    form = f.ReturnReplyForm(request.POST, prefix="return")

    def call(data):
        services.return_reply(item, comment=data["comment"], actor=request.user)
        return "答复函已退回修改。"

    return run(
        request,
        item,
        permission="proposals.approve_reply",
        target=lead,
        label="退回答复函",
        form=form,
        key="return_reply",
        call=call,
    )


@staff_required
@require_POST
def satisfaction(request, pk: int):
    item = visible_item(request, pk)
    lead = _lead_or_back(request, item)
    if lead is None:
        return back(item)
    form = f.SatisfactionForm(request.POST, prefix="satisfaction")

    def call(data):
        services.record_satisfaction(
            item,
            satisfaction=data["satisfaction"],
            comment=data["comment"],
            actor=request.user,
            on=data["on"],
        )
        if item.state == "handling":
            return f"已登记不满意，转主办单位重新办理，期限{item.due_date:%Y-%m-%d}。"
        return "已登记满意度，该件办结。"

    return run(
        request,
        item,
        permission="proposals.record_satisfaction",
        target=lead,
        label="登记满意度",
        form=form,
        key="satisfaction",
        call=call,
    )


@staff_required
@require_POST
def visit(request, pk: int):
    item = visible_item(request, pk)
    form = f.VisitForm(request.POST, prefix="visit")

    def call(data):
        services.record_visit(item.session, actor=request.user, proposals=[item], **data)
        return "已登记现场督办。"

    return run(
        request,
        item,
        permission="proposals.record_visit",
        target=item.session,
        label="登记现场督办",
        form=form,
        key="visit",
        call=call,
    )


@staff_required
@require_POST
def publish_visit(request, pk: int, visit_id: int):
    item = visible_item(request, pk)
    found = item.visits.filter(pk=visit_id).first()
    if found is None:
        messages.error(request, "该次现场督办不存在。")
        return back(item)
    try:
        news = services.publish_visit(found, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, f"新闻稿《{news.title}》已提交审核，审核通过后在信息公开目录发布。"
        )
    return back(item)

"""反馈 (feedback): group the approved comments, decide on each group (采纳 / 部分采纳 /
未采纳 with the reason), decide on each entry of a call, and publish the report.

At the top, in words, what still stands between the round and its published
feedback (``services.problems``); publishing is refused while anything
remains, and the refusal lists it. Publishing is the leader's (审核人) step:
its form appears only for whom ``consultations.publish_feedback`` allows.
"""

from __future__ import annotations

from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from gongkai import access
from gongkai.accounts.decorators import staff_required
from gongkai.workbench.acting import Desk

from .. import services
from ..models import Comment, Consultation, Kind, Moderation, Outcome, Phase
from . import forms as f
from .common import phase_label, visible_consultation


def _groups(round):
    approved = Comment.objects.filter(moderation=Moderation.APPROVED).select_related("clause")
    return list(
        round.groups.select_related("clause", "confirmed_by")
        .prefetch_related(Prefetch("comments", queryset=approved.order_by("submitted_at", "id")))
        .annotate(n=Count("comments"))
        .order_by("position", "id")
    )


def group_stamp(group) -> str:
    return str(group.version)


def entry_stamp(entry) -> str:
    return str(entry.version)


def _approved_comments(round):
    return round.comments.filter(moderation=Moderation.APPROVED)


def render_feedback(request, consultation: Consultation, *, bound=None, status=200):
    bound = bound or {}
    user = request.user
    round = consultation.current_round()
    may_feedback = access.can(user, "consultations.feedback", consultation)
    may_publish = access.can(user, "consultations.publish_feedback", consultation)
    groups = _groups(round)
    approved = _approved_comments(round)
    ungrouped = list(approved.filter(group=None).select_related("clause").order_by("submitted_at"))
    group_rows = []
    for group in groups:
        initial = {
            "title": group.title,
            "outcome": group.outcome,
            "reason": group.reason,
            "seen": group_stamp(group),
        }
        group_rows.append(
            {
                "group": group,
                "form": bound.get(f"group:{group.pk}")
                or f.GroupForm(prefix=f"g{group.pk}", initial=initial),
            }
        )
    entry_rows = []
    report = None
    if consultation.kind == Kind.CALL:
        report = services.report(round)
        for entry in report.entries:
            entry_rows.append(
                {
                    "entry": entry,
                    "form": bound.get(f"entry:{entry.pk}")
                    or f.EntryDecisionForm(
                        prefix=f"e{entry.pk}",
                        initial={
                            "outcome": entry.outcome,
                            "reason": entry.reason,
                            "seen": entry_stamp(entry),
                        },
                    ),
                }
            )
    context = {
        "consultation": consultation,
        "round": round,
        "phase_label": phase_label(consultation),
        "published": round.feedback_published_at is not None,
        "problems": services.problems(round, timezone.now())
        if round.feedback_published_at is None
        else [],
        "group_rows": group_rows,
        "ungrouped": ungrouped,
        "entry_rows": entry_rows,
        "is_call": consultation.kind == Kind.CALL,
        "may_feedback": may_feedback,
        "may_publish": may_publish,
        "new_group_form": bound.get("new_group") or f.NewGroupForm(prefix="new"),
        "move_form": bound.get("move") or f.MoveForm(prefix="move", comments=[], groups=groups),
        "merge_form": bound.get("merge") or f.MergeForm(prefix="merge", groups=groups),
        "publish_form": bound.get("publish") or f.PublishFeedbackForm(prefix="publish"),
        # refusals of the forms without fields of their own (suggest, delete)
        "other_errors": [
            error
            for key in ("suggest", "delete")
            if key in bound
            for error in bound[key].non_field_errors()
        ],
        "moved": set(bound["move"].data.getlist("move-comments")) if "move" in bound else set(),
        "period_over": consultation.state in (Phase.CLOSED, Phase.VOTING, Phase.FEEDBACK),
        "outcomes": Outcome.choices,
        "approved_count": approved.count(),
    }
    return render(request, "consultations/staff/feedback.html", context, status=status)


@staff_required
@require_safe
def feedback(request, pk: int):
    return render_feedback(request, visible_consultation(request, pk))


FEEDBACK_DESK = Desk(
    noun="这项意见征集",
    detail="workbench:consultations_staff:feedback",
    state_label=phase_label,
    fresh=lambda consultation: consultation,
    render_detail=lambda request, consultation, **kwargs: render_feedback(
        request, consultation, **kwargs
    ),
    moved_on=frozenset(),
    state_word="阶段",
)


def _act(
    request,
    consultation,
    *,
    key,
    form,
    call,
    label="归类意见",
    anchor="",
    permission="consultations.feedback",
):
    return FEEDBACK_DESK.run(
        request,
        consultation,
        permission=permission,
        label=label,
        form=form,
        call=call,
        anchor=anchor,
        key=key,
    )


@staff_required
@require_POST
def suggest(request, pk: int):
    consultation = visible_consultation(request, pk)

    def call(_data):
        count = services.suggest_groups(consultation, actor=request.user)
        if not count:
            return "没有需要归类的意见：已审核通过的意见都已在确认的归类中。"
        return f"已按相似度建议{count}个归类，请逐个核对、确认并填写采纳情况。"

    return _act(
        request,
        consultation,
        key="suggest",
        form=f.DeleteGroupForm(request.POST),
        call=call,
        anchor="groups-heading",
    )


@staff_required
@require_POST
def create_group(request, pk: int):
    consultation = visible_consultation(request, pk)

    def call(data):
        title = data["title"].strip()
        if consultation.current_round().groups.filter(title=title).exists():
            # a second click on the same form, or a colleague's group of the same name
            return f"已有归类“{title}”，未重复新建。"
        group = services.create_group(consultation, title, actor=request.user)
        return f"已新建归类“{group.title}”，请把意见移入。"

    return _act(
        request,
        consultation,
        key="new_group",
        form=f.NewGroupForm(request.POST, prefix="new"),
        call=call,
        anchor="groups-heading",
    )


def _group(consultation, group_id):
    return get_object_or_404(consultation.current_round().groups, pk=group_id)


@staff_required
@require_POST
def decide_group(request, pk: int, group_id: int):
    consultation = visible_consultation(request, pk)
    group = _group(consultation, group_id)
    form = f.GroupForm(request.POST, prefix=f"g{group.pk}")

    def call(data):
        form.check_seen(group_stamp(group))
        services.decide_group(
            group,
            title=data["title"],
            outcome=data["outcome"],
            reason=data["reason"],
            actor=request.user,
            expected_version=form.seen_version(),
        )
        return f"已确认归类“{data['title']}”：{Outcome(data['outcome']).label}。"

    return _act(
        request,
        consultation,
        key=f"group:{group.pk}",
        form=form,
        call=call,
        anchor=f"group-{group.pk}",
    )


@staff_required
@require_POST
def delete_group(request, pk: int, group_id: int):
    consultation = visible_consultation(request, pk)
    group = _group(consultation, group_id)

    def call(_data):
        title = group.title
        services.delete_group(group, actor=request.user)
        return f"已删除归类“{title}”，其中的意见回到“未归类”。"

    return _act(
        request,
        consultation,
        key="delete",
        form=f.DeleteGroupForm(request.POST),
        call=call,
        anchor="groups-heading",
    )


@staff_required
@require_POST
def move(request, pk: int):
    consultation = visible_consultation(request, pk)
    round = consultation.current_round()
    groups = list(round.groups.all())
    form = f.MoveForm(
        request.POST, prefix="move", comments=_approved_comments(round), groups=groups
    )

    def call(data):
        target = None
        if data["target"] != f.MoveForm.UNGROUP:
            target = next(g for g in groups if str(g.pk) == data["target"])
        moved = services.move_comments(consultation, data["comments"], target, actor=request.user)
        where = f"“{target.title}”" if target else "“未归类”"
        return f"已将{moved}条意见移至{where}。"

    return _act(request, consultation, key="move", form=form, call=call, anchor="groups-heading")


@staff_required
@require_POST
def merge(request, pk: int):
    consultation = visible_consultation(request, pk)
    groups = list(consultation.current_round().groups.all())
    form = f.MergeForm(request.POST, prefix="merge", groups=groups)

    def call(data):
        into = next(g for g in groups if g.pk == data["into"])
        services.merge_groups(consultation, data["groups"], into, actor=request.user)
        return f"已合并到“{into.title}”。合并后的归类请重新核对采纳情况。"

    return _act(request, consultation, key="merge", form=form, call=call, anchor="groups-heading")


@staff_required
@require_POST
def decide_entry(request, pk: int, entry_id: int):
    consultation = visible_consultation(request, pk)
    entry = get_object_or_404(
        consultation.current_round().entries.filter(moderation=Moderation.APPROVED), pk=entry_id
    )

    form = f.EntryDecisionForm(request.POST, prefix=f"e{entry.pk}")

    def call(data):
        form.check_seen(entry_stamp(entry))
        services.decide_entry(
            entry,
            outcome=data["outcome"],
            reason=data["reason"],
            actor=request.user,
            expected_version=form.seen_version(),
        )
        return f"已保存作品“{entry.title}”的采纳情况：{Outcome(data['outcome']).label}。"

    return _act(
        request,
        consultation,
        key=f"entry:{entry.pk}",
        form=form,
        call=call,
        anchor=f"entry-{entry.pk}",
    )


@staff_required
@require_POST
def publish_feedback(request, pk: int):
    consultation = visible_consultation(request, pk)

    def call(data):
        services.publish_feedback(consultation, data["summary"], actor=request.user)
        return "反馈已发布，已通知留下手机号码或电子邮箱的参与者。"

    return _act(
        request,
        consultation,
        key="publish",
        form=f.PublishFeedbackForm(request.POST, prefix="publish"),
        call=call,
        label="发布反馈",
        permission="consultations.publish_feedback",
    )

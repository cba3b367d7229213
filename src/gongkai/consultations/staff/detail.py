"""A consultation's page in the workbench: what it is, its phase and period, the current
round's clauses (what the public comments on), what changed since the last round, the
forms of exactly the actions the person may take now (发布, 调整截止时间, 新一轮,
安排投票), links to moderation and feedback, and the audit trail."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from gongkai import access
from gongkai.accounts.decorators import staff_required
from gongkai.workbench.acting import Desk
from gongkai.workflow import timeline

from .. import clauses as clause_text
from .. import services
from ..models import Consultation, Kind, Moderation
from ..services.common import last_day, period_text
from . import forms as f
from .common import phase_label, visible_consultation


def allowed(user, consultation: Consultation) -> dict[str, bool]:
    """The actions the person may take now (access rule and the kind of consultation)."""

    def can(action):
        return access.can(user, action, consultation)

    return {
        "edit": can("consultations.edit"),
        "publish": can("consultations.publish"),
        "extend": can("consultations.extend"),
        "new_round": consultation.kind == Kind.DRAFT and can("consultations.new_round"),
        "vote": consultation.kind == Kind.CALL and can("consultations.shortlist"),
        "moderate": can("consultations.moderate"),
        "feedback": can("consultations.feedback"),
        "publish_feedback": can("consultations.publish_feedback"),
    }


def _approved_entries(round):
    return round.entries.filter(moderation=Moderation.APPROVED).order_by("submitted_at", "id")


def _initial_forms(consultation, round, can) -> dict:
    forms = {"publish": f.PublishForm(prefix="publish")}
    if can["edit"]:
        forms["attach"] = f.AttachForm(prefix="attach")
    if can["extend"]:
        forms["extend"] = f.ExtendForm(
            prefix="extend", initial={"closes_on": last_day(round.closes_at)}
        )
    if can["new_round"]:
        forms["new_round"] = f.NewRoundForm(
            prefix="round",
            initial={"draft_text": clause_text.joined(round.clauses.all())},
        )
    if can["vote"]:
        opens_on = max(timezone.localdate(), last_day(round.closes_at))
        forms["vote"] = f.VoteForm(
            prefix="vote", entries=_approved_entries(round), initial={"opens_on": opens_on}
        )
    return forms


def render_detail(request, consultation: Consultation, *, bound=None, status=200):
    user = request.user
    round = consultation.current_round()
    can = allowed(user, consultation)
    forms = _initial_forms(consultation, round, can)
    forms.update(bound or {})
    rounds = sorted(consultation.rounds.all(), key=lambda r: r.number)
    clauses = list(round.clauses.all())
    changes = None
    if len(rounds) > 1:
        previous = list(rounds[-2].clauses.all())
        changes = [c for c in clause_text.changes(previous, clauses) if c.kind != "same"]
    counts = {
        "comments": round.comments.count(),
        "pending": round.comments.filter(moderation=Moderation.PENDING).count()
        + round.entries.filter(moderation=Moderation.PENDING).count(),
        "entries": round.entries.count(),
    }
    context = {
        "consultation": consultation,
        "round": round,
        "rounds": rounds,
        "phase": consultation.state,
        "phase_label": phase_label(consultation),
        "period": period_text(round.opens_at, round.closes_at),
        "vote_period": period_text(round.vote_opens_at, round.vote_closes_at)
        if round.vote_opens_at and round.vote_closes_at
        else "",
        "clauses": clauses,
        "files": list(round.files.select_related("file")),
        "changes": changes,
        "counts": counts,
        "can": can,
        "forms": forms,
        "shortlisted": round.entries.filter(shortlisted=True).order_by("ballot_number")
        if consultation.kind == Kind.CALL
        else [],
        "timeline": timeline.of(consultation),
        "is_draft_kind": consultation.kind == Kind.DRAFT,
        "today": timezone.localdate(),
    }
    return render(request, "consultations/staff/detail.html", context, status=status)


@staff_required
@require_safe
def detail(request, pk: int):
    return render_detail(request, visible_consultation(request, pk))


# Actions on the consultation page, through the kernel's staff action runner. A refusal is
# always shown beside its form: no consultation refusal means "someone already acted".
DESK = Desk(
    noun="这项意见征集",
    detail="workbench:consultations_staff:detail",
    state_label=phase_label,
    fresh=lambda consultation: consultation,
    render_detail=render_detail,
    moved_on=frozenset(),
    state_word="阶段",
)


@staff_required
@require_POST
def publish(request, pk: int):
    consultation = visible_consultation(request, pk)

    def call(_data):
        services.publish(consultation, actor=request.user)
        return "已发布。公众自征集期开始之日起可以提出意见。"

    return DESK.run(
        request,
        consultation,
        permission="consultations.publish",
        label="发布",
        form=f.PublishForm(request.POST, prefix="publish"),
        call=call,
        key="publish",
    )


@staff_required
@require_POST
def extend(request, pk: int):
    consultation = visible_consultation(request, pk)

    def call(data):
        services.extend(consultation, data["closes_on"], actor=request.user, reason=data["reason"])
        return f"截止日期已调整为{data['closes_on']:%Y年%m月%d日}24时。"

    return DESK.run(
        request,
        consultation,
        permission="consultations.extend",
        label="调整截止时间",
        form=f.ExtendForm(request.POST, prefix="extend"),
        call=call,
        key="extend",
    )


@staff_required
@require_POST
def new_round(request, pk: int):
    consultation = visible_consultation(request, pk)

    def call(data):
        round = services.open_new_round(
            consultation,
            draft_text=data["draft_text"],
            changes_note=data["changes_note"],
            opens_on=data["opens_on"],
            closes_on=data["closes_on"],
            actor=request.user,
        )
        return f"第{round.number}轮征求意见已安排，修改稿的条款见下方。"

    return DESK.run(
        request,
        consultation,
        permission="consultations.new_round",
        label="开始新一轮征求意见",
        form=f.NewRoundForm(request.POST, prefix="round"),
        call=call,
        anchor="clauses-heading",
        key="new_round",
    )


@staff_required
@require_POST
def schedule_vote(request, pk: int):
    consultation = visible_consultation(request, pk)
    round = consultation.current_round()

    def call(data):
        services.schedule_vote(
            consultation,
            data["entries"],
            opens_on=data["opens_on"],
            closes_on=data["closes_on"],
            actor=request.user,
        )
        return f"已安排投票：{len(data['entries'])}件作品入围。"

    return DESK.run(
        request,
        consultation,
        permission="consultations.shortlist",
        label="安排投票",
        form=f.VoteForm(request.POST, prefix="vote", entries=_approved_entries(round)),
        call=call,
        anchor="vote-heading",
        key="vote",
    )

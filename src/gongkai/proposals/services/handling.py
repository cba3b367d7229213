"""The units' steps: co-handlers' opinions, the reply letter (答复函) and its approval."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai import access
from gongkai.core.errors import DomainError, InvalidFields
from gongkai.workdays.clocks import complete_clock
from gongkai.workflow import timeline

from .. import indexing
from ..flow import FLOW
from ..models import Assignment, AssignmentRole, Grade, Proposal, ReplyLetter, ReplyState
from .common import audit, check_date, clock, notify_handlers, notify_leaders, notify_office, today

REPLY_MIN = 50


def lead_assignment(proposal: Proposal) -> Assignment:
    found = proposal.lead_assignment()
    if found is None:
        raise DomainError("该件尚未交办。", code="not_assigned")
    return found


def give_co_opinion(
    proposal: Proposal, *, department, opinion: str, actor, on: date | None = None
) -> Assignment:
    """A 会办 / 协办 unit sends its opinion to the lead unit (once; the clock is then met)."""
    assignment = (
        proposal.assignments.filter(active=True, department=department)
        .exclude(role=AssignmentRole.LEAD)
        .first()
    )
    if assignment is None:
        raise DomainError(f"{department.name}不是该件的会办或协办单位。", code="not_co")
    access.require(actor, "proposals.handle", assignment)
    opinion = (opinion or "").strip()
    if len(opinion) < 10:
        raise DomainError("请填写会办意见（至少10个字）。", code="opinion")
    on = on or today()
    check_date(on, not_before=assignment.assigned_on, what="交办日期")
    with transaction.atomic():
        locked = Assignment.objects.select_for_update().get(pk=assignment.pk)
        if locked.opinion:
            raise DomainError(
                f"{department.name}已于{locked.opinion_on:%Y-%m-%d}提出意见。", code="done"
            )
        Assignment.objects.filter(pk=assignment.pk).update(
            opinion=opinion, opinion_on=on, opinion_by=actor
        )
        opinion_clock = clock(proposal, f"opinion:{assignment.pk}")
        if opinion_clock is not None and not opinion_clock.is_finished:
            complete_clock(opinion_clock, on=on, actor=actor)
        audit(proposal, "co_opinion", actor=actor, after={"department": department.pk, "on": on})
        timeline.add(
            proposal,
            "co_opinion",
            f"{assignment.get_role_display()}意见",
            workflow=FLOW.name,
            on=on,
            text=opinion,
            actor=actor,
            department=department,
        )
        notify_handlers(
            proposal,
            proposal.lead_department,
            f"{assignment.get_role_display()}意见",
            f"{department.name}已提出{assignment.get_role_display()}意见。",
        )
    assignment.refresh_from_db()
    return assignment


def _check_reply(text: str, grade: str, public: bool, not_public_reason: str) -> dict[str, str]:
    errors = {}
    if len((text or "").strip()) < REPLY_MIN:
        errors["text"] = f"答复函正文至少{REPLY_MIN}个字。"
    if grade not in Grade.values:
        errors["grade"] = "请选择办理结果分类（A、B、C、D类）。"
    if not public and not (not_public_reason or "").strip():
        errors["not_public_reason"] = "答复函不公开的，请说明理由（如含有不宜公开的内容）。"
    return errors


class ReplyInvalid(InvalidFields):
    """Refused field by field; the message joins the fields' messages."""


def submit_reply(
    proposal: Proposal,
    *,
    text: str,
    grade: str,
    actor,
    public: bool = True,
    not_public_reason: str = "",
    on: date | None = None,
) -> ReplyLetter:
    """The lead unit drafts the reply letter, graded, and sends it to its leader to sign."""
    lead = lead_assignment(proposal)
    errors = _check_reply(text, grade, public, not_public_reason)
    if errors:
        raise ReplyInvalid(errors)
    on = on or today()
    check_date(on, not_before=lead.assigned_on, what="交办日期")
    with transaction.atomic():
        FLOW.apply(proposal, "submit_reply", actor=actor, access_object=lead, on=on)
        reply = ReplyLetter.objects.create(
            proposal=proposal,
            round=proposal.round,
            department=lead.department,
            text=text.strip(),
            grade=grade,
            public=public,
            not_public_reason="" if public else not_public_reason.strip(),
            drafted_by=actor,
            drafted_on=on,
        )
        notify_leaders(proposal, lead.department, "答复函待审签", f"办理结果拟为{grade}类。")
    return reply


def return_reply(proposal: Proposal, *, comment: str, actor, on: date | None = None) -> ReplyLetter:
    lead = lead_assignment(proposal)
    reply = proposal.current_reply()
    on = on or today()
    check_date(on, not_before=reply.drafted_on, what="答复函送审日期")
    with transaction.atomic():
        FLOW.apply(
            proposal, "return_reply", actor=actor, comment=comment, access_object=lead, on=on
        )
        ReplyLetter.objects.filter(pk=reply.pk).update(
            state=ReplyState.RETURNED, return_comment=comment.strip()
        )
        notify_handlers(proposal, lead.department, "答复函被退回修改", comment.strip())
    reply.refresh_from_db()
    return reply


def approve_reply(
    proposal: Proposal, *, actor, on: date | None = None, grade: str | None = None
) -> ReplyLetter:
    """The unit's leader signs the letter; it is sent (答复) on ``on`` and the item graded.

    The leader may change the grade when signing.
    """
    lead = lead_assignment(proposal)
    reply = proposal.current_reply()
    if reply is None or reply.state != ReplyState.APPROVAL:
        raise DomainError("没有待审签的答复函。", code="no_reply")
    if grade is not None and grade not in Grade.values:
        raise DomainError("请选择办理结果分类（A、B、C、D类）。", code="grade")
    grade = grade or reply.grade
    on = on or today()
    check_date(on, not_before=reply.drafted_on, what="起草日期")
    on_time = proposal.due_date is None or on <= proposal.due_date
    with transaction.atomic():
        FLOW.apply(
            proposal,
            "approve_reply",
            actor=actor,
            access_object=lead,
            on=on,
            changes={
                "grade": grade,
                "replied_on": on,
                "replied_on_time": on_time,
                "satisfaction": "",
            },
        )
        ReplyLetter.objects.filter(pk=reply.pk).update(
            state=ReplyState.SENT, approved_by=actor, sent_on=on, grade=grade
        )
        reply_clock = clock(proposal, f"reply:{proposal.round}")
        if reply_clock is not None and not reply_clock.is_finished:
            complete_clock(reply_clock, on=max(on, reply_clock.counting_from), actor=actor)
        notify_office(
            proposal, "答复函已签发", f"{lead.department.name}已答复（{grade}类），请征询满意度。"
        )
        indexing.schedule(proposal)  # a public letter is found by the site search
    reply.refresh_from_db()
    return reply

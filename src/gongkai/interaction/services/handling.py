"""The lead department's steps: sign for, return a misrouted message, extension, reply draft;
and the co-handlers' opinions."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai import access
from gongkai.core.concurrency import claim_version
from gongkai.core.dates import cn_date
from gongkai.core.errors import DomainError
from gongkai.workdays import extensions
from gongkai.workdays.clocks import complete_clock, stop_clock
from gongkai.workdays.extensions import ExtensionRules
from gongkai.workdays.models import Clock, ExtensionRequest

from ..flow import FLOW
from ..models import Assignment, AssignmentRole, Message, StepKind
from .common import add_step, audit, check_date, notify_department, notify_office, rules_for, today

REPLY_MIN = 20


def lead_assignment(message: Message) -> Assignment:
    found = message.lead_assignment()
    if found is None:
        raise DomainError("该留言尚未交办。", code="not_assigned")
    return found


def _clock(message: Message, stage: str) -> Clock | None:
    return Clock.objects.for_subject(message).filter(stage=stage).first()


def sign(message: Message, *, actor, on: date | None = None) -> Message:
    lead = lead_assignment(message)
    on = on or today()
    check_date(on, not_before=lead.assigned_on, what="交办日期")
    with transaction.atomic():
        FLOW.apply(message, "sign", actor=actor, access_object=lead)
        Assignment.objects.filter(pk=lead.pk).update(signed_on=on)
        sign_for = _clock(message, f"sign_for:{lead.pk}")
        if sign_for is not None and not sign_for.is_finished:
            complete_clock(sign_for, on=on, actor=actor)
        add_step(
            message,
            StepKind.SIGNED,
            on=on,
            text=f"{lead.department.name}签收。",
            actor=actor,
            department=lead.department,
        )
    return message


def return_misrouted(message: Message, *, reason: str, actor, on: date | None = None) -> Message:
    """交办有误: back to triage with a reason, within the return window (default 2 working days)."""
    lead = lead_assignment(message)
    on = on or today()
    if on > lead.return_by:
        raise DomainError(
            f"交办有误的，应在交办后{rules_for(message).return_days}个工作日内（{cn_date(lead.return_by)}前）退回；"
            "已经超过，请按时办理，或与受理办公室协商。",
            code="return_late",
        )
    with transaction.atomic():
        FLOW.apply(
            message,
            "return_misrouted",
            actor=actor,
            comment=reason,
            access_object=lead,
            changes={"lead_department": None},
        )
        for assignment in message.assignments.filter(active=True):
            Assignment.objects.filter(pk=assignment.pk).update(active=False)
        Assignment.objects.filter(pk=lead.pk).update(returned_on=on, return_reason=reason.strip())
        for clock in Clock.objects.for_subject(message).open():
            stop_clock(
                clock, on=max(on, clock.counting_from), reason="交办有误，已退回", actor=actor
            )
        add_step(
            message,
            StepKind.RETURNED,
            on=on,
            text=f"{lead.department.name}退回：{reason.strip()}",
            public=False,
            actor=actor,
            department=lead.department,
        )
        audit(message, "return_misrouted", actor=actor, after={"department": lead.department_id})
        notify_office(
            message, "留言被退回，请重新交办", f"{lead.department.name}：{reason.strip()}"
        )
    return message


def give_co_opinion(message: Message, *, department, opinion: str, actor) -> Assignment:
    assignment = message.assignments.filter(
        active=True, role=AssignmentRole.CO, department=department
    ).first()
    if assignment is None:
        raise DomainError("该部门不是本留言的协办单位。", code="not_co")
    access.require(actor, "messages.co_handle", assignment)
    if not (opinion or "").strip():
        raise DomainError("请填写协办意见。", code="opinion")
    with transaction.atomic():
        Assignment.objects.filter(pk=assignment.pk).update(opinion=opinion.strip())
        add_step(
            message,
            StepKind.NOTE,
            text=f"{department.name}协办意见：{opinion.strip()}",
            public=False,
            actor=actor,
            department=department,
        )
        notify_department(
            message, message.lead_department, "协办意见", f"{department.name}已提出协办意见。"
        )
    assignment.refresh_from_db()
    return assignment


def request_extension(message: Message, *, days: int, reason: str, actor) -> ExtensionRequest:
    """The lead department asks to extend the reply clock (once per message)."""
    lead_assignment(message)
    clock = message.reply_clock()
    if clock is None:  # pragma: no cover - an assigned message always has a reply clock
        raise DomainError("该留言尚未交办。", code="not_assigned")
    return extensions.request_extension(clock, days=days, reason=reason, actor=actor)


def decide_extension(
    request: ExtensionRequest, *, approve: bool, actor, comment: str = ""
) -> ExtensionRequest:
    """The board's office approves (the reply clock is extended) or refuses."""
    return extensions.decide_extension(request, approve=approve, actor=actor, comment=comment)


def _once_per_message(message: Message, clock: Clock, days: int) -> None:
    if ExtensionRequest.objects.for_subject(message).exclude(approved=False).exists():
        raise DomainError("每件留言只能申请延期一次。", code="extension_once")


def _requested(request: ExtensionRequest, message: Message, actor) -> None:
    add_step(
        message,
        StepKind.EXTENSION,
        text=f"申请延期{request.days}个工作日：{request.reason}",
        public=False,
        actor=actor,
    )
    notify_office(message, "留言延期申请待审批", f"申请延期{request.days}个工作日。")


def _decided(request: ExtensionRequest, message: Message, clock: Clock, actor) -> None:
    if request.approved:
        text = (
            f"同意延期{request.days}个工作日，答复期限至{cn_date(clock.due_date)}。"
            if clock.due_date
            else f"同意延期{request.days}个工作日。"
        )
    else:
        text = f"不同意延期：{request.comment}"
    add_step(message, StepKind.EXTENSION, text=text, public=bool(request.approved), actor=actor)
    notify_department(message, message.lead_department, "延期申请已审批", text)


def register_extension_rules() -> None:
    extensions.register_extension_rules(
        Message,
        ExtensionRules(
            request_permission="messages.handle",
            decide_permission="messages.approve_extension",
            audit_prefix="interaction",
            what="答复期限",
            request_object=lead_assignment,
            check=_once_per_message,
            requested=_requested,
            decided=_decided,
        ),
    )


def submit_reply(message: Message, *, text: str, actor, expected_version: int) -> Message:
    lead = lead_assignment(message)
    text = (text or "").strip()
    if len(text) < REPLY_MIN:
        raise DomainError(
            f"答复内容至少{REPLY_MIN}个字，请写明办理情况和结果。", code="reply_short"
        )
    with transaction.atomic():
        FLOW.check(message, "submit_reply", actor, access_object=lead)
        claim_version(message, expected_version)
        FLOW.apply(
            message,
            "submit_reply",
            actor=actor,
            access_object=lead,
            changes={"reply_text": text, "version": message.version},
        )
        add_step(
            message,
            StepKind.REPLY_SUBMITTED,
            text="答复已提交受理办公室审核。",
            public=False,
            actor=actor,
            department=lead.department,
        )
        notify_office(message, "留言答复待审核", message.subject)
    return message

"""The lead department's steps: sign for, return a misrouted message, extension, reply draft;
and the co-handlers' opinions."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from gongkai import access
from gongkai.core.concurrency import claim_version
from gongkai.core.dates import cn_date
from gongkai.core.errors import DomainError
from gongkai.workdays.clocks import complete_clock, extend_clock, stop_clock
from gongkai.workdays.models import Clock

from ..flow import FLOW
from ..models import Assignment, AssignmentRole, ExtensionRequest, Message, StepKind
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
    lead = lead_assignment(message)
    access.require(actor, "messages.handle", lead)
    rules = rules_for(message)
    if ExtensionRequest.objects.filter(message=message).exclude(approved=False).exists():
        raise DomainError("每件留言只能申请延期一次。", code="extension_once")
    if not 1 <= int(days) <= rules.extension_max_days:
        raise DomainError(f"延期为1至{rules.extension_max_days}个工作日。", code="days")
    if not (reason or "").strip():
        raise DomainError("请写明延期理由。", code="reason")
    with transaction.atomic():
        request = ExtensionRequest.objects.create(
            message=message, days=days, reason=reason.strip(), requested_by=actor
        )
        add_step(
            message,
            StepKind.EXTENSION,
            text=f"申请延期{days}个工作日：{reason.strip()}",
            public=False,
            actor=actor,
        )
        notify_office(message, "留言延期申请待审批", f"申请延期{days}个工作日。")
    return request


def decide_extension(
    request: ExtensionRequest, *, approve: bool, actor, comment: str = ""
) -> ExtensionRequest:
    message = request.message
    access.require(actor, "messages.approve_extension", message)
    if not approve and not comment.strip():
        raise DomainError("不同意延期的，请填写意见。", code="comment")
    with transaction.atomic():
        if not ExtensionRequest.objects.filter(pk=request.pk, approved__isnull=True).update(
            approved=approve, decided_by=actor, decided_at=timezone.now(), comment=comment.strip()
        ):
            raise DomainError("该延期申请已经审批。", code="decided")
        if approve:
            clock = extend_clock(
                message.reply_clock(), days=request.days, reason=request.reason, approver=actor
            )
            text = (
                f"同意延期{request.days}个工作日，答复期限至{cn_date(clock.due_date)}。"
                if clock.due_date
                else f"同意延期{request.days}个工作日。"
            )
        else:
            text = f"不同意延期：{comment.strip()}"
        add_step(message, StepKind.EXTENSION, text=text, public=approve, actor=actor)
        audit(message, "decide_extension", actor=actor, after={"approved": approve})
        notify_department(message, message.lead_department, "延期申请已审批", text)
    request.refresh_from_db()
    return request


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

"""受理 and 交办 by the board's office: release held messages, refuse, merge duplicates, assign."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from gongkai.core.errors import DomainError
from gongkai.core.pagecache import content_changed
from gongkai.workdays import add_working_days
from gongkai.workdays.clocks import start_clock

from ..flow import FLOW
from ..models import Assignment, AssignmentRole, Message, MessageState, RefusalReason, StepKind
from .common import add_step, audit, check_date, notify_department, notify_writer, rules_for, today


def release(message: Message, *, actor) -> Message:
    with transaction.atomic():
        FLOW.apply(message, "release", actor=actor, changes={"hold_reason": ""})
        add_step(
            message, StepKind.RELEASED, text="人工核查通过，转入受理。", public=False, actor=actor
        )
    return message


def refuse(message: Message, *, reason: RefusalReason, actor, note: str = "") -> Message:
    """不予受理 with a reason from the acceptance scope; the writer is told why."""
    if reason.is_duplicate:
        raise DomainError("重复留言请使用“合并重复留言”，并指明原留言。", code="use_merge")
    text = f"{reason.explanation}{('（' + note.strip() + '）') if note.strip() else ''}"
    with transaction.atomic():
        FLOW.apply(
            message,
            "refuse",
            actor=actor,
            comment=text,
            changes={"refusal_reason": reason, "refusal_note": note.strip()},
        )
        add_step(message, StepKind.REFUSED, text=f"不予受理：{reason.name}。{text}", actor=actor)
        notify_writer(message, "留言不予受理", f"您的留言不予受理：{reason.name}")
    return message


def merge(message: Message, *, original: Message, actor) -> Message:
    """A duplicate of ``original``: linked to it, and the writer is pointed at it."""
    if original.pk == message.pk:
        raise DomainError("不能与自身合并。", code="merge_self")
    if original.state in (MessageState.REFUSED, MessageState.MERGED):
        raise DomainError(
            "原留言已不予受理或已合并，请选择正在办理或已答复的留言。", code="merge_target"
        )
    reason = RefusalReason.objects.filter(is_duplicate=True).first()
    with transaction.atomic():
        FLOW.apply(
            message,
            "merge",
            actor=actor,
            changes={"duplicate_of": original, "refusal_reason": reason},
        )
        add_step(
            message,
            StepKind.MERGED,
            text=f"与留言 {original.query_code}（{original.subject}）反映的问题相同，合并办理，请查看该留言的办理结果。",
            actor=actor,
        )
        notify_writer(message, "留言已合并办理", f"您的留言与{original.query_code}合并办理")
    return message


def assign(message: Message, *, lead, actor, co=(), on: date | None = None) -> Message:
    """交办: one lead department (主办) and optional co-handling departments (协办)."""
    on = on or today()
    check_date(on, not_before=timezone.localtime(message.submitted_at).date(), what="留言日期")
    co = [d for d in co if d.pk != lead.pk]
    if not lead.active or any(not d.active for d in co):
        raise DomainError("不能交办给已停用的部门。", code="inactive")
    rules = rules_for(message)
    return_by = add_working_days(on, rules.return_days)
    with transaction.atomic():
        FLOW.apply(
            message,
            "assign",
            actor=actor,
            changes={"lead_department": lead, "accepted_at": message.accepted_at or timezone.now()},
        )
        lead_row = Assignment.objects.create(
            message=message,
            department=lead,
            role=AssignmentRole.LEAD,
            assigned_on=on,
            assigned_by=actor,
            return_by=return_by,
        )
        for d in co:
            Assignment.objects.create(
                message=message,
                department=d,
                role=AssignmentRole.CO,
                assigned_on=on,
                assigned_by=actor,
                return_by=return_by,
            )
        url = f"/workbench/messages/{message.pk}/"
        start_clock(
            message,
            stage=f"sign_for:{lead_row.pk}",
            label=f"签收留言 {message.query_code}",
            department=lead,
            start_date=on,
            limit_days=rules.sign_for_days,
            url=url,
            actor=actor,
        )
        start_clock(
            message,
            stage=f"reply:{lead_row.pk}",
            label=f"答复留言 {message.query_code}（{message.message_type.name}）",
            department=lead,
            start_date=on,
            limit_days=message.message_type.reply_limit_days,
            max_extensions=1,
            max_extension_days=rules.extension_max_days,
            url=url,
            actor=actor,
        )
        names = "、".join(d.name for d in co)
        add_step(
            message,
            StepKind.ASSIGNED,
            on=on,
            text=f"交办{lead.name}主办" + (f"，{names}协办" if names else "") + "。",
            actor=actor,
            department=lead,
        )
        audit(message, "assign", actor=actor, after={"lead": lead.pk, "co": [d.pk for d in co]})
        notify_department(
            message, lead, "新交办留言（主办）", f"{message.subject}，请于1个工作日内签收。"
        )
        for d in co:
            notify_department(message, d, "新交办留言（协办）", message.subject)
        notify_writer(message, "留言已受理", f"您的留言已交由{lead.name}办理")
    return message


def set_identity_visibility(message: Message, *, visible: bool, actor) -> Message:
    """The office decides whether the assigned departments see who wrote (举报: hidden by default)."""
    from gongkai import access

    access.require(actor, "messages.supervise", message)
    with transaction.atomic():
        Message.objects.filter(pk=message.pk).update(identity_visible=visible)
        if message.published_at is not None:
            content_changed()
        message.identity_visible = visible
        add_step(
            message,
            StepKind.NOTE,
            text="承办部门可以看到留言人身份。" if visible else "对承办部门隐去留言人身份。",
            public=False,
            actor=actor,
        )
        audit(message, "identity_visibility", actor=actor, after={"visible": visible})
    return message


def writer_identity(message: Message, user) -> tuple[str, str]:
    """(name, phone) as ``user`` may see them: the office always; departments only when allowed."""
    from gongkai import access

    if access.can(user, "messages.supervise", message) or message.identity_visible:
        return message.writer_name, message.writer_phone
    return "（已隐去）", "（已隐去）"

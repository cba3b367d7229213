"""The office reviews the reply (approve / return) and decides what the public board shows.

Only messages the writer agreed to publish, and that are neither 举报 nor on
a private channel, are published; what is published is the masked version
(``masking.mask_personal_data``, the writer's name included), possibly with
further masks the reviewer adds. The original stays private.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai.core.dates import moment_on
from gongkai.core.errors import DomainError
from gongkai.workdays import add_working_days
from gongkai.workdays.clocks import complete_clock

from .. import indexing
from ..flow import FLOW
from ..models import Message, StepKind
from .common import add_step, audit, check_date, notify_department, notify_writer, rules_for, today


def masked_versions(message: Message) -> dict[str, str]:
    """What the board would show, masked automatically (for the reviewer's side-by-side view)."""
    from ..masking import mask_personal_data

    names = [message.writer_name]
    return {
        "subject": mask_personal_data(message.subject, names=names),
        "text": mask_personal_data(message.text, names=names),
        "reply": mask_personal_data(message.reply_text, names=names),
    }


def return_reply(message: Message, *, actor, comment: str) -> Message:
    with transaction.atomic():
        FLOW.apply(message, "return_reply", actor=actor, comment=comment)
        add_step(message, StepKind.REPLY_RETURNED, text=comment.strip(), public=False, actor=actor)
        notify_department(message, message.lead_department, "留言答复被退回修改", comment.strip())
    return message


def approve_reply(
    message: Message,
    *,
    actor,
    publish: bool = True,
    masked: dict[str, str] | None = None,
    on: date | None = None,
) -> Message:
    """Send the reply to the writer; publish the masked message and reply when allowed.

    ``masked`` holds the reviewer's edited versions (subject, text, reply); a
    version that still contains something the automatic masking would hide
    is masked again, so a reviewer can add masks but not remove them.
    """
    from ..masking import mask_personal_data

    on = on or today()
    check_date(on)
    if publish and message.is_confidential:
        raise DomainError("举报、信箱来信和留言人不同意公开的留言不能公开。", code="confidential")
    auto = masked_versions(message)
    chosen = {**auto, **(masked or {})}
    names = [message.writer_name]
    chosen = {k: mask_personal_data(v, names=names) for k, v in chosen.items()}
    rules = rules_for(message)
    now = moment_on(on)
    changes = {
        "replied_at": now,
        "replied_by_department": message.lead_department,
        "rating_due": add_working_days(on, rules.rating_days),
    }
    if publish:
        if not chosen["reply"].strip() or not chosen["text"].strip():
            raise DomainError("公开版本的留言和答复不能为空。", code="empty")
        changes.update(
            masked_subject=chosen["subject"][:100],
            masked_text=chosen["text"],
            masked_reply=chosen["reply"],
            published_at=now,
        )
    with transaction.atomic():
        FLOW.apply(message, "approve_reply", actor=actor, changes=changes)
        clock = message.reply_clock()
        if clock is not None and not clock.is_finished:
            complete_clock(clock, on=on, actor=actor)
        add_step(
            message,
            StepKind.REPLIED,
            on=on,
            text=f"{message.lead_department.name}答复。",
            actor=actor,
            department=message.lead_department,
        )
        if publish:
            add_step(
                message,
                StepKind.PUBLISHED,
                on=on,
                text="留言及答复已在留言板公开（个人信息已遮蔽）。",
                actor=actor,
            )
        audit(message, "reply", actor=actor, after={"published": publish})
        indexing.schedule(message)
        notify_writer(message, "留言已答复", "您的留言已答复，请登录查询并评价")
    return message

"""回访 and satisfaction: the writer rates online or the office records a call-back.

不满意 with a reason reopens the message once (round 2) for re-handling by the
same lead department, with a new reply clock; a second 不满意 closes it and
counts for the department's satisfaction rate.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from gongkai import access
from gongkai.core.errors import DomainError
from gongkai.workdays.clocks import start_clock

from ..flow import FLOW
from ..models import Message, MessageState, Satisfaction, StepKind
from .common import add_step, audit, notify_department, rules_for, today


def _rate(message: Message, *, satisfaction: str, reason: str, actor, on: date) -> Message:
    if satisfaction not in Satisfaction.values:
        raise DomainError("请选择满意、基本满意或不满意。", code="satisfaction")
    reason = (reason or "").strip()
    if satisfaction == Satisfaction.UNSATISFIED and not reason:
        raise DomainError("选择不满意的，请说明原因，以便重新办理。", code="reason")
    fields = {
        "satisfaction": satisfaction,
        "satisfaction_reason": reason,
        "rated_at": timezone.now(),
        "rated_on": on,
        "rated_by_callback": actor if getattr(actor, "is_authenticated", False) else None,
    }
    reopen = satisfaction == Satisfaction.UNSATISFIED and message.round == 1
    label = Satisfaction(satisfaction).label
    with transaction.atomic():
        if reopen:
            lead = message.lead_assignment()
            FLOW.apply(
                message,
                "reopen",
                actor=actor,
                comment=reason,
                changes={**fields, "round": 2, "rating_due": None},
            )
            start_clock(
                message,
                stage=f"reply:{lead.pk}:2",
                label=f"重新答复留言 {message.query_code}",
                department=lead.department,
                start_date=on,
                limit_days=message.message_type.reply_limit_days,
                max_extensions=0,
                url=f"/workbench/messages/{message.pk}/",
                actor=actor,
            )
            add_step(
                message, StepKind.REOPENED, on=on, text=f"不满意：{reason}。重新办理。", actor=actor
            )
            notify_department(message, lead.department, "留言人不满意，请重新办理", reason)
        else:
            action = "record_callback" if getattr(actor, "is_authenticated", False) else "rate"
            FLOW.apply(message, action, actor=actor, changes=fields)
            add_step(
                message,
                StepKind.RATED,
                on=on,
                text=f"评价：{label}"
                + (f"（{reason}）" if reason else "")
                + ("，回访登记。" if action == "record_callback" else "。"),
                actor=actor,
            )
        audit(
            message, "rate", actor=actor, after={"satisfaction": satisfaction, "reopened": reopen}
        )
    return message


def rate(
    message: Message, *, satisfaction: str, reason: str = "", on: date | None = None
) -> Message:
    """The writer's own rating (authenticated by the lookup)."""
    return _rate(message, satisfaction=satisfaction, reason=reason, actor=None, on=on or today())


def record_callback(
    message: Message, *, satisfaction: str, actor, reason: str = "", on: date | None = None
) -> Message:
    """The office called the writer back (回访) and records the answer."""
    access.require(actor, "messages.callback", message)
    return _rate(message, satisfaction=satisfaction, reason=reason, actor=actor, on=on or today())


def close_unrated(on: date | None = None) -> int:
    """Replied messages whose rating period has passed are closed without a rating."""
    on = on or today()
    closed = 0
    for message in Message.objects.filter(state=MessageState.REPLIED, rating_due__lt=on):
        with transaction.atomic():
            FLOW.apply(message, "close_unrated", actor=None)
            add_step(message, StepKind.CLOSED, on=on, text="评价期满未评价，自动办结。")
        closed += 1
    return closed


__all__ = ["close_unrated", "rate", "record_callback", "rules_for"]

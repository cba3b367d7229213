"""Review before publishing: submit, 保密审查 (confidentiality review), leader
approval, return for changes (退回修改) — the steps before publication.

Publication itself (index number, Art. 26 clock, search) is in ``publishing``.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from gongkai.core.errors import DomainError

from . import validation
from .effects import notify_author
from .models import InformationItem, ItemState
from .review import REVIEW


def _ready_for_review(item: InformationItem) -> None:
    """What must be complete before anyone reviews the item."""
    data = {
        name: getattr(item, name)
        for name in validation.DRAFT_FIELDS
        if name not in ("scheduled_publish_at",)
    }
    errors = validation.problems(data)
    if not item.summary.strip() and not item.body.strip():
        errors["body"] = "请填写内容概述或正文。"
    if item.disclosure_attribute == "proactive" and item.formed_or_changed_on is None:
        errors["formed_or_changed_on"] = (
            "请填写信息形成或变更日期（条例第二十六条：应自该日起20个工作日内公开）。"
        )
    if errors:
        raise validation.ItemInvalid(errors)


def submit_item(
    item: InformationItem, *, actor, ip: str | None = None, now: datetime | None = None
) -> InformationItem:
    """草稿/退回修改 → 待保密审查 (``now``: when, for the history row; default now)."""
    REVIEW.check(item, "submit", actor)
    _ready_for_review(item)
    return REVIEW.apply(item, "submit", actor=actor, ip=ip, at=now)


def pass_confidentiality_review(
    item: InformationItem,
    *,
    actor,
    comment: str = "",
    ip: str | None = None,
    now: datetime | None = None,
) -> InformationItem:
    """保密审查通过: 待保密审查 → 待领导审批 (``now`` as for ``submit_item``)."""
    return REVIEW.apply(item, "pass_confidentiality", actor=actor, comment=comment, ip=ip, at=now)


def return_item(
    item: InformationItem, *, actor, comment: str, ip: str | None = None
) -> InformationItem:
    """退回修改 from whichever review step the item is at; the comment says what to change."""
    action = {
        ItemState.SUBMITTED: "return_confidentiality",
        ItemState.APPROVAL: "return_approval",
    }.get(item.state)
    if action is None:
        raise DomainError(
            f"当前状态为“{item.get_state_display()}”，不在审查环节，不能退回修改。",
            code="wrong_state",
        )
    REVIEW.check(item, action, actor, comment)
    with transaction.atomic():
        REVIEW.apply(item, action, actor=actor, comment=comment, ip=ip)
        step = "保密审查" if action == "return_confidentiality" else "领导审批"
        notify_author(
            item,
            actor=actor,
            subject=f"信息被退回修改：{item.title}",
            body=f"{step}意见：{comment.strip()}",
        )
    return item


def approve_item(
    item: InformationItem, *, actor, comment: str = "", ip: str | None = None, now=None
) -> InformationItem:
    """领导审批通过: publish now, or at ``scheduled_publish_at`` if that is still ahead."""
    from .publishing import publish

    now = now or timezone.now()
    if item.scheduled_publish_at is not None and item.scheduled_publish_at > now:
        return REVIEW.apply(item, "schedule", actor=actor, comment=comment, ip=ip)
    return publish(item, action="approve", actor=actor, comment=comment, ip=ip, now=now)


def unschedule_item(
    item: InformationItem, *, actor, comment: str = "", ip: str | None = None
) -> InformationItem:
    """取消定时发布: back to 待领导审批 (e.g. to change the time or return it)."""
    return REVIEW.apply(
        item,
        "unschedule",
        actor=actor,
        comment=comment,
        ip=ip,
        changes={"scheduled_publish_at": None},
    )

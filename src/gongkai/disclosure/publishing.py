"""Publication (发布), scheduled publication (定时发布) and withdrawal (撤回).

Publishing, in one transaction: complete the Art. 26 clock (late or not) →
take the 索引号 → move the state through ``REVIEW`` → first ``ItemVersion`` →
notice to the author; after commit the search update is enqueued.
"""

from __future__ import annotations

import logging
from datetime import datetime
from functools import partial

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from gongkai.workflow import TransitionRefused
from gongkai.workflow.models import Entry

from .deadlines import complete_publish_clock
from .effects import enqueue_reindex, notify_author, remove_on_commit
from .index_numbers import assign_index_number
from .models import InformationItem, ItemState, Validity, VersionKind
from .review import REVIEW
from .versions import add_version

logger = logging.getLogger("gongkai.disclosure")


def publish(
    item: InformationItem,
    *,
    action: str,
    actor,
    comment: str = "",
    ip: str | None = None,
    now: datetime | None = None,
) -> InformationItem:
    """Publish through ``action`` (approve, publish_now, publish_scheduled)."""
    now = now or timezone.now()
    on = timezone.localdate(now)
    REVIEW.check(item, action, actor, comment)
    with transaction.atomic():
        late = complete_publish_clock(item, on=on, actor=actor)
        number = item.index_number or assign_index_number(item, on)
        changes = {"index_number": number, "published_at": now, "late_publication": late}
        if item.has_validity and not item.validity:
            changes["validity"] = Validity.VALID
        REVIEW.apply(
            item,
            action,
            actor=actor,
            comment=comment,
            ip=ip,
            changes=changes,
            after=partial(enqueue_reindex, item.pk),
            at=now,
        )
        add_version(item, kind=VersionKind.PUBLISHED, reason="", actor=actor, at=now)
        notify_author(
            item,
            actor=actor,
            subject=f"信息已发布：{item.title}",
            body=f"索引号 {number}，发布时间 {timezone.localtime(now):%Y-%m-%d %H:%M}。"
            + ("超过条例第二十六条规定的20个工作日公开期限。" if late else ""),
        )
    return item


def publish_now(
    item: InformationItem, *, actor, comment: str = "", ip: str | None = None
) -> InformationItem:
    """立即发布 an item waiting for its scheduled time."""
    return publish(item, action="publish_now", actor=actor, comment=comment, ip=ip)


def _scheduler_of(item: InformationItem):
    change = (
        Entry.history_of(item)
        .filter(workflow=REVIEW.name, action="schedule")
        .order_by("-id")
        .first()
    )
    return change.actor if change else None


def publish_due_items(now: datetime | None = None) -> int:
    """Publish every scheduled item whose time has come; return how many.

    The workflow has no system actor, so the publication is taken in the name
    of the 审核人 who approved it for that time, with a comment saying the
    job carried it out. Safe to run twice: an item someone else published in
    between is skipped. If that person may no longer approve (left the
    department), the item waits and is logged: another 审核人 can 立即发布.
    """
    now = now or timezone.now()
    due = list(
        InformationItem.objects.filter(state=ItemState.SCHEDULED, scheduled_publish_at__lte=now)
        .order_by("scheduled_publish_at", "id")
        .values_list("pk", flat=True)
    )
    published = 0
    for pk in due:
        item = InformationItem.objects.select_related("department__government").get(pk=pk)
        approver = _scheduler_of(item)
        when = timezone.localtime(item.scheduled_publish_at)
        try:
            publish(
                item,
                action="publish_scheduled",
                actor=approver,
                comment=f"按审批确定的时间（{when:%Y-%m-%d %H:%M}）定时发布，由系统任务执行。",
                now=now,
            )
        except TransitionRefused:
            continue  # published or unscheduled by someone else meanwhile
        except PermissionDenied:
            logger.warning(
                "Scheduled item %s not published: its approver may no longer approve", pk
            )
            continue
        published += 1
    return published


def withdraw_item(
    item: InformationItem,
    *,
    actor,
    reason: str,
    ip: str | None = None,
    now: datetime | None = None,
) -> InformationItem:
    """撤回: the item leaves the public site and search at once; its 索引号 stays taken."""
    REVIEW.check(item, "withdraw", actor, reason)
    now = now or timezone.now()
    with transaction.atomic():
        REVIEW.apply(
            item,
            "withdraw",
            actor=actor,
            comment=reason,
            ip=ip,
            changes={"withdrawn_at": now, "withdraw_reason": reason.strip()},
            at=now,
        )
        remove_on_commit(item.pk)
        notify_author(
            item,
            actor=actor,
            subject=f"信息已撤回：{item.title}",
            body=f"撤回理由：{reason.strip()}",
        )
    return item

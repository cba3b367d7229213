"""Delivering email and SMS notices, and sweeping the outbox.

``deliver(notice_id)`` claims the row with a conditional UPDATE (pending →
sending), so two runs for the same notice never both send it. Every later
write is conditional on the claim (state sending, same ``claimed_at``), so a
worker whose claim was reset by the sweep cannot overwrite a newer outcome.

Failure: the attempt is counted, the error kept, the row goes back to pending
and the exception propagates, so ``retrying`` (see ``jobs.deliver_notice``)
enqueues the next attempt with its backoff. At ``MAX_ATTEMPTS`` the row
becomes failed and ``NoticeUndeliverable`` (a ``GiveUp``) fails the job.

Delivery is at least once: a worker that dies after the provider accepted a
message but before the row says sent will, after the sweep, send it again.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from gongkai.jobs.retry import GiveUp

from .models import Notice, NoticeChannel, NoticeState
from .sms import get_sms_provider

logger = logging.getLogger("gongkai.notices")

MAX_ATTEMPTS = 5
# A pending row older than this with no queued delivery job lost its enqueue.
LOST_AFTER = timedelta(minutes=5)
# A row "sending" for longer than this belongs to a worker that died.
STUCK_AFTER = timedelta(minutes=15)
SWEEP_BATCH = 500


class NoticeUndeliverable(GiveUp):
    """The notice failed its last attempt."""


def _text(notice: Notice) -> str:
    return f"{notice.body}\n\n{notice.url}" if notice.url else notice.body


def send_email(notice: Notice) -> str:
    send_mail(notice.subject, _text(notice), settings.DEFAULT_FROM_EMAIL, [notice.address])
    return ""


def send_sms(notice: Notice) -> str:
    text = f"{notice.subject}：{notice.body}"
    if notice.url:
        text = f"{text} {notice.url}"
    return get_sms_provider().send(notice.address, text)


ADAPTERS = {NoticeChannel.EMAIL: send_email, NoticeChannel.SMS: send_sms}


def deliver(notice_id: int) -> str:
    """Send one notice if it is pending; return what happened (for the job result)."""
    claimed_at = timezone.now()
    claimed = Notice.objects.filter(
        pk=notice_id, state=NoticeState.PENDING, channel__in=list(ADAPTERS)
    ).update(state=NoticeState.SENDING, claimed_at=claimed_at)
    if not claimed:
        state = Notice.objects.filter(pk=notice_id).values_list("state", flat=True).first()
        return f"notice {notice_id} not pending ({state or 'missing'}): nothing sent"
    notice = Notice.objects.get(pk=notice_id)
    mine = Notice.objects.filter(pk=notice_id, state=NoticeState.SENDING, claimed_at=claimed_at)
    try:
        message_id = ADAPTERS[notice.channel](notice)
    except Exception as exc:
        attempts = notice.attempts + 1
        error = f"{type(exc).__name__}: {exc}"[:2000]
        if attempts >= MAX_ATTEMPTS:
            mine.update(state=NoticeState.FAILED, attempts=F("attempts") + 1, last_error=error)
            logger.error("Notice %s failed after %d attempts: %s", notice_id, attempts, error)
            raise NoticeUndeliverable(
                f"通知 {notice_id} 经 {attempts} 次发送仍未成功：{error}"
            ) from exc
        mine.update(
            state=NoticeState.PENDING,
            attempts=F("attempts") + 1,
            last_error=error,
            claimed_at=None,
        )
        raise
    mine.update(
        state=NoticeState.SENT,
        attempts=F("attempts") + 1,
        sent_at=timezone.now(),
        provider_message_id=message_id or "",
    )
    return f"notice {notice_id} sent"


def _queued_notice_ids(now) -> set[int]:
    """Notices with a delivery job waiting or running (recently enough to be alive)."""
    from .jobs import deliver_notice

    rows = DBTaskResult.objects.filter(task_path=deliver_notice.module_path).filter(
        status=TaskResultStatus.READY
    ) | DBTaskResult.objects.filter(
        task_path=deliver_notice.module_path,
        status=TaskResultStatus.RUNNING,
        started_at__gte=now - STUCK_AFTER,
    )
    ids = set()
    for args_kwargs in rows.values_list("args_kwargs", flat=True):
        args = args_kwargs.get("args") or []
        notice_id = args[0] if args else args_kwargs.get("kwargs", {}).get("notice_id")
        if notice_id is not None:
            ids.add(int(notice_id))
    return ids


def sweep(now=None) -> dict[str, int]:
    """Reset rows stuck in sending; re-enqueue pending rows whose delivery job was lost."""
    from .jobs import deliver_notice

    now = now or timezone.now()
    stuck = Notice.objects.filter(state=NoticeState.SENDING, claimed_at__lt=now - STUCK_AFTER)
    interrupted = "发送中断：发送进程未在规定时间内完成"
    gave_up = stuck.filter(attempts__gte=MAX_ATTEMPTS - 1).update(
        state=NoticeState.FAILED,
        attempts=F("attempts") + 1,
        last_error=f"{interrupted}，已达最多发送次数。",
    )
    reset = stuck.update(
        state=NoticeState.PENDING,
        attempts=F("attempts") + 1,
        last_error=f"{interrupted}，已重新排队。",
        claimed_at=None,
    )

    lost = list(
        Notice.objects.filter(state=NoticeState.PENDING, created_at__lt=now - LOST_AFTER)
        .exclude(pk__in=_queued_notice_ids(now))
        .order_by("created_at")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    for notice_id in lost:
        deliver_notice.enqueue(notice_id)
    if reset or gave_up or lost:
        logger.warning(
            "Notice sweep: %d stuck reset, %d failed, %d re-enqueued", reset, gave_up, len(lost)
        )
    return {"reset": reset, "failed": gave_up, "enqueued": len(lost)}

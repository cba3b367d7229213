"""Delivering email and SMS notices, and sweeping the outbox.

One attempt, in this order, each step committed before the next:

1. **claim**: a conditional UPDATE pending → sending with ``claimed_at`` and
   ``claimed_by`` (the job worker's id), so two runs never both send;
2. **send** with the notice's ``reference`` as the client reference (the SMS
   provider's reference, the e-mail's Message-ID ``<notice.{reference}@…>``);
3. **record the acceptance** (sent, the provider's message id) at once,
   before anything else that could fail.

Every write after the claim is conditional on it (state sending, same
``claimed_at``), so a worker whose claim was taken over cannot overwrite a
newer outcome.

A send refused (any exception but ``MaybeAccepted``): the attempt is counted,
the error kept, the row goes back to pending and the exception propagates, so
``retrying`` (``jobs.deliver_notice``) enqueues the next attempt with its
backoff. At ``MAX_ATTEMPTS`` the row becomes failed and
``NoticeUndeliverable`` (a ``GiveUp``) fails the job.

An interrupted send (the worker killed between 1 and 3; its job comes back
through the job lease, or the sweep finds the row): the claim is stale when
its worker has lost its lease, when it is older than ``STUCK_AFTER``, or when
it was released after ``MaybeAccepted``. The next run takes the claim over and
asks the provider whether it accepted the reference: yes → recorded as sent,
nothing is sent again; no → sent now; the provider cannot tell → the notice
becomes *uncertain* (待人工核实) and a person decides in the admin, rather than
the citizen getting it twice. A provider that drops duplicates by reference
(``idempotent``) is simply sent again.
"""

from __future__ import annotations

import logging
import time
from abc import ABC, abstractmethod
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import DatabaseError
from django.db.models import F, Q
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from gongkai.jobs import lease
from gongkai.jobs.retry import GiveUp

from .models import Notice, NoticeChannel, NoticeState
from .sms import CannotTell, MaybeAccepted, get_sms_provider, takes_reference

logger = logging.getLogger("gongkai.notices")

MAX_ATTEMPTS = 5
# A pending row older than this with no queued delivery job lost its enqueue.
LOST_AFTER = timedelta(minutes=5)
# A claim older than this is stale even if its worker still holds its lease
# (no provider call takes this long).
STUCK_AFTER = timedelta(minutes=15)
SWEEP_BATCH = 500
# Writing "sent" after the provider accepted: tries, and the pause between them.
RECORD_TRIES = 3
RECORD_PAUSE = 1.0

INTERRUPTED = "发送中断：发送进程在发送完成前消失"


class NoticeUndeliverable(GiveUp):
    """The notice failed its last attempt."""


def _text(notice: Notice) -> str:
    return f"{notice.body}\n\n{notice.url}" if notice.url else notice.body


def email_message_id(notice: Notice) -> str:
    """The e-mail's Message-ID, derived from the notice's reference (the same on every attempt)."""
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "localhost"
    return f"<notice.{notice.reference}@{domain}>"


def _sms_text(notice: Notice) -> str:
    text = f"{notice.subject}：{notice.body}"
    return f"{text} {notice.url}" if notice.url else text


class Channel(ABC):
    """How a notice goes out: e-mail or SMS (in-app notices need no delivery)."""

    @abstractmethod
    def send(self, notice: Notice) -> str:
        """Send ``notice``; the provider's acceptance (an id) once it took it."""

    def accepted(self, notice: Notice) -> str | None:
        raise CannotTell

    def idempotent(self) -> bool:
        return False


class EmailChannel(Channel):
    def send(self, notice: Notice) -> str:
        message_id = email_message_id(notice)
        EmailMessage(
            notice.subject,
            _text(notice),
            settings.DEFAULT_FROM_EMAIL,
            [notice.address],
            headers={"Message-ID": message_id},
        ).send()
        return message_id

    def accepted(self, notice: Notice) -> str | None:
        lookup = getattr(get_connection(), "accepted", None)
        if not callable(lookup):
            raise CannotTell(f"邮件后端 {settings.EMAIL_BACKEND} 无法确认是否已接收")
        return lookup(email_message_id(notice))


class SmsChannel(Channel):
    def send(self, notice: Notice) -> str:
        provider = get_sms_provider()
        if takes_reference(provider):
            return provider.send(notice.address, _sms_text(notice), reference=str(notice.reference))
        return provider.send(notice.address, _sms_text(notice))

    def accepted(self, notice: Notice) -> str | None:
        provider = get_sms_provider()
        if not takes_reference(provider):
            raise CannotTell(f"短信服务 {settings.SMS_PROVIDER} 不接受发送参考号，无法确认")
        return provider.accepted(str(notice.reference))

    def idempotent(self) -> bool:
        provider = get_sms_provider()
        return bool(provider.idempotent) and takes_reference(provider)


CHANNELS: dict[str, Channel] = {
    NoticeChannel.EMAIL: EmailChannel(),
    NoticeChannel.SMS: SmsChannel(),
}


def _stale_claims(now) -> Q:
    """Sending rows whose claim nobody is working on."""
    live = lease.live_worker_ids()
    return Q(state=NoticeState.SENDING) & (
        Q(claimed_at__isnull=True)
        | Q(claimed_at__lt=now - STUCK_AFTER)
        | (~Q(claimed_by="") & ~Q(claimed_by__in=live))
    )


def deliver(notice_id: int) -> str:
    """Send one notice if it is pending (or resume an interrupted send); say what happened."""
    now = timezone.now()
    me = lease.current_worker_id()
    claimed = Notice.objects.filter(
        pk=notice_id, state=NoticeState.PENDING, channel__in=list(CHANNELS)
    ).update(state=NoticeState.SENDING, claimed_at=now, claimed_by=me)
    if claimed:
        notice = Notice.objects.get(pk=notice_id)
        return _send(notice, _claim_of(notice_id, now))

    row = Notice.objects.filter(pk=notice_id).values("state", "claimed_at", "claimed_by").first()
    if row is None or row["state"] != NoticeState.SENDING:
        state = row["state"] if row else "missing"
        return f"notice {notice_id} not pending ({state}): nothing sent"
    stale = Notice.objects.filter(_stale_claims(now), pk=notice_id)
    # Take the interrupted attempt over, counting it.
    took = stale.filter(claimed_at=row["claimed_at"], claimed_by=row["claimed_by"]).update(
        claimed_at=now, claimed_by=me, attempts=F("attempts") + 1, last_error=INTERRUPTED
    )
    if not took:
        return f"notice {notice_id} is being sent by another worker: nothing sent"
    notice = Notice.objects.get(pk=notice_id)
    return _resume(notice, _claim_of(notice_id, now))


def _claim_of(notice_id: int, claimed_at):
    return Notice.objects.filter(pk=notice_id, state=NoticeState.SENDING, claimed_at=claimed_at)


def _record_sent(notice: Notice, mine, message_id: str, *, count_attempt: bool) -> None:
    """Write the provider's acceptance; retried briefly, since the message is out."""
    fields = {
        "state": NoticeState.SENT,
        "sent_at": timezone.now(),
        "provider_message_id": message_id or "",
    }
    if count_attempt:
        fields["attempts"] = F("attempts") + 1
    for attempt in range(1, RECORD_TRIES + 1):
        try:
            mine.update(**fields)
            return
        except DatabaseError:
            if attempt == RECORD_TRIES:
                # The claim stays: the next run finds it stale and asks the provider.
                logger.exception(
                    "Notice %s accepted by the provider (%s) but not recorded as sent",
                    notice.pk,
                    message_id,
                )
                raise
            time.sleep(RECORD_PAUSE)


def _send(notice: Notice, mine) -> str:
    channel = CHANNELS[notice.channel]
    try:
        message_id = channel.send(notice)
    except MaybeAccepted as exc:
        # Released, still sending: the next attempt asks the provider first.
        mine.update(
            attempts=F("attempts") + 1,
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
            claimed_at=None,
            claimed_by="",
        )
        raise
    except Exception as exc:
        attempts = notice.attempts + 1
        error = f"{type(exc).__name__}: {exc}"[:2000]
        if attempts >= MAX_ATTEMPTS:
            mine.update(state=NoticeState.FAILED, attempts=F("attempts") + 1, last_error=error)
            logger.error("Notice %s failed after %d attempts: %s", notice.pk, attempts, error)
            raise NoticeUndeliverable(
                f"通知 {notice.pk} 经 {attempts} 次发送仍未成功：{error}"
            ) from exc
        mine.update(
            state=NoticeState.PENDING,
            attempts=F("attempts") + 1,
            last_error=error,
            claimed_at=None,
            claimed_by="",
        )
        raise
    # Nothing between the provider's acceptance and this write.
    _record_sent(notice, mine, message_id, count_attempt=True)
    return f"notice {notice.pk} sent"


def _resume(notice: Notice, mine) -> str:
    """After an interrupted attempt: ask the provider before sending again."""
    channel = CHANNELS[notice.channel]
    if channel.idempotent():
        logger.warning("Notice %s: resending an interrupted send (provider dedupes)", notice.pk)
        return _send(notice, mine)
    try:
        message_id = channel.accepted(notice)
    except CannotTell as exc:
        mine.update(
            state=NoticeState.UNCERTAIN,
            claimed_at=None,
            claimed_by="",
            last_error=(
                f"{INTERRUPTED}，且无法向发送方确认是否已送出（{exc}）。"
                "为避免重复发送，未再发送；请人工核实后在管理后台标记为已发送或重新发送。"
            )[:2000],
        )
        logger.warning(
            "Notice %s interrupted mid-send and cannot be verified: left to a person", notice.pk
        )
        return f"notice {notice.pk} uncertain: left for a person"
    except Exception:
        # The provider could not be asked now: release the claim; the retry asks again.
        mine.update(claimed_at=None, claimed_by="")
        raise
    if message_id:
        _record_sent(notice, mine, message_id, count_attempt=False)
        logger.warning(
            "Notice %s: interrupted send had been accepted (%s); not sent again",
            notice.pk,
            message_id,
        )
        return f"notice {notice.pk} already accepted by the provider: not sent again"
    logger.warning("Notice %s: interrupted send was not accepted; sending now", notice.pk)
    return _send(notice, mine)


def _queued_notice_ids() -> set[int]:
    """Notices with a delivery job waiting, or running in a worker that holds its lease."""
    from .jobs import deliver_notice

    rows = DBTaskResult.objects.filter(
        task_path=deliver_notice.module_path,
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
    )
    live = lease.live_worker_ids()
    ids = set()
    for status, worker_ids, args_kwargs in rows.values_list("status", "worker_ids", "args_kwargs"):
        if status == TaskResultStatus.RUNNING and not (worker_ids and worker_ids[-1] in live):
            continue
        args = args_kwargs.get("args") or []
        notice_id = args[0] if args else args_kwargs.get("kwargs", {}).get("notice_id")
        if notice_id is not None:
            ids.add(int(notice_id))
    return ids


def sweep(now=None) -> dict[str, int]:
    """Enqueue the delivery of pending rows whose job was lost and of interrupted sends."""
    from .jobs import deliver_notice

    now = now or timezone.now()
    queued = _queued_notice_ids()
    interrupted = list(
        Notice.objects.filter(_stale_claims(now))
        .exclude(pk__in=queued)
        .order_by("claimed_at")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    lost = list(
        Notice.objects.filter(state=NoticeState.PENDING, created_at__lt=now - LOST_AFTER)
        .exclude(pk__in=queued)
        .order_by("created_at")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    for notice_id in interrupted + lost:
        deliver_notice.enqueue(notice_id)
    if interrupted or lost:
        logger.warning(
            "Notice sweep: %d interrupted sends to resume, %d lost deliveries re-enqueued",
            len(interrupted),
            len(lost),
        )
    return {"interrupted": len(interrupted), "enqueued": len(lost)}

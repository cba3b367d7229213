"""Writing notices, and the in-app inbox.

``send_notice`` is called by actions inside their transaction::

    with transaction.atomic():
        ...change state, audit...
        send_notice(channel=NoticeChannel.SMS, address=applicant.mobile,
                    subject="申请已受理", body=..., related=application)

The row is written in the caller's transaction; email and SMS delivery is
enqueued with ``transaction.on_commit`` (passing the id), so a rolled-back
change leaves no notice and sends nothing. In-app notices are delivered by
being written. URLs in email and SMS are sent as given: pass absolute ones.

Events played in the past (a demonstration world, history brought in from
another system) go through the same actions, but nobody is there to read what
they would send. Inside ``withhold_notices()`` ``send_notice`` checks the
notice as usual and then writes and enqueues nothing::

    with withhold_notices(keep=lambda notice: notice.channel == NoticeChannel.INAPP):
        ...replay what happened...
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.utils import timezone

from gongkai.audit import services as audit
from gongkai.core.errors import DomainError
from gongkai.core.validators import validate_mobile

from .models import Notice, NoticeChannel, NoticeState

logger = logging.getLogger("gongkai.notices")

SUBJECT_MAX = Notice._meta.get_field("subject").max_length
URL_MAX = Notice._meta.get_field("url").max_length


class InvalidNotice(DomainError):
    """A notice that cannot be sent as asked (no address, bad number …)."""

    def __init__(self, message: str):
        super().__init__(message, code="invalid_notice")


def _address_for(channel: str, address: str, recipient) -> str:
    address = (address or "").strip()
    if channel == NoticeChannel.INAPP:
        if recipient is None:
            raise InvalidNotice("站内通知必须指定接收人（人员账号）。")
        return ""
    if channel == NoticeChannel.EMAIL:
        address = address or (getattr(recipient, "email", "") or "")
        if not address:
            raise InvalidNotice("邮件通知缺少收件人的电子邮箱地址。")
        try:
            validate_email(address)
        except ValidationError:
            raise InvalidNotice(f"电子邮箱地址格式不正确：{address}") from None
        return address
    address = address or (getattr(recipient, "mobile", "") or "")
    if not address:
        raise InvalidNotice("短信通知缺少接收人的手机号码。")
    try:
        validate_mobile(address)
    except ValidationError:
        raise InvalidNotice(
            f"手机号码不正确：{address}。请使用11位手机号码，如 13800000000。"
        ) from None
    return address


@dataclass
class WithheldNotices:
    """What ``withhold_notices`` left unwritten, by channel (counted up to enclosing blocks too)."""

    keep: Callable[[Notice], bool] | None = None
    counts: Counter = field(default_factory=Counter)
    outer: WithheldNotices | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def _withhold(self, notice: Notice) -> bool:
        if self.keep is not None and self.keep(notice):
            return False
        block = self
        while block is not None:
            block.counts[notice.channel] += 1
            block = block.outer
        return True


_withholding: ContextVar[WithheldNotices | None] = ContextVar("withheld_notices", default=None)


@contextmanager
def withhold_notices(*, keep: Callable[[Notice], bool] | None = None) -> Iterator[WithheldNotices]:
    """Within the block ``send_notice`` writes no notice and enqueues no delivery.

    For events replayed in the past, whose notices nobody would read. Notices
    are still checked (a bad address still raises). ``keep(notice)`` (the
    unsaved row, with its channel, recipient and related object) may keep
    some, e.g. in-app notices of matters still open today. The innermost block
    decides; its counts are added to the enclosing blocks' too.
    """
    withheld = WithheldNotices(keep=keep, outer=_withholding.get())
    token = _withholding.set(withheld)
    try:
        yield withheld
    finally:
        _withholding.reset(token)


def send_notice(
    *,
    channel: str,
    subject: str,
    body: str,
    recipient=None,
    address: str = "",
    url: str = "",
    related: models.Model | None = None,
) -> Notice:
    """Write a notice in the caller's transaction; deliver it after commit.

    Inside ``withhold_notices()`` the notice is returned unsaved (no id).
    """
    if channel not in NoticeChannel.values:
        raise InvalidNotice(f"未知的通知渠道：{channel}（应为 email、sms 或 inapp）。")
    subject = (subject or "").strip()
    body = (body or "").strip()
    if not subject:
        raise InvalidNotice("通知标题不能为空。")
    if len(subject) > SUBJECT_MAX:
        raise InvalidNotice(f"通知标题不能超过{SUBJECT_MAX}个字。")
    if not body and channel != NoticeChannel.INAPP:
        raise InvalidNotice("邮件和短信通知的内容不能为空。")
    if len(url) > URL_MAX:
        raise InvalidNotice(f"通知链接不能超过{URL_MAX}个字符。")
    address = _address_for(channel, address, recipient)

    notice = Notice(
        channel=channel,
        recipient=recipient,
        address=address,
        subject=subject,
        body=body,
        url=url,
    )
    if related is not None:
        notice.content_type = ContentType.objects.get_for_model(related)
        notice.object_id = str(related.pk)
    if channel == NoticeChannel.INAPP:
        notice.state = NoticeState.SENT
        notice.sent_at = notice.created_at
    withheld = _withholding.get()
    if withheld is not None and withheld._withhold(notice):
        return notice
    with transaction.atomic():
        notice.save()
        if channel != NoticeChannel.INAPP:
            # robust: if enqueueing fails after commit, the sweep picks the row up.
            transaction.on_commit(partial(enqueue_delivery, notice.pk), robust=True)
    return notice


def notify_members(
    memberships: models.QuerySet,
    *,
    subject: str,
    body: str,
    url: str = "",
    related: models.Model | None = None,
) -> None:
    """An in-app notice to the person of each of ``memberships`` (``orgs.Membership``
    rows), in their order; the subject is cut to the column's 100 characters."""
    for membership in memberships.select_related("user"):
        send_notice(
            channel=NoticeChannel.INAPP,
            recipient=membership.user,
            subject=subject[:100],
            body=body,
            url=url,
            related=related,
        )


def notify_office(
    government,
    *,
    subject: str,
    body: str,
    url: str = "",
    related: models.Model | None = None,
) -> None:
    """An in-app notice to every 公开办 post whose reach covers ``government``
    (``gongkai.orgs.offices.office_memberships``: one filtered query)."""
    from gongkai.orgs.offices import office_memberships

    notify_members(
        office_memberships(government), subject=subject, body=body, url=url, related=related
    )


def enqueue_delivery(notice_id: int) -> None:
    from .jobs import deliver_notice

    deliver_notice.enqueue(notice_id)


def inbox_for(user, *, unread_only: bool = False) -> models.QuerySet[Notice]:
    """The user's in-app notices, newest first."""
    notices = Notice.objects.filter(recipient=user, channel=NoticeChannel.INAPP)
    if unread_only:
        notices = notices.filter(read_at__isnull=True)
    return notices.order_by("-created_at", "-id")


def unread_count(user) -> int:
    return inbox_for(user, unread_only=True).count()


def mark_read(user, notice_ids: Iterable[int]) -> int:
    """Mark the user's own in-app notices read; others' ids are ignored. Returns how many."""
    return (
        inbox_for(user, unread_only=True)
        .filter(pk__in=list(notice_ids))
        .update(read_at=timezone.now())
    )


def resend_failed(notice_ids: Iterable[int], *, actor=None) -> int:
    """Give failed email/SMS notices a fresh set of attempts (an administrator's action)."""
    with transaction.atomic():
        ids = list(
            Notice.objects.filter(pk__in=list(notice_ids), state=NoticeState.FAILED)
            .exclude(channel=NoticeChannel.INAPP)
            .values_list("pk", flat=True)
        )
        Notice.objects.filter(pk__in=ids, state=NoticeState.FAILED).update(
            state=NoticeState.PENDING, attempts=0, claimed_at=None, claimed_by=""
        )
        if ids:
            audit.record(
                "notices.resend",
                actor=actor,
                object_type=Notice._meta.label_lower,
                object_repr=f"重新发送 {len(ids)} 条发送失败的通知",
                after={"ids": ids},
            )
        for notice_id in ids:
            transaction.on_commit(partial(enqueue_delivery, notice_id), robust=True)
    return len(ids)


def settle_uncertain(notice_ids: Iterable[int], *, delivered: bool, actor=None) -> int:
    """A person's decision on notices whose interrupted send could not be verified.

    ``delivered=True``: the recipient got it (the provider's console says so):
    recorded as sent. ``delivered=False``: it was not delivered: sent again.
    """
    with transaction.atomic():
        ids = list(
            Notice.objects.filter(pk__in=list(notice_ids), state=NoticeState.UNCERTAIN)
            .select_for_update()
            .values_list("pk", flat=True)
        )
        rows = Notice.objects.filter(pk__in=ids, state=NoticeState.UNCERTAIN)
        if delivered:
            rows.update(state=NoticeState.SENT, sent_at=timezone.now(), claimed_at=None)
        else:
            rows.update(state=NoticeState.PENDING, attempts=0, claimed_at=None, claimed_by="")
        if ids:
            audit.record(
                "notices.settle_uncertain",
                actor=actor,
                object_type=Notice._meta.label_lower,
                object_repr=(
                    f"确认 {len(ids)} 条待核实通知已送达"
                    if delivered
                    else f"确认 {len(ids)} 条待核实通知未送达，重新发送"
                ),
                after={"ids": ids, "delivered": delivered},
            )
        if not delivered:
            for notice_id in ids:
                transaction.on_commit(partial(enqueue_delivery, notice_id), robust=True)
    return len(ids)

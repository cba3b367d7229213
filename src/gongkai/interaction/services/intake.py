"""Receiving messages: the public form, hotline calls recorded by staff, lookup.

A message made only of links, or of one phrase repeated, is not refused
silently: it is held (待人工核查) for the office, which releases it into
triage or refuses it with a reason.

Double submissions (``gongkai.core.idempotency``): the same idempotency key
with the same request within ``GONGKAI_IDEMPOTENCY_HOURS`` answers with the
first message and its own, working query password (never a new one); the same
key with another request, or an expired key, is refused; the same text from the
same phone on the same channel within ``duplicate_window_minutes`` under
another key (or none) is refused without saying anything about the first.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai import access
from gongkai.core import idempotency, passwords
from gongkai.numbering import next_value

from ..limits import normal_phone
from ..models import Channel, Message, MessageFile, MessageState, StepKind
from ..validation import MessageInvalid, clean_message
from .common import add_step, audit, notify_office, notify_writer, rules_for

REPEAT_HINT = "请使用首次提交后获得的查询码和查询密码查询。"
MESSAGE_FIELDS = (
    "channel",
    "message_type",
    "subject",
    "text",
    "place",
    "writer_name",
    "writer_phone",
    "wants_public",
)
URL_RE = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)


@dataclass(frozen=True)
class Submission:
    message: Message
    password: str
    created: bool


def hold_reason(subject: str, text: str) -> str:
    """Why a message should wait for a person before triage, or "" if it need not."""
    without_links = URL_RE.sub("", text)
    if URL_RE.search(text) and len(re.sub(r"\W", "", without_links)) < 10:
        return "留言内容几乎只有网址链接"
    compact = re.sub(r"\s", "", text)
    if len(compact) >= 20:
        for size in range(1, 11):
            unit = compact[:size]
            if (
                unit * (len(compact) // size) == compact[: size * (len(compact) // size)]
                and len(compact) // size >= 4
            ):
                return "留言内容为重复的文字"
    return ""


def query_code_for(channel: Channel, on) -> str:
    """LY20261127-0012: 留言, date, serial of the day across the platform."""
    serial = next_value("interaction.query_code", on.strftime("%Y%m%d"))
    return f"LY{on:%Y%m%d}-{serial:04d}"


def fingerprint(channel_id: int, phone: str, text: str) -> str:
    raw = f"{channel_id}|{phone.strip()}|{' '.join(text.split())}"
    return hashlib.sha256(raw.encode()).hexdigest()


def _create(
    cleaned: dict,
    *,
    ip,
    actor,
    files,
    state: str,
    reason: str,
    attempt: idempotency.Attempt | None = None,
) -> tuple[Message, str]:
    from gongkai.files.services import ALL_KINDS, store_upload

    channel: Channel = cleaned["channel"]
    password = attempt.password() if attempt else passwords.new_password()
    message = Message.objects.create(
        channel=channel,
        message_type=cleaned["message_type"],
        query_code=query_code_for(channel, timezone.localdate()),
        password_hash=passwords.hash_password(password),
        state=state,
        subject=cleaned["subject"],
        text=cleaned["text"],
        place=cleaned.get("place"),
        writer_name=cleaned["writer_name"],
        writer_phone=cleaned["writer_phone"],
        wants_public=cleaned["wants_public"] and not channel.private_by_nature,
        identity_visible=not cleaned["message_type"].confidential,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        idempotency_key=attempt.key if attempt else "",
        request_fingerprint=attempt.fingerprint if attempt and attempt.key else "",
        fingerprint=fingerprint(channel.pk, cleaned["writer_phone"], cleaned["text"]),
        source_ip=ip,
        hold_reason=reason,
    )
    for f in files or []:
        MessageFile.objects.create(
            message=message,
            file=store_upload(f, allowed_kinds=ALL_KINDS),
            from_writer=actor is None,
        )
    return message, password


def submit_message(data: dict, *, files=None, idempotency_key: str = "", ip=None) -> Submission:
    """A citizen's message from the board or the mailbox form (or the API)."""
    cleaned = clean_message(data)
    channel: Channel = cleaned["channel"]
    if channel.staff_recorded:
        raise MessageInvalid({"channel": [f"{channel.name}的来电由话务员登记，请拨打热线电话。"]})
    files = list(files or [])
    attempt = idempotency.Attempt.of(
        "messages",
        channel.pk,
        idempotency_key,
        {name: cleaned.get(name) for name in MESSAGE_FIELDS},
        files,
        what="留言",
    )
    rules = rules_for(Message(channel=channel))
    print_ = fingerprint(channel.pk, cleaned["writer_phone"], cleaned["text"])
    reason = hold_reason(cleaned["subject"], cleaned["text"])
    for attempt_no in range(2):
        try:
            return _submit_once(cleaned, channel, attempt, print_, reason, rules, files, ip)
        except IntegrityError:
            # A twin with the same idempotency key committed first: answer as its replay.
            if attempt_no == 1 or not attempt.key:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _submit_once(cleaned, channel, attempt, print_, reason, rules, files, ip) -> Submission:
    with transaction.atomic():
        Channel.objects.select_for_update().filter(pk=channel.pk).get()
        earlier = attempt.earlier(Message.objects.filter(channel=channel))
        if earlier is not None:
            password = attempt.replay_password(earlier, hint=REPEAT_HINT)
            return Submission(earlier, password, created=False)
        since = timezone.now() - timedelta(minutes=rules.duplicate_window_minutes)
        twin = (
            Message.objects.filter(channel=channel, fingerprint=print_, submitted_at__gte=since)
            .order_by("id")
            .first()
        )
        if twin is not None:
            attempt.refuse_repeat(twin, hint=REPEAT_HINT)
        state = MessageState.HELD if reason else MessageState.TRIAGE
        message, password = _create(
            cleaned,
            ip=ip,
            actor=None,
            files=files,
            state=state,
            reason=reason,
            attempt=attempt,
        )
        add_step(message, StepKind.SUBMITTED, text=f"通过{channel.name}留言。")
        if reason:
            add_step(message, StepKind.HELD, text=f"{reason}，转人工核查。", public=False)
        audit(message, "submit", after={"channel": channel.code, "held": bool(reason)}, ip=ip)
        notify_office(message, "新留言待受理", message.subject)
        notify_writer(message, "留言已提交", f"您的留言“{message.subject}”已提交，我们将及时受理")
    return Submission(message, password, created=True)


def record_call(data: dict, *, actor) -> Submission:
    """A hotline operator records a call (市长热线); the caller is told the query code on the phone."""
    cleaned = clean_message(data)
    channel: Channel = cleaned["channel"]
    access.require(actor, "messages.record_call", channel)
    with transaction.atomic():
        message, password = _create(
            cleaned, ip=None, actor=actor, files=None, state=MessageState.TRIAGE, reason=""
        )
        add_step(message, StepKind.RECORDED, text=f"{channel.name}来电登记。", actor=actor)
        audit(message, "record_call", actor=actor)
        notify_writer(message, "来电已登记", f"您反映的“{message.subject}”已登记")
    return Submission(message, password, created=True)


def find_for_lookup(query_code: str, *, password: str = "", phone: str = "") -> Message | None:
    message = (
        Message.objects.select_related("channel", "message_type")
        .filter(query_code=(query_code or "").strip().upper())
        .first()
    )
    if message is None:
        passwords.spend_equal_time()
        return None
    if password and passwords.password_matches(message.password_hash, password):
        return message
    if phone and normal_phone(phone) == normal_phone(message.writer_phone):
        return message
    return None

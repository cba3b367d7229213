"""The public's side: comments on a draft, entries to a call, votes.

Acceptance is decided by the clock at the moment of storing, inside the
transaction: a comment that arrives at 00:00:00 after the last day is refused
with a clear message, one at 23:59:59 is stored. Double submissions
(``gongkai.core.idempotency``): the same idempotency key with the same request
within ``GONGKAI_IDEMPOTENCY_HOURS`` answers with the first record and stores
nothing new; the same key with another request, or an expired key, is refused;
the same text from the same phone in the same round under another key (or none)
is refused (``idempotency.AlreadySubmitted``) without telling anything about the
first record.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from gongkai.core import idempotency
from gongkai.core.errors import DomainError
from gongkai.core.validators import normal_phone, validate_mobile
from gongkai.notices.models import NoticeChannel
from gongkai.notices.services import send_notice

from ..models import (
    Comment,
    Consultation,
    Entry,
    EntryFile,
    Kind,
    PhoneCode,
    Round,
    Vote,
)
from ..validation import CommentDataForm, EntryDataForm, validated
from .common import audit, fingerprint, period_text

CODE_ATTEMPTS = 5


class NotAccepting(DomainError):
    pass


@dataclass(frozen=True)
class Receipt:
    record: Comment | Entry
    created: bool


def _check_open(consultation: Consultation, round: Round, now) -> None:
    if consultation.published_at is None:
        raise NotAccepting("这项意见征集尚未发布。", code="not_published")
    current = consultation.current_round()
    if current is None or current.pk != round.pk:
        raise NotAccepting(
            f"第{round.number}轮征集已经结束，请对最新的第{current.number}轮草案提出意见。",
            code="old_round",
        )
    if round.feedback_published_at is not None or now >= round.closes_at:
        raise NotAccepting(
            f"本次征集已于{period_text(round.opens_at, round.closes_at).split('至')[1]}截止，"
            "不再接受意见。感谢您的关注，征集结果将在本页公布。",
            code="closed",
        )
    if now < round.opens_at:
        raise NotAccepting(
            f"本次征集尚未开始，征集期为{period_text(round.opens_at, round.closes_at)}。",
            code="not_open",
        )


REPEAT_HINT = "无需再次提交，感谢您的参与。"
WHAT = {"comment": "意见", "entry": "作品"}


def _store(model, round, cleaned, *, key, ip, now, text, extra, files=()) -> Receipt:
    name = model._meta.model_name
    print_ = fingerprint(round.pk, cleaned["phone"], text)
    attempt = idempotency.Attempt.of(
        f"consultations.{name}",
        round.pk,
        key,
        {
            "name": cleaned["name"],
            "phone": cleaned["phone"],
            "email": cleaned.get("email", ""),
            "wants_public": cleaned.get("wants_public", False),
            **extra,
        },
        files,
        what=WHAT[name],
    )
    with transaction.atomic():
        Round.objects.select_for_update().filter(pk=round.pk).get()
        # The clock is read under the lock: nothing is stored after the closing minute.
        now = now or timezone.now()
        _check_open(round.consultation, round, now)
        earlier = attempt.earlier(model.objects.filter(round=round), now=now)
        if earlier is not None:
            return Receipt(earlier, created=False)
        twin = model.objects.filter(round=round, fingerprint=print_).order_by("id").first()
        if twin is not None:
            attempt.refuse_repeat(twin, hint=REPEAT_HINT)
        record = model.objects.create(
            round=round,
            name=cleaned["name"],
            phone=cleaned["phone"],
            email=cleaned.get("email", ""),
            wants_public=cleaned.get("wants_public", False),
            submitted_at=now,
            source_ip=ip,
            idempotency_key=attempt.key,
            request_fingerprint=attempt.fingerprint if attempt.key else "",
            fingerprint=print_,
            **extra,
        )
        audit(record, f"{name}.submit", ip=ip, after={"round": round.number})
    return Receipt(record, created=True)


def _submitting(model, round, cleaned, **kwargs) -> Receipt:
    for attempt in range(2):
        try:
            return _store(model, round, cleaned, **kwargs)
        except IntegrityError:
            # A twin with the same idempotency key committed first: answer as its replay.
            if attempt == 1 or not idempotency.normal_key(kwargs["key"]):
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def submit_comment(
    round: Round, data: dict, *, idempotency_key: str = "", ip=None, now=None
) -> Receipt:
    if round.consultation.kind != Kind.DRAFT:
        raise NotAccepting("方案征集请提交作品，不接受条文意见。", code="kind")
    cleaned = validated(CommentDataForm(data, round=round))
    return _submitting(
        Comment,
        round,
        cleaned,
        key=idempotency_key,
        ip=ip,
        now=now,
        text=f"{cleaned['clause'].pk if cleaned['clause'] else ''}|{cleaned['text']}",
        extra={"clause": cleaned["clause"], "text": cleaned["text"]},
    )


def submit_entry(
    round: Round, data: dict, *, files=(), idempotency_key: str = "", ip=None, now=None
) -> Receipt:
    from gongkai.files.services import ALL_KINDS, store_upload

    if round.consultation.kind != Kind.CALL:
        raise NotAccepting("草案征求意见请对条文提出意见。", code="kind")
    cleaned = validated(EntryDataForm(data, round=round))
    files = list(files)
    with transaction.atomic():
        receipt = _submitting(
            Entry,
            round,
            cleaned,
            key=idempotency_key,
            ip=ip,
            now=now,
            text=f"{cleaned['title']}|{cleaned['description']}",
            extra={"title": cleaned["title"], "description": cleaned["description"]},
            files=files,
        )
        if receipt.created:
            for f in files:
                EntryFile.objects.create(
                    entry=receipt.record, file=store_upload(f, allowed_kinds=ALL_KINDS)
                )
    return receipt


# -- votes ----------------------------------------------------------------------


def _code_hash(phone: str, purpose: str, code: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{phone}|{purpose}|{code}".encode(), "sha256").hexdigest()


def _voter_phone(phone: str) -> str:
    phone = normal_phone(phone)
    try:
        validate_mobile(phone)
    except ValidationError as error:
        raise DomainError("投票须使用能接收短信的11位手机号码。", code="phone") from error
    return phone


def _check_voting(round: Round, now) -> None:
    if not round.vote_open(now):
        if round.vote_opens_at and now < round.vote_opens_at:
            raise NotAccepting(
                f"投票尚未开始，投票期为{period_text(round.vote_opens_at, round.vote_closes_at)}。",
                code="vote_not_open",
            )
        raise NotAccepting("投票已经结束，感谢您的参与。", code="vote_closed")


def send_vote_code(round: Round, phone: str, *, now=None) -> None:
    """An SMS with a 6-digit code for this round's vote (valid ``VOTE_CODE_MINUTES``)."""
    now = now or timezone.now()
    _check_voting(round, now)
    phone = _voter_phone(phone)
    purpose = f"vote:{round.pk}"
    if Vote.objects.filter(round=round, phone=phone).exists():
        raise DomainError("这个手机号码已经投过票，每个号码只能投一票。", code="voted")
    code = f"{secrets.randbelow(10**6):06d}"
    with transaction.atomic():
        PhoneCode.objects.filter(phone=phone, purpose=purpose, used_at=None).update(used_at=now)
        PhoneCode.objects.create(
            phone=phone,
            purpose=purpose,
            code_hash=_code_hash(phone, purpose, code),
            created_at=now,
            expires_at=now + timedelta(minutes=settings.VOTE_CODE_MINUTES),
        )
        send_notice(
            channel=NoticeChannel.SMS,
            address=phone,
            subject="投票验证码",
            body=f"您的投票验证码是{code}，{settings.VOTE_CODE_MINUTES}分钟内有效。"
            f"“{round.consultation.title}”。如非本人操作，请忽略。",
        )


def cast_vote(round: Round, entry_id: int, phone: str, code: str, *, ip=None, now=None) -> Vote:
    """One vote per phone per round, for a shortlisted entry, with the SMS code."""
    now = now or timezone.now()
    phone = _voter_phone(phone)
    purpose = f"vote:{round.pk}"
    already = DomainError("这个手机号码已经投过票，每个号码只能投一票。", code="voted")
    with transaction.atomic():
        Round.objects.select_for_update().filter(pk=round.pk).get()
        _check_voting(round, now)
        entry = round.entries.filter(pk=entry_id, shortlisted=True).first()
        if entry is None:
            raise DomainError("所选作品不在入围名单中。", code="entry")
        pending = (
            PhoneCode.objects.select_for_update()
            .filter(phone=phone, purpose=purpose, used_at=None, expires_at__gt=now)
            .order_by("-created_at")
            .first()
        )
        if pending is None:
            raise DomainError("验证码已失效或未获取，请重新获取验证码。", code="code_missing")
        if pending.attempts >= CODE_ATTEMPTS:
            raise DomainError("验证码错误次数过多，请重新获取验证码。", code="code_attempts")
        matches = hmac.compare_digest(
            pending.code_hash, _code_hash(phone, purpose, (code or "").strip())
        )
        if not matches:
            # Counted (and committed) before the refusal is raised below.
            PhoneCode.objects.filter(pk=pending.pk).update(attempts=F("attempts") + 1)
        elif Vote.objects.filter(round=round, phone=phone).exists():
            raise already
        else:
            PhoneCode.objects.filter(pk=pending.pk).update(used_at=now)
            try:
                with transaction.atomic():
                    vote = Vote.objects.create(
                        round=round, entry=entry, phone=phone, cast_at=now, source_ip=ip
                    )
            except IntegrityError:  # the same phone's vote committed a moment earlier
                raise already from None
            return vote
    left = CODE_ATTEMPTS - pending.attempts - 1
    raise DomainError(f"验证码不正确，还可以再试{left}次。", code="code_wrong")

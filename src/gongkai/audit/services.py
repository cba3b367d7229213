"""Writing and verifying the audit trail.

``record(...)`` appends an event inside the caller's transaction: the chain head
row is locked first (``select_for_update``; SQLite takes its write lock when
the transaction begins), so concurrent writers are serialised and the chain
never forks. Each hash is an HMAC under the current audit key (``keys``).

``verify()`` walks the chain from the start, checking every link and every
event's HMAC with the key it names, then compares the chain with every signed
head kept outside the database (``anchors``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from . import keys
from .models import GENESIS_HASH, AuditEvent, ChainHead


def _default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, set | frozenset | tuple):
        return sorted(value) if isinstance(value, set | frozenset) else list(value)
    return str(value)


def to_json(value: Any) -> Any:
    """Values as they will be stored: plain JSON types only."""
    if value is None:
        return None
    return json.loads(json.dumps(value, default=_default, ensure_ascii=False))


def event_hash(
    *,
    prev_hash: str,
    at: datetime,
    actor_id: int | None,
    actor_label: str,
    action: str,
    object_type: str,
    object_id: str,
    object_repr: str,
    before: Any,
    after: Any,
    ip: str | None,
    key: keys.Key | None,
) -> str:
    """The event's hash: HMAC-SHA256 under ``key``; plain SHA-256 for events from
    before the chain was keyed (``key`` None)."""
    payload = json.dumps(
        [
            prev_hash,
            at.astimezone(UTC).isoformat(timespec="microseconds"),
            actor_id,
            actor_label,
            action,
            object_type,
            object_id,
            object_repr,
            before,
            after,
            ip,
        ],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    if key is None:
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()
    return key.mac(payload.encode("utf-8"))


def stored_event_hash(event: AuditEvent, *, key: keys.Key | None, **changes: Any) -> str:
    """The hash of a stored ``event`` under ``key``, with ``changes`` (``prev_hash=``,
    ``after=`` …) in place of its stored fields."""
    fields = {
        name: getattr(event, name)
        for name in (
            "prev_hash",
            "at",
            "actor_id",
            "actor_label",
            "action",
            "object_type",
            "object_id",
            "object_repr",
            "before",
            "after",
            "ip",
        )
    }
    return event_hash(**{**fields, **changes}, key=key)


def record(
    action: str,
    *,
    actor=None,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    before: Any = None,
    after: Any = None,
    ip: str | None = None,
    actor_label: str | None = None,
) -> AuditEvent:
    """Append one event. ``actor`` is a user or None for the system."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:255]
    if actor_label is None:
        if actor is None or not getattr(actor, "is_authenticated", False):
            actor_label = "系统"
        else:
            actor_label = f"{actor.get_full_name()}（{actor.get_username()}）"
    actor_id = actor.pk if actor is not None and getattr(actor, "is_authenticated", False) else None
    before, after = to_json(before), to_json(after)
    key = keys.current()
    with transaction.atomic():
        head, _ = ChainHead.objects.select_for_update().get_or_create(id=1)
        at = timezone.now()
        digest = event_hash(
            prev_hash=head.last_hash,
            at=at,
            actor_id=actor_id,
            actor_label=actor_label,
            action=action,
            object_type=object_type,
            object_id=object_id,
            object_repr=object_repr,
            before=before,
            after=after,
            ip=ip,
            key=key,
        )
        event = AuditEvent(
            at=at,
            actor_id=actor_id,
            actor_label=actor_label,
            action=action,
            object_type=object_type,
            object_id=object_id,
            object_repr=object_repr,
            before=before,
            after=after,
            ip=ip,
            prev_hash=head.last_hash,
            hash=digest,
            key_id=key.id,
        )
        event.save()
        ChainHead.objects.filter(id=1).update(count=head.count + 1, last_hash=digest)
    return event


def client_ip(request) -> str | None:
    """The address the request came from: ``gongkai.core.net.client_address``."""
    from gongkai.core.net import client_address

    return client_address(request)


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    message: str
    broken_event_id: int | None = None
    anchors: int = 0  # signed heads compared with the chain
    unkeyed: int = 0  # events from before the chain was keyed


def _broken(checked: int, message: str, event_id: int | None = None) -> VerifyResult:
    return VerifyResult(False, checked, message, event_id)


def verify(batch_size: int = 2000) -> VerifyResult:
    """Walk the chain from the start; report the first broken link.

    Unkeyed events (plain SHA-256, ``key_id`` NULL) are accepted only before
    the first keyed one: an unkeyed event after it is a forgery by someone
    without the key. Then every signed head (``anchors.load_all``) must match
    the chain at its position.
    """
    from . import anchors

    known = keys.known()
    prev = GENESIS_HASH
    checked = unkeyed = 0
    keyed_seen = False
    hash_at: dict[int, str] = {}  # position (1-based) → hash, for the anchors' positions
    signed = anchors.load_all()
    wanted = {anchor.count for anchor in signed}
    queryset = AuditEvent.objects.order_by("id")
    last_id = 0
    while True:
        batch = list(queryset.filter(id__gt=last_id)[:batch_size])
        if not batch:
            break
        for event in batch:
            if event.prev_hash != prev:
                return _broken(
                    checked,
                    f"第 {event.id} 号事件的前序哈希与上一事件不符：其前面的事件被删除或改动。",
                    event.id,
                )
            if event.key_id is None:
                if keyed_seen:
                    return _broken(
                        checked,
                        f"第 {event.id} 号事件没有密钥签名，而其前面的事件已有：该事件被伪造或改动。",
                        event.id,
                    )
                key = None
                unkeyed += 1
            else:
                key = known.get(event.key_id)
                if key is None:
                    return _broken(
                        checked,
                        f"第 {event.id} 号事件使用的审计密钥（{event.key_id}）不在配置中："
                        "请在 GONGKAI_AUDIT_PREVIOUS_KEYS 中提供旧密钥，或该事件被伪造。",
                        event.id,
                    )
                keyed_seen = True
            if stored_event_hash(event, key=key) != event.hash:
                return _broken(checked, f"第 {event.id} 号事件的内容被改动（哈希不符）。", event.id)
            prev = event.hash
            checked += 1
            if checked in wanted:
                hash_at[checked] = prev
            last_id = event.id
    head = ChainHead.objects.filter(id=1).first()
    head_count, head_hash = (head.count, head.last_hash) if head else (0, GENESIS_HASH)
    if head_count != checked or head_hash != prev:
        return _broken(
            checked,
            f"链头记录 {head_count} 条事件，实际可验证 {checked} 条：最新的事件被删除或链头被改动。",
        )
    for anchor in signed:
        problem = anchor.problem(known, hash_at.get(anchor.count), checked)
        if problem:
            return _broken(checked, problem)
    message = f"审计链完整：共 {checked} 条事件，全部校验通过"
    if signed:
        message += f"，与 {len(signed)} 个库外签名链头一致"
    if unkeyed:
        message += f"（其中最早的 {unkeyed} 条事件记录于启用密钥之前，仅有哈希）"
    return VerifyResult(True, checked, message + "。", anchors=len(signed), unkeyed=unkeyed)

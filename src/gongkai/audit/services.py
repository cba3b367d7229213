"""Writing and verifying the audit trail.

``record(...)`` appends an event inside the caller's transaction: the chain head
row is locked first (``select_for_update``; SQLite takes its write lock when
the transaction begins), so concurrent writers are serialised and the chain
never forks.
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
) -> str:
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
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


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
        )
        event.save()
        ChainHead.objects.filter(id=1).update(count=head.count + 1, last_hash=digest)
    return event


def client_ip(request) -> str | None:
    """The address the request came from (proxy-aware through django-axes' settings)."""
    if request is None:
        return None
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request)


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    message: str
    broken_event_id: int | None = None


def verify(batch_size: int = 2000) -> VerifyResult:
    """Walk the chain from the start; report the first broken link."""
    prev = GENESIS_HASH
    checked = 0
    queryset = AuditEvent.objects.order_by("id")
    last_id = 0
    while True:
        batch = list(queryset.filter(id__gt=last_id)[:batch_size])
        if not batch:
            break
        for event in batch:
            if event.prev_hash != prev:
                return VerifyResult(
                    False,
                    checked,
                    f"第 {event.id} 号事件的前序哈希与上一事件不符：其前面的事件被删除或改动。",
                    event.id,
                )
            expected = event_hash(
                prev_hash=event.prev_hash,
                at=event.at,
                actor_id=event.actor_id,
                actor_label=event.actor_label,
                action=event.action,
                object_type=event.object_type,
                object_id=event.object_id,
                object_repr=event.object_repr,
                before=event.before,
                after=event.after,
                ip=event.ip,
            )
            if expected != event.hash:
                return VerifyResult(
                    False, checked, f"第 {event.id} 号事件的内容被改动（哈希不符）。", event.id
                )
            prev = event.hash
            checked += 1
            last_id = event.id
    head = ChainHead.objects.filter(id=1).first()
    head_count, head_hash = (head.count, head.last_hash) if head else (0, GENESIS_HASH)
    if head_count != checked or head_hash != prev:
        return VerifyResult(
            False,
            checked,
            f"链头记录 {head_count} 条事件，实际可验证 {checked} 条：最新的事件被删除或链头被改动。",
        )
    return VerifyResult(True, checked, f"审计链完整：共 {checked} 条事件，全部校验通过。")

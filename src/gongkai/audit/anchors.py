"""Signed chain heads kept outside the database (锚定).

Once a day (``audit.anchor_head``) the chain head — how many events, the hash
of the newest — is signed with the audit key and written to file storage under
``audit/anchors/`` and, when ``AUDIT_ANCHOR_EMAILS`` is set, mailed to those
addresses. ``verify()`` then checks that the chain still has, at each signed
position, the hash that was signed: someone who can write to the database (and
even holds the key) cannot rewrite events from before the last anchor without
also rewriting every copy of it, in storage and in the recipients' mailboxes.

A signed head is a small JSON object::

    {"version": 1, "count": 1234, "last_hash": "…", "at": "2026-12-07T00:30:00+08:00",
     "key_id": "…", "signature": "…"}
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail import send_mail
from django.utils import timezone

from . import keys
from .models import GENESIS_HASH, ChainHead

logger = logging.getLogger("gongkai.audit")

DIRECTORY = "audit/anchors"


def _canonical(fields: dict) -> bytes:
    return json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


@dataclass(frozen=True)
class Anchor:
    name: str  # the file's name in storage
    count: int = 0
    last_hash: str = ""
    at: str = ""
    key_id: str = ""
    signature: str = ""
    unreadable: str = ""  # why the file could not be read as a signed head
    extra: dict = field(default_factory=dict)

    def signed_fields(self) -> dict:
        return {
            "version": 1,
            "count": self.count,
            "last_hash": self.last_hash,
            "at": self.at,
            "key_id": self.key_id,
        }

    def problem(self, known: dict[str, keys.Key], hash_there: str | None, length: int) -> str:
        """What is wrong between this signed head and a chain of ``length`` events
        whose event at position ``count`` has ``hash_there``; "" when they agree."""
        where = f"库外签名链头 {self.name}"
        if self.unreadable:
            return f"{where}无法读取：{self.unreadable}"
        key = known.get(self.key_id)
        if key is None:
            return f"{where}使用的密钥（{self.key_id}）不在配置中，无法核对其签名。"
        if key.mac(_canonical(self.signed_fields())) != self.signature:
            return f"{where}的签名不符：该文件被改动。"
        if self.count > length:
            return (
                f"{where}（{self.at}）记录了 {self.count} 条事件，而审计链现在只有 {length} 条："
                "事件被删除。"
            )
        expected = GENESIS_HASH if self.count == 0 else hash_there
        if expected != self.last_hash:
            return (
                f"审计链第 {self.count} 条事件与{where}（{self.at}）签名时不同："
                "该时刻以前的事件被改写。"
            )
        return ""


def _parse(name: str, raw: bytes) -> Anchor:
    try:
        data = json.loads(raw)
        return Anchor(
            name=name,
            count=int(data["count"]),
            last_hash=str(data["last_hash"]),
            at=str(data["at"]),
            key_id=str(data["key_id"]),
            signature=str(data["signature"]),
        )
    except (ValueError, KeyError, TypeError) as error:
        return Anchor(name=name, unreadable=f"不是有效的签名链头（{error}）")


def load_all(storage=None) -> list[Anchor]:
    """Every signed head in storage, oldest first."""
    storage = storage or default_storage
    try:
        _, names = storage.listdir(DIRECTORY)
    except FileNotFoundError:
        return []
    found = []
    for name in sorted(n for n in names if n.endswith(".json")):
        with storage.open(f"{DIRECTORY}/{name}", "rb") as handle:
            found.append(_parse(name, handle.read()))
    return found


def write(*, now: datetime | None = None, storage=None) -> Anchor:
    """Sign the current chain head; store it (and mail it when recipients are set)."""
    storage = storage or default_storage
    now = timezone.localtime(now or timezone.now())
    head = ChainHead.objects.filter(id=1).first()
    count, last_hash = (head.count, head.last_hash) if head else (0, GENESIS_HASH)
    key = keys.current()
    name = f"{now:%Y%m%dT%H%M%S}-{count}.json"
    anchor = Anchor(name=name, count=count, last_hash=last_hash, at=now.isoformat(), key_id=key.id)
    signature = key.mac(_canonical(anchor.signed_fields()))
    body = {**anchor.signed_fields(), "signature": signature}
    text = json.dumps(body, ensure_ascii=False, indent=2)
    path = f"{DIRECTORY}/{name}"
    if not storage.exists(path):
        storage.save(path, ContentFile(text.encode()))
    if settings.AUDIT_ANCHOR_EMAILS:
        send_mail(
            f"审计链签名链头 {now:%Y-%m-%d}：{count} 条事件",
            "这是政务公开平台审计日志的签名链头，请原样保存本邮件，核查审计日志时使用"
            "（gongkai audit verify 会与存储中的副本核对）。\n\n" + text,
            settings.DEFAULT_FROM_EMAIL,
            settings.AUDIT_ANCHOR_EMAILS,
        )
    logger.info("audit chain head signed: %s events, %s", count, path)
    return Anchor(**{**anchor.__dict__, "signature": signature})

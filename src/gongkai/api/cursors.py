"""Opaque, signed page cursors.

A cursor is a compact JSON position, signed with the site's secret
(``django.core.signing``, salt below), so a client can neither forge nor
alter one: any change to it is refused with HTTP 400. It is bound to the
filters it was made for (a hash of them), so reusing it with other filters is
refused too rather than silently giving a wrong page.

Used by every list of the API that pages by cursor (documents, messages).
Positions are keyset positions (the last item's publication time and id), not
offsets: items published meanwhile never shift later pages, so paging through
gives every item that existed at the start exactly once.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from django.core import signing

from .params import BadParameter

# The salt of the first cursors (those of ``GET /api/v1/documents``), kept so that
# cursors already handed out stay valid.
SALT = "gongkai.disclosure.api.cursor"
VERSION = 1


def filter_hash(key: list) -> str:
    text = json.dumps(key, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def encode(position: dict[str, Any], *, key: list) -> str:
    payload = {"v": VERSION, "f": filter_hash(key), **position}
    return signing.dumps(payload, salt=SALT, compress=True)


def decode(cursor: str, *, key: list) -> dict[str, Any]:
    """The position in ``cursor``; ``BadParameter`` if forged, altered or for other filters."""
    try:
        payload = signing.loads(cursor, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError, OverflowError, UnicodeError):
        raise BadParameter(
            "cursor",
            "参数 cursor 无效：游标已损坏或被修改。请使用上一页响应中的 next 链接，或从第一页重新开始。",
        ) from None
    if not isinstance(payload, dict) or payload.get("v") != VERSION:
        raise BadParameter("cursor", "参数 cursor 已过期（接口已更新），请从第一页重新开始。")
    if payload.get("f") != filter_hash(key):
        raise BadParameter(
            "cursor",
            "参数 cursor 与当前的筛选条件不一致：翻页时请保持其他参数不变，或从第一页重新开始。",
        )
    return payload


def timestamp(value: datetime) -> str:
    return value.isoformat(timespec="microseconds")


def parse_timestamp(value: Any) -> datetime:
    if not isinstance(value, str):
        raise BadParameter("cursor", "参数 cursor 无效，请从第一页重新开始。")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise BadParameter("cursor", "参数 cursor 无效，请从第一页重新开始。") from None
    if parsed.tzinfo is None:
        raise BadParameter("cursor", "参数 cursor 无效，请从第一页重新开始。")
    return parsed


def pk_page(request, rows, *, key: list, limit: int, cursor: str | None):
    """One page of ``rows`` in primary-key order after ``cursor`` (a signed ``{"i": pk}``),
    and the absolute URL of the next page (None on the last): ``(items, next_url)``.
    ``BadParameter`` for a cursor that is not ours or not for these filters."""
    if cursor is not None:
        last = decode(cursor, key=key).get("i")
        if not isinstance(last, int):
            raise BadParameter("cursor", "参数 cursor 无效，请从第一页重新开始。")
        rows = rows.filter(pk__gt=last)
    found = list(rows.order_by("pk")[: limit + 1])
    if len(found) <= limit:
        return found, None
    found = found[:limit]
    following = request.GET.copy()
    following.setlist("cursor", [encode({"i": found[-1].pk}, key=key)])
    return found, request.build_absolute_uri(f"{request.path}?{following.urlencode()}")

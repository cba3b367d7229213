"""What the message endpoints share: the router, constants, refusals, small helpers."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from ninja import Router, Status

from ..models import MessageState

router = Router(tags=["互动交流"])

BEIJING = ZoneInfo("Asia/Shanghai")
REPLIED_STATES = (MessageState.REPLIED, MessageState.CLOSED)
DUE_STATES = (MessageState.ASSIGNED, MessageState.HANDLING, MessageState.REPLY_REVIEW)
STATUSES = {"replied": "已回复", "handling": "办理中"}
TEXT_FIELDS = ("subject", "text", "writer_name", "writer_phone")
FORM_TO_API = {"wants_public": "public", "__all__": "non_field"}
NOT_FOUND = "未找到该留言，或该留言未公开。"
NO_MATCH = "查询码与查询密码（或联系电话）不匹配。"


class Refused(Exception):
    def __init__(self, status: int, body: dict):
        self.status, self.body = status, body


def too_many(response: HttpResponse, message: str, retry_after: int):
    response["Retry-After"] = str(retry_after)
    return Status(429, {"detail": message, "retry_after": retry_after})


def json_object(body: bytes) -> dict:
    try:
        raw = json.loads(body or b"")
    except (ValueError, UnicodeDecodeError):
        raise Refused(400, {"detail": "请求体不是有效的 JSON（UTF-8 编码的对象）。"}) from None
    if not isinstance(raw, dict):
        raise Refused(400, {"detail": '请求体应为 JSON 对象，如 {"subject": "…", …}。'})
    return raw


def lookup_url(request) -> str:
    try:
        url = reverse("interaction_portal:lookup")
    except NoReverseMatch:  # the portal's lookup page has not been wired yet
        url = "/hudong/lookup/"
    return request.build_absolute_uri(url)


def local(value: datetime | None) -> datetime | None:
    return timezone.localtime(value) if value else None

"""What the message endpoints share: the router, constants, refusals, small helpers."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from ninja import Router

from gongkai.api.helpers import Refused, json_object, too_many

from ..models import MessageState

__all__ = ["Refused", "json_object", "router", "too_many"]

router = Router(tags=["互动交流"])

BEIJING = ZoneInfo("Asia/Shanghai")
REPLIED_STATES = (MessageState.REPLIED, MessageState.CLOSED)
DUE_STATES = (MessageState.ASSIGNED, MessageState.HANDLING, MessageState.REPLY_REVIEW)
STATUSES = {"replied": "已回复", "handling": "办理中"}
TEXT_FIELDS = ("subject", "text", "writer_name", "writer_phone")
FORM_TO_API = {"wants_public": "public", "__all__": "non_field"}
NOT_FOUND = "未找到该留言，或该留言未公开。"
NO_MATCH = "查询码与查询密码（或联系电话）不匹配。"


def lookup_url(request) -> str:
    try:
        url = reverse("interaction_portal:lookup")
    except NoReverseMatch:  # the portal's lookup page has not been wired yet
        url = "/hudong/lookup/"
    return request.build_absolute_uri(url)


def local(value: datetime | None) -> datetime | None:
    return timezone.localtime(value) if value else None

"""``POST /api/v1/messages/lookup``: the writer follows a message."""

from __future__ import annotations

from django.utils import timezone
from ninja import Status

from gongkai.api.errors import Problem, problem
from gongkai.core.net import client_key
from gongkai.workflow import timeline

from .. import limits
from ..models import Message, MessageState, Satisfaction
from ..services import find_for_lookup
from .common import (
    DUE_STATES,
    NO_MATCH,
    REPLIED_STATES,
    Refused,
    json_object,
    local,
    lookup_url,
    router,
    too_many,
)
from .schemas import MessageLookupIn, MessageLookupOut


def _lookup_input(raw: dict) -> dict[str, str]:
    errors: dict[str, list[str]] = {}
    values: dict[str, str] = {}
    for key in raw:
        if key not in MessageLookupIn.model_fields:
            errors[key] = ["不是可提交的字段，请检查字段名。"]
    for name in MessageLookupIn.model_fields:
        value = raw.get(name)
        if value is not None and not isinstance(value, str):
            errors[name] = ["应为文本。"]
        values[name] = (value if isinstance(value, str) else "").strip()[:64]
    if not values["query_code"] and "query_code" not in errors:
        errors["query_code"] = ["请填写查询码。"]
    if not values["password"] and not values["phone"] and "password" not in errors:
        errors["password"] = ["请填写查询密码，或留言时填写的联系电话。"]
    if errors:
        raise Refused(422, "请填写查询码和查询密码（或联系电话）。", errors)
    return values


def _rating(message: Message) -> dict | None:
    if not message.satisfaction:
        return None
    return {
        "satisfaction": message.satisfaction,
        "label": Satisfaction(message.satisfaction).label,
        "reason": message.satisfaction_reason,
        "rated_on": message.rated_on,
        "by_callback": message.rated_by_callback_id is not None,
    }


def _can_rate(message: Message) -> bool:
    return (
        message.state == MessageState.REPLIED
        and message.rating_due is not None
        and timezone.localdate() <= message.rating_due
        and (message.rated_at is None or message.rated_at < message.replied_at)
    )


def _lookup_body(request, message: Message) -> dict:
    reply_due = None
    if message.state in DUE_STATES:
        clock = message.reply_clock()
        if clock is not None and not clock.is_finished:
            reply_due = clock.due_date
    department = message.lead_department
    steps = timeline.public_of(message)
    return {
        "query_code": message.query_code,
        "subject": message.subject,
        "channel": {"code": message.channel.code, "name": message.channel.name},
        "type": {"code": message.message_type.code, "name": message.message_type.name},
        "state": message.state,
        "state_label": message.get_state_display(),
        "submitted_at": local(message.submitted_at),
        "accepted_at": local(message.accepted_at),
        "replied_at": local(message.replied_at),
        "department": {"id": department.pk, "name": department.name} if department else None,
        "reply_due": reply_due,
        "reply_due_provisional": bool(reply_due and clock.provisional),
        "steps": [{"kind": s.kind, "label": s.title, "on": s.on, "text": s.text} for s in steps],
        "reply": message.reply_text if message.state in REPLIED_STATES else None,
        "rating": _rating(message),
        "can_rate": _can_rate(message),
        "rating_due": message.rating_due,
        "public_url": request.build_absolute_uri(message.get_public_url())
        if message.published_at
        else None,
        "lookup_url": lookup_url(request),
    }


@router.post(
    "/messages/lookup",
    operation_id="lookUpMessage",
    response={
        200: MessageLookupOut,
        400: Problem,
        404: Problem,
        422: Problem,
        429: Problem,
    },
    summary="凭查询码和查询密码（或联系电话）查询留言办理情况和答复",
    description="查询码与查询密码（或联系电话）不匹配时，无论哪一项有误，都返回同一个 404 说明；"
    "错误次数过多时返回 429 和 Retry-After。",
    url_name="messages_lookup",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": MessageLookupIn.model_json_schema()}},
        }
    },
)
def lookup(request):
    try:
        values = _lookup_input(json_object(request.body))
    except Refused as refused:
        return refused.response(request)
    lockout = limits.LOOKUP_LOCKOUT
    outcome = lockout.look_up(
        client_key(request),
        values["query_code"],
        password=values["password"],
        phone=values["phone"],
        find=find_for_lookup,
    )
    if outcome.refused is not None:
        return too_many(request, lockout.message(outcome.refused), outcome.refused.retry_after)
    if outcome.found is None:
        return problem(request, 404, "not-found", f"{NO_MATCH}{outcome.warning}")
    message = Message.objects.select_related("channel", "message_type", "lead_department").get(
        pk=outcome.found.pk
    )
    return Status(200, _lookup_body(request, message))

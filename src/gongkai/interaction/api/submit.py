"""``POST /api/v1/messages``: a citizen writes to a board."""

from __future__ import annotations

from ninja import Status

from gongkai.api.errors import Problem
from gongkai.api.helpers import (
    idempotency_key,
    idempotency_refusal,
    json_body_with_idempotency_key,
)
from gongkai.core import idempotency
from gongkai.core.net import client_key
from gongkai.orgs.models import Government

from .. import limits
from ..models import Channel, MessageState, MessageType
from ..services import submit_message
from ..validation import MessageInvalid, clean_message
from .common import (
    FORM_TO_API,
    TEXT_FIELDS,
    Refused,
    json_object,
    local,
    lookup_url,
    router,
    too_many,
)
from .schemas import MessageIn, MessageSubmittedOut


def _form_data(raw: dict) -> tuple[dict, dict[str, list[str]]]:
    """The form's data (reference codes as primary keys) and the API's own errors."""
    errors: dict[str, list[str]] = {}
    data: dict = {}
    for key in raw:
        if key not in MessageIn.model_fields:
            errors[key] = ["不是可提交的字段，请检查字段名。"]
    for name in (*TEXT_FIELDS, "channel", "message_type", "place"):
        value = raw.get(name)
        if value is None:
            data[name] = ""
        elif isinstance(value, str):
            data[name] = value
        else:
            errors[name] = ["应为文本。"]
            data[name] = ""
    public = raw.get("public", False)
    if not isinstance(public, bool):
        errors["public"] = ["应为 true 或 false。"]
    data["wants_public"] = public is True
    if code := data["channel"].strip():
        data["channel"] = (
            Channel.objects.filter(code=code, active=True).values_list("pk", flat=True).first()
        )
        if data["channel"] is None:
            errors["channel"] = [f"未找到代码为“{code[:40]}”的留言渠道，或该渠道已停用。"]
    if code := data["message_type"].strip():
        types = dict(MessageType.objects.values_list("code", "pk"))
        data["message_type"] = types.get(code)
        if data["message_type"] is None:
            errors["message_type"] = [f"留言类型“{code[:20]}”不正确，可选：{'、'.join(types)}。"]
    if code := data["place"].strip():
        data["place"] = Government.objects.filter(code=code).values_list("pk", flat=True).first()
        if data["place"] is None:
            errors["place"] = [f"未找到行政区划代码为“{code[:20]}”的地区。"]
    return {k: ("" if v is None else v) for k, v in data.items()}, errors


def _api_errors(form_errors: dict[str, list[str]]) -> dict[str, list[str]]:
    return {FORM_TO_API.get(name, name): messages for name, messages in form_errors.items()}


def _invalid(errors: dict[str, list[str]]) -> Refused:
    return Refused(422, "留言未提交：请按各字段的说明修改后重新提交。", errors)


@router.post(
    "/messages",
    operation_id="submitMessage",
    response={
        201: MessageSubmittedOut,
        200: MessageSubmittedOut,
        400: Problem,
        409: Problem,
        422: Problem,
        429: Problem,
    },
    summary="网上留言（市委书记、市长留言板，市长信箱等；无需账号）",
    description="字段校验与留言板网页相同；无效时返回 422 和各字段的中文说明，不保存任何内容。"
    "同一联系电话、同一网络地址的留言数有上限，超过时返回 429 和 Retry-After。"
    "同一 Idempotency-Key 重复提交相同内容返回 200 和第一次的查询码、查询密码；"
    "同一联系电话在几分钟内以其他键（或不带键）再次提交相同内容返回 409，不重复受理。",
    url_name="messages_submit",
    openapi_extra=json_body_with_idempotency_key(MessageIn, "一条留言"),
)
def submit(request):
    ip = client_key(request)
    try:
        key = idempotency_key(request)
    except Refused as refused:
        return refused.response(request)
    try:
        raw = json_object(request.body)
        phone = raw.get("writer_phone") if isinstance(raw.get("writer_phone"), str) else ""
        blocked = limits.submit_blocked(ip, phone)
        if blocked is not None:
            return too_many(request, limits.submit_message(blocked), blocked.retry_after)
        data, errors = _form_data(raw)
        if errors:
            try:
                clean_message(data)
                form_errors: dict[str, list[str]] = {}
            except MessageInvalid as invalid:
                form_errors = _api_errors(invalid.errors)
            raise _invalid({**form_errors, **errors})
        try:
            submission = submit_message(data, idempotency_key=key, ip=ip)
        except MessageInvalid as invalid:
            raise _invalid(_api_errors(invalid.errors)) from None
        except idempotency.Refused as refused:
            return idempotency_refusal(request, refused)
    except Refused as refused:
        return refused.response(request)
    if submission.created:
        limits.count_submission(ip, phone)
    message = submission.message
    return Status(
        201 if submission.created else 200,
        {
            "query_code": message.query_code,
            "password": submission.password,
            "created": submission.created,
            "state": message.state,
            "state_label": MessageState(message.state).label,
            "channel": {"code": message.channel.code, "name": message.channel.name},
            "submitted_at": local(message.submitted_at),
            "lookup_url": lookup_url(request),
        },
    )

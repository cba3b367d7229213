"""``POST /api/v1/consultations/{id}/comments``: a comment on a draft."""

from __future__ import annotations

from django.utils import timezone
from ninja import Status

from gongkai.api.errors import Problem, problem
from gongkai.api.helpers import (
    Refused,
    idempotency_key,
    idempotency_refusal,
    json_body_with_idempotency_key,
    json_object,
    too_many,
)
from gongkai.core import idempotency
from gongkai.core.net import client_key

from .. import limits, services
from ..models import Kind, Moderation
from ..portal.common import public_consultations
from ..validation import CommentDataForm, ParticipationInvalid, validated
from .common import router
from .schemas import CommentIn, CommentOut

TEXT_FIELDS = ("text", "name", "phone", "email")
FORM_TO_API = {"wants_public": "public", "__all__": "non_field"}


def _form_data(raw: dict) -> tuple[dict, dict[str, list[str]]]:
    errors: dict[str, list[str]] = {}
    for key in raw:
        if key not in CommentIn.model_fields:
            errors[key] = ["不是可提交的字段，请检查字段名。"]
    data: dict = {}
    for name in TEXT_FIELDS:
        value = raw.get(name)
        if value is None:
            data[name] = ""
        elif isinstance(value, str):
            data[name] = value
        else:
            errors[name] = ["应为文本。"]
            data[name] = ""
    clause = raw.get("clause")
    if clause is not None and (isinstance(clause, bool) or not isinstance(clause, int)):
        errors["clause"] = ["应为条款序号（整数），或不填。"]
        clause = None
    data["clause"] = clause
    public = raw.get("public", False)
    if not isinstance(public, bool):
        errors["public"] = ["应为 true 或 false。"]
    data["wants_public"] = public is True
    return data, errors


def _invalid(errors: dict[str, list[str]]) -> Refused:
    api = {FORM_TO_API.get(name, name): messages for name, messages in errors.items()}
    return Refused(422, "意见未提交：请按各字段的说明修改后重新提交。", api)


@router.post(
    "/consultations/{consultation_id}/comments",
    operation_id="submitComment",
    response={
        201: CommentOut,
        200: CommentOut,
        400: Problem,
        404: Problem,
        409: Problem,
        422: Problem,
        429: Problem,
    },
    summary="对征求意见的草案提出意见（无需账号）",
    description="校验规则与网页相同；征集期外返回 409（说明开始或截止时间），无效时返回 422 和各字段的"
    "中文说明，不保存任何内容。同一联系电话、同一网络地址的提交数有上限，超过时返回 429 和 Retry-After。"
    "同一联系电话在同一轮以其他 Idempotency-Key（或不带键）再次提交相同意见返回 409，不重复受理。",
    url_name="consultation_comment",
    openapi_extra=json_body_with_idempotency_key(CommentIn, "一条意见"),
)
def comment(request, consultation_id: int):
    consultation = (
        public_consultations().prefetch_related("rounds").filter(pk=consultation_id).first()
    )
    if consultation is None:
        return problem(request, 404, "not-found", "未找到该意见征集，或它尚未发布。")
    if consultation.kind != Kind.DRAFT:
        return problem(
            request, 409, "conflict", "方案征集请在网页上提交作品，此接口只接受对草案的意见。"
        )
    ip = client_key(request)
    try:
        key = idempotency_key(request)
    except Refused as refused:
        return refused.response(request)
    try:
        raw = json_object(request.body)
        phone = raw.get("phone") if isinstance(raw.get("phone"), str) else ""
        blocked = limits.blocked(ip, phone)
        if blocked is not None:
            return too_many(request, limits.refusal_text(blocked), blocked.retry_after)
        data, errors = _form_data(raw)
        round = consultation.current_round()
        if errors:  # nothing is stored; the form's own messages are listed too
            try:
                validated(CommentDataForm(data, round=round))
                form_errors: dict[str, list[str]] = {}
            except ParticipationInvalid as invalid:
                form_errors = invalid.errors
            raise _invalid({**form_errors, **errors})
        try:
            receipt = services.submit_comment(round, data, idempotency_key=key, ip=ip)
        except ParticipationInvalid as invalid:
            raise _invalid(invalid.errors) from None
    except Refused as refused:
        return refused.response(request)
    except services.NotAccepting as refused:
        return problem(request, 409, "conflict", refused.message)
    except idempotency.Refused as refused:
        return idempotency_refusal(request, refused)
    if receipt.created:
        limits.count(ip, phone)
    c = receipt.record
    return Status(
        201 if receipt.created else 200,
        {
            "id": c.pk,
            "created": receipt.created,
            "consultation": consultation.pk,
            "round": round.number,
            "clause": c.clause.position if c.clause_id else None,
            "moderation": c.moderation,
            "moderation_label": Moderation(c.moderation).label,
            "submitted_at": timezone.localtime(c.submitted_at),
        },
    )

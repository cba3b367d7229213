"""Small pieces every public endpoint needs: a refusal with a status, the JSON body, 429."""

from __future__ import annotations

import json
import re

from django.http import HttpResponse
from ninja import Status

IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,64}$")


class Refused(Exception):
    """Raised inside an endpoint; the endpoint answers ``Status(status, body)``."""

    def __init__(self, status: int, body: dict):
        self.status, self.body = status, body


def too_many(response: HttpResponse, message: str, retry_after: int):
    response["Retry-After"] = str(retry_after)
    return Status(429, {"detail": message, "retry_after": retry_after})


def json_object(body: bytes) -> dict:
    """The request body as a JSON object, or ``Refused(400)`` saying what is wrong."""
    try:
        raw = json.loads(body or b"")
    except (ValueError, UnicodeDecodeError):
        raise Refused(400, {"detail": "请求体不是有效的 JSON（UTF-8 编码的对象）。"}) from None
    if not isinstance(raw, dict):
        raise Refused(400, {"detail": '请求体应为 JSON 对象，如 {"text": "…", …}。'})
    return raw


def json_body_with_idempotency_key(schema, what: str) -> dict:
    """``openapi_extra`` of a POST taking a JSON ``schema`` and an optional
    ``Idempotency-Key`` header under which repeats make one ``what`` (一件申请…)."""
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": schema.model_json_schema()}},
        },
        "parameters": [
            {
                "name": "Idempotency-Key",
                "in": "header",
                "required": False,
                "description": f"同一个键重复提交完全相同的内容只产生{what}，并返回第一次的结果"
                "（1–64 个可见 ASCII 字符，如 UUID）；同一个键用于不同内容，或超过有效期"
                "（GONGKAI_IDEMPOTENCY_HOURS，默认 24 小时）后再用，返回 422",
                "schema": {"type": "string"},
            }
        ],
    }


def idempotency_refusal(refused):
    """The answer to ``gongkai.core.idempotency.Refused``: 422 for a key reused with
    another body or expired (``errors`` names the header), 409 for the same content
    submitted before under another key. Nothing about the earlier record."""
    body: dict = {"detail": refused.message}
    if refused.status == 422:
        body["errors"] = {"Idempotency-Key": [refused.message]}
    return Status(refused.status, body)


def idempotency_key(request) -> str:
    """The request's ``Idempotency-Key`` header ("" when absent), or ``Refused(400)``."""
    key = request.headers.get("Idempotency-Key", "")
    if key and not IDEMPOTENCY_KEY.match(key):
        raise Refused(400, {"detail": "Idempotency-Key 应为 1–64 个可见 ASCII 字符（如 UUID）。"})
    return key

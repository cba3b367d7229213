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
                "description": f"同一个键重复提交只产生{what}（1–64 个可见 ASCII 字符，如 UUID）",
                "schema": {"type": "string"},
            }
        ],
    }


def idempotency_key(request) -> str:
    """The request's ``Idempotency-Key`` header ("" when absent), or ``Refused(400)``."""
    key = request.headers.get("Idempotency-Key", "")
    if key and not IDEMPOTENCY_KEY.match(key):
        raise Refused(400, {"detail": "Idempotency-Key 应为 1–64 个可见 ASCII 字符（如 UUID）。"})
    return key

"""Small pieces every public endpoint needs: the JSON body, the ``Idempotency-Key``
header; refusals (``Refused``, ``too_many``) are problems of ``gongkai.api.errors``."""

from __future__ import annotations

import json
import re

from gongkai.core.text import UnsafeText, check_text, clean_field, clean_text, scrub_text

from .errors import Refused, problem, too_many

__all__ = ["Refused", "json_object", "problem", "too_many"]

IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,64}$")


MAX_JSON_DEPTH = 16
NOT_JSON = "请求体不是有效的 JSON（UTF-8 编码的对象）。"
TOO_DEEP = f"请求体的 JSON 嵌套过深（最多 {MAX_JSON_DEPTH} 层）。"
FIELDS_INVALID = "提交的内容有误：请按各字段的说明修改后重新提交。"


class _TooDeep(Exception):
    pass


def _no_constant(name: str):
    raise ValueError(name)  # NaN, Infinity: not JSON


def json_object(body: bytes, *, example: str = '{"text": "…", …}', detail: str = "") -> dict:
    """The request body as a JSON object with its text cleaned (``gongkai.core.text``:
    bidi controls removed, identifiers such as phone numbers NFKC-folded), or
    ``Refused(400)`` saying what is wrong (not JSON, nested deeper than
    ``MAX_JSON_DEPTH``), or ``Refused(422)`` naming each field that holds a lone
    surrogate or a control character (``detail`` or a general sentence)."""
    try:
        raw = json.loads(body or b"", parse_constant=_no_constant)
    except RecursionError:
        raise Refused(400, TOO_DEEP, kind="invalid-body") from None
    except (ValueError, UnicodeDecodeError):
        raise Refused(400, NOT_JSON, kind="invalid-body") from None
    if not isinstance(raw, dict):
        raise Refused(400, f"请求体应为 JSON 对象，如 {example}。", kind="invalid-body")
    return clean_json_fields(raw, detail=detail)


def clean_json_fields(raw: dict, *, detail: str = "") -> dict:
    """``raw`` (a parsed JSON object) with each field cleaned by ``gongkai.core.text``:
    the top-level strings by their field's rule, nested strings as free text."""
    errors: dict[str, list[str]] = {}
    clean: dict = {}
    for key, value in raw.items():
        name = scrub_text(key)
        try:
            check_text(key)
            clean[key] = _clean_value(key, value)
        except UnsafeText as unsafe:
            errors[name] = [unsafe.message]
        except _TooDeep:
            raise Refused(400, TOO_DEEP, kind="invalid-body") from None
    if errors:
        raise Refused(422, detail or FIELDS_INVALID, errors, kind="invalid-fields")
    return clean


def _clean_value(name: str, value):
    if isinstance(value, str):
        return clean_field(name, value)
    if not isinstance(value, list | dict):
        return value
    return _clean_nested(value)


def _clean_nested(value):
    """Nested lists and objects, cleaned without recursion, at most ``MAX_JSON_DEPTH`` deep."""
    root = [value]
    stack = [(root, 0, 1)]
    while stack:
        container, index, depth = stack.pop()
        item = container[index]
        if isinstance(item, str):
            container[index] = clean_text(item)
            continue
        if not isinstance(item, list | dict):
            continue
        if depth > MAX_JSON_DEPTH:
            raise _TooDeep
        if isinstance(item, dict):
            for key in item:
                check_text(key)
            item = dict(item)
            container[index] = item
            stack.extend((item, key, depth + 1) for key in item)
        else:
            item = list(item)
            container[index] = item
            stack.extend((item, i, depth + 1) for i in range(len(item)))
    return root[0]


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


def idempotency_refusal(request, refused):
    """The answer to ``gongkai.core.idempotency.Refused``: 422 for a key reused with
    another body or expired (``errors`` names the header), 409 for the same content
    submitted before under another key. Nothing about the earlier record."""
    if refused.status == 422:
        errors = {"Idempotency-Key": refused.message}
        return problem(request, 422, "idempotency-key-unusable", refused.message, errors)
    return problem(request, refused.status, "duplicate-submission", refused.message)


def idempotency_key(request) -> str:
    """The request's ``Idempotency-Key`` header ("" when absent), or ``Refused(400)``."""
    key = request.headers.get("Idempotency-Key", "")
    if key and not IDEMPOTENCY_KEY.match(key):
        message = "Idempotency-Key 应为 1–64 个可见 ASCII 字符（如 UUID）。"
        raise Refused(400, message, {"Idempotency-Key": message}, kind="invalid-header")
    return key

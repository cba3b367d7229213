"""How the API answers what an endpoint did not answer itself: every refusal is JSON
with a Chinese ``detail`` and, for 422, ``errors`` (field → Chinese messages).

* ninja's own validation (path, query and pydantic bodies): 422 with ``errors``
  in Chinese instead of pydantic's English list;
* a body that is not JSON, nested too deep or holding unusable text
  (``ApiParser`` runs ``gongkai.api.helpers.json_object``): 400 or 422;
* a body over ``DATA_UPLOAD_MAX_MEMORY_SIZE``: 413;
* an ``HttpError(422, …)``: 422 with ``errors`` too.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404
from ninja.errors import HttpError, ValidationError
from ninja.parser import Parser

from gongkai.core.text import SURROGATE_MESSAGE

from .helpers import NOT_JSON, Refused, json_object

NOT_FOUND = "未找到：路径中的编号或代码所指的对象不存在。"
REQUEST_INVALID = "请求未处理：请按各参数的说明修改后重试。"
DATE_INVALID = "日期格式不正确，请按“2026-03-17”的格式填写。"

_MESSAGES = {
    "missing": "请填写此项。",
    "string_type": "应为文本。",
    "string_unicode": SURROGATE_MESSAGE,
    "string_too_long": "不能超过{max_length}个字符。",
    "string_too_short": "至少{min_length}个字符。",
    "string_pattern_mismatch": "格式不正确。",
    "int_type": "应为整数。",
    "int_parsing": "应为整数。",
    "int_parsing_size": "整数过大。",
    "int_from_float": "应为整数。",
    "float_type": "应为数字。",
    "float_parsing": "应为数字。",
    "greater_than": "应大于{gt}。",
    "greater_than_equal": "不能小于{ge}。",
    "less_than": "应小于{lt}。",
    "less_than_equal": "不能大于{le}。",
    "bool_type": "应为 true 或 false。",
    "bool_parsing": "应为 true 或 false。",
    "date_type": DATE_INVALID,
    "date_parsing": DATE_INVALID,
    "date_from_datetime_parsing": DATE_INVALID,
    "date_from_datetime_inexact": DATE_INVALID,
    "literal_error": "可选值：{expected}。",
    "enum": "可选值：{expected}。",
    "extra_forbidden": "不是可提交的字段，请检查字段名。",
    "dict_type": "应为 JSON 对象。",
    "model_type": "应为 JSON 对象。",
    "model_attributes_type": "应为 JSON 对象。",
    "list_type": "应为数组。",
    "too_long": "最多{max_length}项。",
    "too_short": "至少{min_length}项。",
}


def chinese_message(error: dict) -> str:
    template = _MESSAGES.get(error.get("type", ""), "取值无效。")
    try:
        return template.format(**(error.get("ctx") or {}))
    except (KeyError, IndexError, ValueError):
        return "取值无效。"


def field_name(loc) -> str:
    """``("body", "payload", "phone")`` → ``phone``; ``("query", "start")`` → ``start``."""
    parts = [str(p) for p in loc]
    if parts and parts[0] == "body":
        parts = parts[2:] if len(parts) > 2 else ["body"]
    elif parts and parts[0] in ("query", "path", "header", "cookie", "form", "file"):
        parts = parts[1:]
    return ".".join(parts) or "non_field"


def validation_errors(errors: list[dict]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for error in errors:
        messages = out.setdefault(field_name(error.get("loc", ())), [])
        message = chinese_message(error)
        if message not in messages:
            messages.append(message)
    return out


class ApiParser(Parser):
    """ninja's JSON bodies through ``json_object``: the same limits and cleaning as the
    endpoints that read ``request.body`` themselves."""

    def parse_body(self, request):
        return json_object(request.body)


def too_big_body() -> dict:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
    upload = settings.UPLOAD_MAX_BYTES // (1024 * 1024)
    return {
        "detail": f"请求体过大（最多约 {limit} MB；每个附件最大 {upload} MB）。"
        "请缩小附件后重新提交。"
    }


def install(api) -> None:
    """Register the handlers on the ``NinjaAPI``."""

    def on_validation_error(request, exc: ValidationError):
        errors = validation_errors(exc.errors)
        return api.create_response(
            request, {"detail": REQUEST_INVALID, "errors": errors}, status=422
        )

    def on_http_error(request, exc: HttpError):
        cause = exc.__cause__
        if isinstance(cause, Refused):
            return api.create_response(request, cause.body, status=cause.status)
        if isinstance(cause, RequestDataTooBig):
            return api.create_response(request, too_big_body(), status=413)
        if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
            return api.create_response(request, {"detail": NOT_JSON}, status=400)
        body: dict = {"detail": str(exc)}
        if exc.status_code == 422:
            body["errors"] = {"non_field": [str(exc)]}
        return api.create_response(request, body, status=exc.status_code)

    def on_too_big(request, exc: RequestDataTooBig):
        return api.create_response(request, too_big_body(), status=413)

    def on_refused(request, exc: Refused):
        return api.create_response(request, exc.body, status=exc.status)

    def on_not_found(request, exc: Http404):
        return api.create_response(request, {"detail": NOT_FOUND}, status=404)

    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(ValidationError, on_validation_error)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(RequestDataTooBig, on_too_big)
    api.add_exception_handler(Refused, on_refused)

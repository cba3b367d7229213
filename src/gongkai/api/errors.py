"""Every refusal of the API is a problem (RFC 9457), built here and nowhere else.

An error response has ``Content-Type: application/problem+json`` and the body::

    {
      "type": "/api/v1/problems/invalid-fields",   # one stable URI per kind (PROBLEM_KINDS)
      "title": "提交的内容有误",                    # the kind's short Chinese summary
      "status": 422,                                # the HTTP status, always equal to it
      "detail": "申请未提交：请按各字段的说明修改后重新提交。",
      "instance": "/api/v1/applications",           # the request's path
      "errors": [{"field": "phone", "message": "请填写联系电话。"}]
    }

``errors`` is present for field errors (422, and a 400 naming a query parameter
or header): one ``{field, message}`` per message, ``field`` a name or a dotted
path (``attachments.0.purpose``), ``non_field`` for the request as a whole. A
429 also has ``retry_after`` (seconds, as the ``Retry-After`` header). ``type``
is a relative URI under ``/api/v1/problems/``; a status without a kind of its
own has ``about:blank`` and the status's reason phrase as its title.

Endpoints answer a refusal with ``problem(request, status, kind, detail, errors)``
or raise ``Refused(status, detail, errors=…)`` (handled below, like ``HttpError``).
What an endpoint does not answer itself is turned into a problem by the handlers
``install`` registers:

* ninja's own validation (path, query and pydantic bodies): 422 with ``errors``
  in Chinese instead of pydantic's English list;
* a body that is not JSON, nested too deep or holding unusable text
  (``ApiParser`` runs ``gongkai.api.helpers.json_object``): 400 or 422;
* a body over ``DATA_UPLOAD_MAX_MEMORY_SIZE``: 413;
* an ``HttpError`` (401 and 403 of the token check, 404 …): its status; 422 with
  ``errors`` too;
* ``Http404``: 404; an unexpected exception: 500 (with ``DEBUG`` off; Django's
  debug page otherwise), reported as Django reports any server error.

``GongkaiAPI`` (``gongkai.api.urls``) adds the rest: 405 for a method the path
does not take, 404 for a path the API does not have.
"""

from __future__ import annotations

import http
import json
import logging
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import (
    BadRequest,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
)
from django.core.signals import got_request_exception
from django.http import Http404, HttpResponse
from django.http.multipartparser import MultiPartParserError
from ninja import Field, Schema
from ninja.errors import HttpError, ValidationError
from ninja.parser import Parser
from ninja.responses import NinjaJSONEncoder

from gongkai.core.text import SURROGATE_MESSAGE

CONTENT_TYPE = "application/problem+json"
TYPE_PREFIX = "/api/v1/problems/"
NON_FIELD = "non_field"

# slug → (status, title). The slug is the last part of the problem's ``type``.
PROBLEM_KINDS: dict[str, tuple[int, str]] = {
    "invalid-parameter": (400, "查询参数无效"),
    "invalid-header": (400, "请求头无效"),
    "invalid-body": (400, "请求体无效"),
    "unauthorized": (401, "未提供有效的访问令牌"),
    "forbidden": (403, "无权访问"),
    "not-found": (404, "未找到"),
    "method-not-allowed": (405, "不支持该请求方法"),
    "conflict": (409, "与当前状态冲突"),
    "duplicate-submission": (409, "重复提交"),
    "idempotency-key-conflict": (409, "Idempotency-Key 已用于其他内容"),
    "gone": (410, "已不再公开"),
    "body-too-large": (413, "请求体过大"),
    "invalid-fields": (422, "提交的内容有误"),
    "idempotency-key-unusable": (422, "Idempotency-Key 不可再用"),
    "calendar-missing": (422, "缺少节假日安排"),
    "rate-limited": (429, "请求过于频繁"),
    "server-error": (500, "服务器内部错误"),
}
# The kind a status gets when the caller names none.
DEFAULT_KINDS = {
    400: "invalid-body",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    410: "gone",
    413: "body-too-large",
    422: "invalid-fields",
    429: "rate-limited",
    500: "server-error",
}

NOT_FOUND = "未找到：路径中的编号或代码所指的对象不存在。"
NO_SUCH_PATH = "未找到：API 没有这个地址，请对照 /api/v1/docs 检查路径。"
METHOD_NOT_ALLOWED = "此地址不支持 {method} 请求，可用的方法：{allowed}。"
FORBIDDEN = "无权执行此操作。"
BAD_REQUEST = "请求无效：请检查请求的格式后重试。"
SERVER_ERROR = "服务器内部错误：请求未能处理，请稍后重试；如果问题持续，请联系系统管理员。"
REQUEST_INVALID = "请求未处理：请按各参数的说明修改后重试。"
DATE_INVALID = "日期格式不正确，请按“2026-03-17”的格式填写。"

logger = logging.getLogger("django.request")


# -- the schema ---------------------------------------------------------------------------


class FieldError(Schema):
    field: str = Field(
        description="字段名、参数名或请求头名；嵌套字段以点连接（attachments.0.purpose）；"
        "non_field 指整个请求"
    )
    message: str = Field(description="该字段的错误说明（中文）")


# The docstring is the schema's description in the API documentation (Chinese).
class Problem(Schema):
    """错误响应：RFC 9457 问题详情（application/problem+json）。"""

    type: str = Field(
        description="问题类型：/api/v1/problems/<类型>（见接口文档“错误”一节），或 about:blank"
    )
    title: str = Field(description="问题类型的简短说明（中文）")
    status: int = Field(description="HTTP 状态码")
    detail: str = Field(description="本次错误的说明（中文）")
    instance: str | None = Field(None, description="出错的请求路径")
    errors: list[FieldError] | None = Field(
        None, description="字段错误（422，以及指明参数的 400）：每条说明一项"
    )
    retry_after: int | None = Field(None, description="429：多少秒后可以再试（同 Retry-After）")


def description() -> str:
    """The errors section of the API's description (Markdown, shown at /api/v1/docs)."""
    lines = [
        "## 错误",
        "",
        "所有错误都是 RFC 9457 问题详情，Content-Type 为 application/problem+json："
        "type 为问题类型（下表，相对地址），title 为类型的中文简述，status 同 HTTP 状态码，"
        "detail 为本次错误的中文说明，instance 为请求路径。字段错误（422，以及指明查询参数"
        "或请求头的 400）另有 errors：每条说明一项 {field, message}，field 为字段名、参数名"
        "或请求头名（嵌套字段以点连接，non_field 指整个请求）。429 另有 retry_after（秒，"
        "同 Retry-After 响应头）。没有专门类型的状态码，type 为 about:blank。",
        "",
        "| type | 状态码 | title |",
        "| --- | --- | --- |",
    ]
    lines += [
        f"| `{TYPE_PREFIX}{kind}` | {status} | {title} |"
        for kind, (status, title) in PROBLEM_KINDS.items()
    ]
    return "\n".join(lines)


# -- building one -------------------------------------------------------------------------


ErrorsIn = Mapping[str, str | Iterable[str]] | Iterable[Mapping[str, str]] | None


def field_errors(errors: ErrorsIn) -> list[dict[str, str]]:
    """``{field: message or [messages]}`` (or a list already in the shape) as the
    problem's list: one ``{"field", "message"}`` per message, in order."""
    if not errors:
        return []
    if isinstance(errors, Mapping):
        out = []
        for name, messages in errors.items():
            for message in [messages] if isinstance(messages, str) else messages:
                out.append({"field": str(name), "message": str(message)})
        return out
    return [{"field": str(e["field"]), "message": str(e["message"])} for e in errors]


def problem_type(kind: str | None) -> str:
    return TYPE_PREFIX + kind if kind in PROBLEM_KINDS else "about:blank"


def problem_body(
    request, status: int, kind: str | None, detail: str, errors: ErrorsIn = None, **extensions
) -> dict[str, Any]:
    kind = kind or DEFAULT_KINDS.get(status)
    if kind in PROBLEM_KINDS:
        title = PROBLEM_KINDS[kind][1]
    else:
        try:
            title = http.HTTPStatus(status).phrase
        except ValueError:
            title = "Error"
    body: dict[str, Any] = {
        "type": problem_type(kind),
        "title": title,
        "status": status,
        "detail": detail,
    }
    if request is not None:
        body["instance"] = request.path
    listed = field_errors(errors)
    if listed or errors is not None:
        body["errors"] = listed
    body.update({k: v for k, v in extensions.items() if v is not None})
    return body


def problem(
    request,
    status: int,
    kind: str | None,
    detail: str,
    errors: ErrorsIn = None,
    *,
    headers: Mapping[str, str] | None = None,
    **extensions,
) -> HttpResponse:
    """The answer to a refused request: ``application/problem+json`` with ``status``.

    ``kind`` is a key of ``PROBLEM_KINDS`` (``None``: the status's usual kind);
    ``errors`` a mapping field → message(s) or a list of ``{field, message}``;
    ``extensions`` further members (``retry_after``)."""
    body = problem_body(request, status, kind, detail, errors, **extensions)
    content = json.dumps(body, cls=NinjaJSONEncoder, ensure_ascii=False)
    response = HttpResponse(content, status=status, content_type=CONTENT_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


class Refused(HttpError):
    """Raised inside an endpoint (or a helper it calls); the API answers it with
    ``problem(request, status, kind, detail, errors, **extensions)``. An
    ``HttpError``, so that a bare ``NinjaAPI`` still answers it with its status."""

    def __init__(
        self,
        status: int,
        detail: str,
        errors: ErrorsIn = None,
        *,
        kind: str | None = None,
        headers: Mapping[str, str] | None = None,
        **extensions,
    ):
        super().__init__(status, detail)
        self.status, self.detail, self.kind = status, detail, kind
        self.errors, self.headers, self.extensions = errors, headers, extensions

    def response(self, request) -> HttpResponse:
        return problem(
            request,
            self.status,
            self.kind,
            self.detail,
            self.errors,
            headers=self.headers,
            **self.extensions,
        )


def too_many(request, message: str, retry_after: int) -> HttpResponse:
    """429 with ``Retry-After`` (seconds) as header and as ``retry_after``."""
    return problem(
        request,
        429,
        "rate-limited",
        message,
        headers={"Retry-After": str(retry_after)},
        retry_after=retry_after,
    )


def not_found(request, detail: str = NOT_FOUND) -> HttpResponse:
    return problem(request, 404, "not-found", detail)


def bad_parameter(request, error) -> HttpResponse:
    """400 for a ``gongkai.api.params.BadParameter``, naming the parameter in ``errors``."""
    return problem(request, 400, "invalid-parameter", str(error), {error.parameter: str(error)})


def method_not_allowed(request, allowed: Iterable[str]) -> HttpResponse:
    methods = sorted(set(allowed))
    detail = METHOD_NOT_ALLOWED.format(method=request.method, allowed="、".join(methods))
    return problem(
        request, 405, "method-not-allowed", detail, headers={"Allow": ", ".join(methods)}
    )


def unknown_path(request, *args, **kwargs) -> HttpResponse:
    """The view of every path under /api/v1/ that no endpoint has."""
    return problem(request, 404, "not-found", NO_SUCH_PATH)


# -- ninja's validation in Chinese ---------------------------------------------------------

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
    return ".".join(parts) or NON_FIELD


def validation_errors(errors: list[dict]) -> list[dict[str, str]]:
    """pydantic's errors as the problem's list, each message once per field."""
    out: list[dict[str, str]] = []
    for error in errors:
        entry = {"field": field_name(error.get("loc", ())), "message": chinese_message(error)}
        if entry not in out:
            out.append(entry)
    return out


class ApiParser(Parser):
    """ninja's JSON bodies through ``json_object``: the same limits and cleaning as the
    endpoints that read ``request.body`` themselves."""

    def parse_body(self, request):
        from .helpers import json_object

        return json_object(request.body)


def too_big_detail() -> str:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
    upload = settings.UPLOAD_MAX_BYTES // (1024 * 1024)
    return f"请求体过大（最多约 {limit} MB；每个附件最大 {upload} MB）。请缩小附件后重新提交。"


def install(api) -> None:
    """Register the handlers on the ``NinjaAPI``."""
    from .helpers import NOT_JSON

    def on_validation_error(request, exc: ValidationError):
        errors = validation_errors(exc.errors)
        return problem(request, 422, "invalid-fields", REQUEST_INVALID, errors)

    def on_http_error(request, exc: HttpError):
        cause = exc.__cause__
        if isinstance(cause, Refused):
            return cause.response(request)
        if isinstance(cause, RequestDataTooBig):
            return on_too_big(request, cause)
        if exc.status_code == 400 and str(exc).startswith("Cannot parse request body"):
            return problem(request, 400, "invalid-body", NOT_JSON)
        errors = {NON_FIELD: str(exc)} if exc.status_code == 422 else None
        return problem(request, exc.status_code, None, str(exc), errors)

    def on_too_big(request, exc: RequestDataTooBig):
        return problem(request, 413, "body-too-large", too_big_detail())

    def on_refused(request, exc: Refused):
        return exc.response(request)

    def on_not_found(request, exc: Http404):
        return not_found(request)

    def on_forbidden(request, exc: PermissionDenied):
        return problem(request, 403, "forbidden", str(exc) or FORBIDDEN)

    def on_bad_request(request, exc: Exception):
        return problem(request, 400, "invalid-body", BAD_REQUEST)

    def on_server_error(request, exc: Exception):
        if settings.DEBUG:
            raise exc  # Django's technical page
        # As Django reports an unhandled exception: the signal (the test client
        # re-raises it), then the log record (mailed to the admins if configured).
        got_request_exception.send(sender=None, request=request)
        logger.error(
            "Internal Server Error: %s",
            request.path,
            exc_info=(type(exc), exc, exc.__traceback__),
            extra={"status_code": 500, "request": request},
        )
        return problem(request, 500, "server-error", SERVER_ERROR)

    api.add_exception_handler(Exception, on_server_error)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(PermissionDenied, on_forbidden)
    for bad in (BadRequest, SuspiciousOperation, MultiPartParserError):
        api.add_exception_handler(bad, on_bad_request)
    api.add_exception_handler(ValidationError, on_validation_error)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(RequestDataTooBig, on_too_big)
    api.add_exception_handler(Refused, on_refused)

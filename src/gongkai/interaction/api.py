"""Public API of 互动交流 (citizen messages): write, look up, read the board. No account.

* ``POST /api/v1/messages`` — JSON with channel and type by code, the place by
  division code; validated by ``services.submit_message`` (the board's form
  rules). 201 with the query code (查询码) and the query password (查询密码,
  shown once); 200 with the same message and a new password for a double
  submission (same ``Idempotency-Key`` header, or the same phone and text
  within the duplicate window). Messages of links only or repeated text are
  accepted as ``held`` (待人工核查). Invalid input: 400 (not JSON, bad key) or
  422 with ``errors`` — field → Chinese messages. The hotline is refused (422).
* ``POST /api/v1/messages/lookup`` — query code + password (or the phone
  given): state, public steps, reply deadline, the reply, the rating. One
  neutral 404 whatever did not match.
* ``GET /api/v1/messages`` — published messages only, masked versions only
  (never the writer's name, phone, original text or reply), newest
  publication first, filters and full text (``gongkai.search``), signed
  keyset cursors as in ``GET /api/v1/documents``.
* ``GET /api/v1/messages/{id}`` — one published message.

Submissions and failed lookups share the board's rate limits (``limits``):
HTTP 429 with ``Retry-After``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from ninja import Router, Schema, Status
from pydantic import BaseModel, ConfigDict, Field

from gongkai.applications.api import IDEMPOTENCY_KEY
from gongkai.disclosure.api import cursors
from gongkai.disclosure.api.params import BadParameter
from gongkai.orgs.models import Department, Government

from . import limits
from .indexing import SEARCH_SOURCE
from .models import Channel, Message, MessageState, MessageType, Satisfaction
from .services import find_for_lookup, submit_message
from .validation import TEXT_MAX, MessageInvalid, clean_message

router = Router(tags=["互动交流"])

BEIJING = ZoneInfo("Asia/Shanghai")
REPLIED_STATES = (MessageState.REPLIED, MessageState.CLOSED)
DUE_STATES = (MessageState.ASSIGNED, MessageState.HANDLING, MessageState.REPLY_REVIEW)
STATUSES = {"replied": "已回复", "handling": "办理中"}
TEXT_FIELDS = ("subject", "text", "writer_name", "writer_phone")
FORM_TO_API = {"wants_public": "public", "__all__": "non_field"}
NOT_FOUND = "未找到该留言，或该留言未公开。"
NO_MATCH = "查询码与查询密码（或联系电话）不匹配。"


# -- schemas (what /api/v1/openapi.json shows; names unique across the API) ---------------------


class MessageIn(BaseModel):
    """网上留言。校验规则与留言板网页相同。"""

    model_config = ConfigDict(extra="forbid")

    channel: str = Field(
        description="留言渠道代码，如 mayor-board（市长热线由话务员登记，不能通过接口留言）"
    )
    message_type: str = Field(
        description="留言类型代码：consult 咨询、help 求助、suggest 建议、complain 投诉、report 举报"
    )
    subject: str = Field(description="标题，4–60字")
    text: str = Field(description=f"留言内容，10–{TEXT_MAX}字；请写明时间、地点和具体问题")
    place: str | None = Field(
        None, description="所涉地区的行政区划代码（可选），须在该渠道所属政府辖区内，如 620502"
    )
    writer_name: str = Field(description="姓名（不公开）")
    writer_phone: str = Field(description="联系电话（不公开），如 13800000000 或 0938-8212345")
    public: bool = Field(
        False, description="是否同意公开（公开时自动遮蔽个人信息；举报和信箱来信一律不公开）"
    )


class MessageErrorOut(Schema):
    detail: str = Field(description="错误说明（中文）")
    parameter: str | None = Field(None, description="出错的查询参数名")
    retry_after: int | None = Field(None, description="被限制时，多少秒后可以再试")


class MessageFieldErrorsOut(Schema):
    detail: str
    errors: dict[str, list[str]] = Field(description="字段名 → 该字段的错误说明（中文）")


class CodeRef(Schema):
    code: str
    name: str


class MessageDepartmentRef(Schema):
    id: int
    name: str


class MessageSubmittedOut(Schema):
    query_code: str = Field(description="查询码")
    password: str = Field(description="查询密码：请妥善保存，只在此返回（重复提交时重新生成）")
    created: bool = Field(description="false 表示重复提交，返回的是第一次提交的留言")
    state: str = Field(description="triage 待受理；held 待人工核查（内容几乎只有链接或为重复文字）")
    state_label: str
    channel: CodeRef
    submitted_at: datetime
    lookup_url: str = Field(description="网上查询页面")


class MessageLookupIn(BaseModel):
    query_code: str = Field(description="查询码，如 LY20261127-0012")
    password: str = Field("", description="查询密码（不区分大小写）")
    phone: str = Field("", description="或：留言时填写的联系电话")


class MessageStepOut(Schema):
    kind: str
    label: str = Field(description="环节名称")
    on: date = Field(description="日期")
    text: str = Field(description="说明")


class RatingOut(Schema):
    satisfaction: str = Field(description="satisfied 满意、basically 基本满意、unsatisfied 不满意")
    label: str
    reason: str = Field(description="评价说明")
    rated_on: date | None
    by_callback: bool = Field(description="true 表示由工作人员回访登记")


class MessageLookupOut(Schema):
    query_code: str
    subject: str
    channel: CodeRef
    type: CodeRef
    state: str = Field(
        description="held 待人工核查、triage 待受理、refused 不予受理、merged 已合并、assigned 已交办待签收、"
        "handling 办理中、reply_review 答复待审核、replied 已回复、closed 已办结"
    )
    state_label: str
    submitted_at: datetime = Field(description="留言时间")
    accepted_at: datetime | None = Field(description="受理时间")
    replied_at: datetime | None = Field(description="答复时间")
    department: MessageDepartmentRef | None = Field(description="主办部门（交办后）")
    reply_due: date | None = Field(description="答复期限（办理中时）")
    steps: list[MessageStepOut] = Field(description="办理过程")
    reply: str | None = Field(description="答复内容（原文，仅留言人可见）")
    rating: RatingOut | None = Field(description="评价（已评价时）")
    can_rate: bool = Field(description="现在能否评价（已回复、未评价、未过评价截止日）")
    rating_due: date | None = Field(description="评价截止日")
    public_url: str | None = Field(description="已公开时，留言板上的页面")
    lookup_url: str = Field(description="网上查询和评价页面")


class PublicMessageOut(Schema):
    id: int
    url: str = Field(description="留言板上的页面")
    subject: str = Field(description="标题（已遮蔽个人信息）")
    text: str = Field(description="留言内容（已遮蔽个人信息）")
    reply: str = Field(description="答复内容（已遮蔽个人信息）")
    channel: CodeRef
    type: CodeRef
    department: MessageDepartmentRef | None = Field(description="答复部门")
    place: CodeRef | None = Field(description="所涉地区（行政区划代码和名称）")
    submitted_at: datetime
    replied_at: datetime | None
    published_at: datetime
    status: str = Field(description="replied 已回复；handling 办理中（留言人不满意，重新办理）")
    status_label: str
    satisfaction: str | None = Field(description="satisfied、basically、unsatisfied；未评价为空")
    satisfaction_label: str | None


class PublicMessageDetailOut(PublicMessageOut):
    assigned_on: date | None = Field(description="交办日期")


class MessagePage(Schema):
    items: list[PublicMessageOut]
    limit: int
    next: str | None = Field(description="下一页的完整地址；没有下一页时为 null")


# -- shared pieces ----------------------------------------------------------------------------


class _Refused(Exception):
    def __init__(self, status: int, body: dict):
        self.status, self.body = status, body


def _too_many(response: HttpResponse, message: str, retry_after: int):
    response["Retry-After"] = str(retry_after)
    return Status(429, {"detail": message, "retry_after": retry_after})


def _json_object(body: bytes) -> dict:
    try:
        raw = json.loads(body or b"")
    except (ValueError, UnicodeDecodeError):
        raise _Refused(400, {"detail": "请求体不是有效的 JSON（UTF-8 编码的对象）。"}) from None
    if not isinstance(raw, dict):
        raise _Refused(400, {"detail": '请求体应为 JSON 对象，如 {"subject": "…", …}。'})
    return raw


def _lookup_url(request) -> str:
    try:
        url = reverse("interaction_portal:lookup")
    except NoReverseMatch:  # the portal's lookup page has not been wired yet
        url = "/hudong/lookup/"
    return request.build_absolute_uri(url)


def _local(value: datetime | None) -> datetime | None:
    return timezone.localtime(value) if value else None


# -- POST /messages -----------------------------------------------------------------------------


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


def _invalid(errors: dict[str, list[str]]) -> _Refused:
    return _Refused(
        422, {"detail": "留言未提交：请按各字段的说明修改后重新提交。", "errors": errors}
    )


@router.post(
    "/messages",
    response={
        201: MessageSubmittedOut,
        200: MessageSubmittedOut,
        400: MessageErrorOut,
        422: MessageFieldErrorsOut,
        429: MessageErrorOut,
    },
    summary="网上留言（市委书记、市长留言板，市长信箱等；无需账号）",
    description="字段校验与留言板网页相同；无效时返回 422 和各字段的中文说明，不保存任何内容。"
    "同一联系电话、同一网络地址的留言数有上限，超过时返回 429 和 Retry-After。",
    url_name="messages_submit",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": MessageIn.model_json_schema()}},
        },
        "parameters": [
            {
                "name": "Idempotency-Key",
                "in": "header",
                "required": False,
                "description": "同一个键重复提交只产生一条留言（1–64 个可见 ASCII 字符，如 UUID）",
                "schema": {"type": "string"},
            }
        ],
    },
)
def submit(request, response: HttpResponse):
    ip = limits.ip_of(request)
    key = request.headers.get("Idempotency-Key", "")
    if key and not IDEMPOTENCY_KEY.match(key):
        return Status(400, {"detail": "Idempotency-Key 应为 1–64 个可见 ASCII 字符（如 UUID）。"})
    try:
        raw = _json_object(request.body)
        phone = raw.get("writer_phone") if isinstance(raw.get("writer_phone"), str) else ""
        blocked = limits.submit_blocked(ip, phone)
        if blocked is not None:
            return _too_many(response, limits.submit_message(blocked), blocked.retry_after)
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
    except _Refused as refused:
        return Status(refused.status, refused.body)
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
            "submitted_at": _local(message.submitted_at),
            "lookup_url": _lookup_url(request),
        },
    )


# -- POST /messages/lookup ----------------------------------------------------------------------


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
        raise _Refused(422, {"detail": "请填写查询码和查询密码（或联系电话）。", "errors": errors})
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
    steps = message.steps.filter(public=True).order_by("at", "id")
    return {
        "query_code": message.query_code,
        "subject": message.subject,
        "channel": {"code": message.channel.code, "name": message.channel.name},
        "type": {"code": message.message_type.code, "name": message.message_type.name},
        "state": message.state,
        "state_label": message.get_state_display(),
        "submitted_at": _local(message.submitted_at),
        "accepted_at": _local(message.accepted_at),
        "replied_at": _local(message.replied_at),
        "department": {"id": department.pk, "name": department.name} if department else None,
        "reply_due": reply_due,
        "steps": [
            {"kind": s.kind, "label": s.get_kind_display(), "on": s.on, "text": s.text}
            for s in steps
        ],
        "reply": message.reply_text if message.state in REPLIED_STATES else None,
        "rating": _rating(message),
        "can_rate": _can_rate(message),
        "rating_due": message.rating_due,
        "public_url": request.build_absolute_uri(message.get_public_url())
        if message.published_at
        else None,
        "lookup_url": _lookup_url(request),
    }


@router.post(
    "/messages/lookup",
    response={
        200: MessageLookupOut,
        400: MessageErrorOut,
        404: MessageErrorOut,
        422: MessageFieldErrorsOut,
        429: MessageErrorOut,
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
def lookup(request, response: HttpResponse):
    try:
        values = _lookup_input(_json_object(request.body))
    except _Refused as refused:
        return Status(refused.status, refused.body)
    ip, code = limits.ip_of(request), values["query_code"]
    blocked = limits.lookup_blocked(ip, code)
    if blocked is not None:
        return _too_many(response, limits.lookup_message(blocked), blocked.retry_after)
    message = find_for_lookup(code, password=values["password"], phone=values["phone"])
    if message is None:
        failure = limits.count_lookup_failure(ip, code)
        if not failure.allowed or failure.remaining == 0:
            return _too_many(
                response, limits.lookup_message(failure), failure.retry_after or failure.resets_in
            )
        return Status(404, {"detail": f"{NO_MATCH}再错{failure.remaining}次将暂停查询一段时间。"})
    message = Message.objects.select_related("channel", "message_type", "lead_department").get(
        pk=message.pk
    )
    return Status(200, _lookup_body(request, message))


# -- GET /messages ------------------------------------------------------------------------------

MAX_LIMIT, DEFAULT_LIMIT = 100, 20
MAX_VALUES, MAX_Q_CHARS, MAX_CURSOR_CHARS = 20, 200, 4000
MIN_YEAR, MAX_YEAR = 2000, 2100
SCAN_PAGE, MAX_SCAN_PAGES = 100, 30

# name -> (description, multi-valued)
PARAMETERS: dict[str, tuple[str, bool]] = {
    "channel": ("留言渠道代码，如 mayor-board，可重复以任选其一", True),
    "type": ("留言类型代码：consult 咨询、help 求助、suggest 建议、complain 投诉，可重复", True),
    "department": ("答复部门编号（见 /api/v1/departments），可重复", True),
    "place": ("所涉地区的行政区划代码，如 620502，可重复", True),
    "status": ("办理状态：replied（已回复）或 handling（办理中：不满意后重新办理）", False),
    "year": (f"公开年份（{MIN_YEAR}–{MAX_YEAR}），可重复", True),
    "q": (f"全文检索词（最多 {MAX_Q_CHARS} 个字符），检索已遮蔽的标题、内容和答复", False),
    "limit": (f"每页条数，1–{MAX_LIMIT}，默认 {DEFAULT_LIMIT}", False),
    "cursor": ("翻页游标：取上一页响应中 next 链接里的值，不要自行构造", False),
}


@dataclass
class BoardQuery:
    channel: list[str] = field(default_factory=list)
    type: list[str] = field(default_factory=list)
    department: list[int] = field(default_factory=list)
    place: list[str] = field(default_factory=list)
    status: str = ""
    year: list[int] = field(default_factory=list)
    q: str = ""
    limit: int = DEFAULT_LIMIT
    cursor: str = ""
    # resolved from the codes
    channel_ids: list[int] = field(default_factory=list)
    type_ids: list[int] = field(default_factory=list)
    place_ids: list[int] = field(default_factory=list)

    def filter_key(self) -> list:
        """What a cursor is bound to: everything but ``limit`` and ``cursor``."""
        return [
            "messages",
            *(sorted(getattr(self, n)) for n in ("channel", "type", "department", "place")),
            self.status,
            sorted(self.year),
            self.q,
        ]


def _number(name: str, value: str, low: int, high: int, what: str) -> int:
    if (
        not value.isascii()
        or not value.isdigit()
        or len(value) > 10
        or not low <= int(value) <= high
    ):
        raise BadParameter(
            name, f"参数 {name} 的值“{value[:40]}”无效：应为 {low}–{high} 的{what}。"
        )
    return int(value)


def _parse_board(querydict) -> BoardQuery:
    unknown = [name for name in querydict if name not in PARAMETERS]
    if unknown:
        raise BadParameter(
            unknown[0], f"未知的查询参数“{unknown[0][:40]}”。可用的参数：{'、'.join(PARAMETERS)}。"
        )
    query = BoardQuery()
    for name, (_, multi) in PARAMETERS.items():
        raw = [v.strip() for v in querydict.getlist(name)]
        if any(ch in v for v in raw for ch in "\x00\r\n"):
            raise BadParameter(name, f"参数 {name} 含有不可见的控制字符，请检查后重试。")
        raw = list(dict.fromkeys(v for v in raw if v))
        if not raw:
            continue
        if not multi and len(raw) > 1:
            raise BadParameter(name, f"参数 {name} 只能出现一次。")
        if len(raw) > MAX_VALUES:
            raise BadParameter(name, f"参数 {name} 最多可同时给出 {MAX_VALUES} 个值。")
        if name in ("channel", "type", "place"):
            if any(len(v) > 40 for v in raw):
                raise BadParameter(name, f"参数 {name} 的值过长。")
            setattr(query, name, raw)
        elif name == "department":
            query.department = [_number(name, v, 1, 2**31 - 1, "部门编号") for v in raw]
        elif name == "year":
            query.year = [_number(name, v, MIN_YEAR, MAX_YEAR, "四位年份") for v in raw]
        elif name == "status":
            if raw[0] not in STATUSES:
                raise BadParameter(
                    name,
                    f"参数 status 的值“{raw[0][:40]}”无效：可选 replied（已回复）或 handling（办理中）。",
                )
            query.status = raw[0]
        elif name == "q":
            if len(raw[0]) > MAX_Q_CHARS:
                raise BadParameter(name, f"检索词过长：参数 q 最多 {MAX_Q_CHARS} 个字符。")
            query.q = raw[0]
        elif name == "limit":
            query.limit = _number(name, raw[0], 1, MAX_LIMIT, "每页条数")
        elif len(raw[0]) > MAX_CURSOR_CHARS:
            raise BadParameter(name, "参数 cursor 无效：游标过长，请使用上一页响应中的 next 链接。")
        else:
            query.cursor = raw[0]
    return query


def _resolve(query: BoardQuery) -> None:
    """Codes to ids; a code or department that does not exist is a 400 naming it."""

    def ids(name, model, wanted, column, what) -> list:
        found = dict(model.objects.filter(**{f"{column}__in": wanted}).values_list(column, "pk"))
        missing = [str(v) for v in wanted if v not in found]
        if missing:
            raise BadParameter(name, f"参数 {name}：未找到{what}“{missing[0][:40]}”。")
        return sorted(found.values())

    if query.channel:
        query.channel_ids = ids(
            "channel", Channel, query.channel, "code", "代码为以下值的留言渠道："
        )
    if query.type:
        query.type_ids = ids("type", MessageType, query.type, "code", "留言类型")
    if query.place:
        query.place_ids = ids(
            "place", Government, query.place, "code", "行政区划代码为以下值的地区："
        )
    if query.department:
        ids("department", Department, query.department, "pk", "编号为以下值的部门：")


def _published():
    return Message.objects.published().select_related(
        "channel", "message_type", "replied_by_department", "place"
    )


def _with_status(messages, status: str):
    if status == "replied":
        return messages.filter(state__in=REPLIED_STATES)
    if status == "handling":
        return messages.exclude(state__in=REPLIED_STATES)
    return messages


def _board_rows(query: BoardQuery):
    messages = _with_status(_published(), query.status)
    if query.channel_ids:
        messages = messages.filter(channel_id__in=query.channel_ids)
    if query.type_ids:
        messages = messages.filter(message_type_id__in=query.type_ids)
    if query.department:
        messages = messages.filter(replied_by_department_id__in=query.department)
    if query.place_ids:
        messages = messages.filter(place_id__in=query.place_ids)
    if query.year:
        years = Q()
        for year in query.year:
            years |= Q(
                published_at__gte=datetime(year, 1, 1, tzinfo=BEIJING),
                published_at__lt=datetime(year + 1, 1, 1, tzinfo=BEIJING),
            )
        messages = messages.filter(years)
    return messages


def _board_page(query: BoardQuery) -> tuple[list[Message], str | None]:
    """Keyset pages over (published_at, id), newest first."""
    key = query.filter_key()
    messages = _board_rows(query)
    if query.cursor:
        position = cursors.decode(query.cursor, key=key)
        at, last = cursors.parse_timestamp(position.get("t")), position.get("i")
        if position.get("m") != "db" or not isinstance(last, int):
            raise BadParameter("cursor", "参数 cursor 无效，请从第一页重新开始。")
        messages = messages.filter(Q(published_at__lt=at) | Q(published_at=at, pk__lt=last))
    rows = list(messages.order_by("-published_at", "-pk")[: query.limit + 1])
    if len(rows) <= query.limit:
        return rows, None
    rows = rows[: query.limit]
    position = {"m": "db", "t": cursors.timestamp(rows[-1].published_at), "i": rows[-1].pk}
    return rows, cursors.encode(position, key=key)


def _search_page(query: BoardQuery) -> tuple[list[Message], str | None]:
    """Full text: the search's date-ordered hits, kept only if published now and of the
    status asked for. The cursor holds the last hit's time, the ids already seen at that
    time and a hint of its position, so inserts and withdrawals never shift a page."""
    from gongkai import search

    key = query.filter_key()
    at, seen, hint = None, set(), 0
    if query.cursor:
        position = cursors.decode(query.cursor, key=key)
        at, hint = cursors.parse_timestamp(position.get("t")), position.get("o")
        seen = {str(v) for v in position.get("s") or []}
        if position.get("m") != "q" or not isinstance(hint, int) or hint < 0:
            raise BadParameter("cursor", "参数 cursor 无效，请从第一页重新开始。")
    filters = {"source": [SEARCH_SOURCE]}
    for facet, values in (
        ("channel", query.channel_ids),
        ("message_type", query.type_ids),
        ("department", query.department),
        ("place", query.place_ids),
        ("year", query.year),
    ):
        if values:
            filters[facet] = [str(v) for v in values]
    pages: dict[int, list] = {}

    def read(number: int) -> list:
        if number not in pages:
            try:
                pages[number] = search.search(
                    query.q, filters=filters, order="date", page=number, per_page=SCAN_PAGE
                ).hits
            except (search.UnknownFilter, search.InvalidOrder) as error:
                raise BadParameter("q", str(error)) from None
        return pages[number]

    def beyond(hit) -> bool:
        return (
            at is None
            or hit.published_at < at
            or (hit.published_at == at and hit.object_id not in seen)
        )

    number, step = max(1, hint // SCAN_PAGE), 1  # a page before the hint: room for withdrawals
    while number > 1 and len(pages) < MAX_SCAN_PAGES // 2:
        hits = read(number)
        if hits and not beyond(hits[0]):
            break
        number, step = max(1, number - step), step * 2
    taken: list[tuple[int, object, Message]] = []
    examined: tuple[int, object] | None = None
    while len(taken) <= query.limit and len(pages) < MAX_SCAN_PAGES:
        hits = read(number)
        fresh = [((number - 1) * SCAN_PAGE + i, hit) for i, hit in enumerate(hits) if beyond(hit)]
        ids = [int(hit.object_id) for _, hit in fresh if hit.object_id.isdigit()]
        found = _with_status(_published(), query.status).in_bulk(ids)
        for offset, hit in fresh:
            examined = (offset, hit)
            message = found.get(int(hit.object_id)) if hit.object_id.isdigit() else None
            if message is not None:
                taken.append((offset, hit, message))
                if len(taken) > query.limit:
                    break
        if len(hits) < SCAN_PAGE:
            examined = None  # the end of the matches
            break
        number += 1
    more = len(taken) > query.limit
    taken = taken[: query.limit]
    if more:
        offset, last, _ = taken[-1]
    elif examined is not None:  # read enough for one request: continue from here
        offset, last = examined
    else:
        return [m for _, _, m in taken], None
    same = {
        h.object_id
        for o, h in _hits_read(pages)
        if o <= offset and h.published_at == last.published_at
    }
    if at is not None and last.published_at == at:
        same |= seen
    cursor = cursors.encode(
        {"m": "q", "t": cursors.timestamp(last.published_at), "s": sorted(same), "o": offset + 1},
        key=key,
    )
    return [m for _, _, m in taken], cursor


def _hits_read(pages: dict[int, list]):
    for number, hits in sorted(pages.items()):
        for i, hit in enumerate(hits):
            yield (number - 1) * SCAN_PAGE + i, hit


def _status(message: Message) -> str:
    return "replied" if message.state in REPLIED_STATES else "handling"


def _public(message: Message, request) -> dict:
    """What the board shows: the masked versions, never the writer or the originals."""
    department, place = message.replied_by_department, message.place
    status = _status(message)
    return {
        "id": message.pk,
        "url": request.build_absolute_uri(message.get_public_url()),
        "subject": message.masked_subject,
        "text": message.masked_text,
        "reply": message.masked_reply,
        "channel": {"code": message.channel.code, "name": message.channel.name},
        "type": {"code": message.message_type.code, "name": message.message_type.name},
        "department": {"id": department.pk, "name": department.name} if department else None,
        "place": {"code": place.code, "name": place.name} if place else None,
        "submitted_at": _local(message.submitted_at),
        "replied_at": _local(message.replied_at),
        "published_at": _local(message.published_at),
        "status": status,
        "status_label": STATUSES[status],
        "satisfaction": message.satisfaction or None,
        "satisfaction_label": message.get_satisfaction_display() if message.satisfaction else None,
    }


def _list_description() -> str:
    lines = [
        "留言板上公开的留言及答复（只含已遮蔽个人信息的版本），按公开时间从新到旧排列，使用游标翻页。",
        "举报、信箱来信和留言人不同意公开的留言从不列出。",
        "",
        "查询参数（未列出的参数、无效的取值均返回 HTTP 400 和中文说明）：",
    ]
    return "\n".join(lines + [f"- `{name}`：{text}" for name, (text, _) in PARAMETERS.items()])


@router.get(
    "/messages",
    response={200: MessagePage, 400: MessageErrorOut},
    summary="留言板上公开的留言（筛选、全文检索、游标翻页）",
    description=_list_description(),
    url_name="messages_list",
    openapi_extra={
        "parameters": [
            {
                "name": name,
                "in": "query",
                "required": False,
                "description": text,
                "schema": {"type": "array", "items": {"type": "string"}}
                if multi
                else {"type": "string"},
                **({"style": "form", "explode": True} if multi else {}),
            }
            for name, (text, multi) in PARAMETERS.items()
        ]
    },
)
def list_messages(request):
    try:
        query = _parse_board(request.GET)
        _resolve(query)
        rows, next_cursor = (_search_page if query.q else _board_page)(query)
    except BadParameter as error:
        return Status(400, {"detail": str(error), "parameter": error.parameter})
    next_url = None
    if next_cursor:
        following = request.GET.copy()
        following.setlist("cursor", [next_cursor])
        next_url = request.build_absolute_uri(f"{request.path}?{following.urlencode()}")
    return Status(
        200,
        {"items": [_public(m, request) for m in rows], "limit": query.limit, "next": next_url},
    )


@router.get(
    "/messages/{message_id}",
    response={200: PublicMessageDetailOut, 404: MessageErrorOut},
    summary="查看一条公开的留言及答复",
    url_name="messages_detail",
)
def get_message(request, message_id: str):
    if not message_id.isascii() or not message_id.isdigit() or len(message_id) > 12:
        return Status(404, {"detail": NOT_FOUND})
    message = _published().filter(pk=int(message_id)).first()
    if message is None:
        return Status(404, {"detail": NOT_FOUND})
    lead = message.assignments.filter(role="lead").order_by("assigned_on", "id").first()
    return Status(
        200, {**_public(message, request), "assigned_on": lead.assigned_on if lead else None}
    )

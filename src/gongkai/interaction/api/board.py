"""``GET /api/v1/messages`` and ``/messages/{id}``: the public board (published, masked only)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from ninja import Field, Schema, Status

from gongkai.api import cursors
from gongkai.api.errors import Problem, bad_parameter, not_found
from gongkai.api.openapi import query_parameters, repeated
from gongkai.api.params import BadParameter
from gongkai.core.dates import in_years
from gongkai.orgs.models import Department, Government

from ..indexing import SEARCH_SOURCE
from ..models import Channel, Message, MessageType
from .common import (
    NOT_FOUND,
    REPLIED_STATES,
    STATUSES,
    local,
    router,
)
from .schemas import MessagePage, PublicMessageDetailOut

MAX_LIMIT, DEFAULT_LIMIT = 100, 20
MAX_VALUES, MAX_Q_CHARS, MAX_CURSOR_CHARS = 20, 200, 4000
MIN_YEAR, MAX_YEAR = 2000, 2100
SCAN_PAGE, MAX_SCAN_PAGES = 100, 30

# name -> (description, multi-valued)
PARAMETERS: dict[str, tuple[str, bool]] = {
    "channel": ("留言渠道代码，如 mayor-board，可重复以任选其一", True),
    "type": ("留言类型代码：consult 咨询、help 求助、suggest 建议、complain 投诉，可重复", True),
    "department": ("答复部门编号（见 /api/v1/governments/{code}/departments），可重复", True),
    "place": ("所涉地区的行政区划代码，如 620502，可重复", True),
    "status": ("办理状态：replied（已回复）或 handling（办理中：不满意后重新办理）", False),
    "year": (f"公开年份（{MIN_YEAR}–{MAX_YEAR}），可重复", True),
    "q": (f"全文检索词（最多 {MAX_Q_CHARS} 个字符），检索已遮蔽的标题、内容和答复", False),
    "limit": (f"每页条数，1–{MAX_LIMIT}，默认 {DEFAULT_LIMIT}", False),
    "cursor": ("翻页游标：取上一页响应中 next 链接里的值，不要自行构造", False),
}


def _doc(name: str) -> str:
    return PARAMETERS[name][0]


class MessageListParameters(Schema):
    """The query of ``GET /api/v1/messages`` as the schema document declares it
    (``gongkai.api.openapi``); requests are checked by ``_parse_board``."""

    channel: repeated(str, max_length=40) = Field(
        None, description=_doc("channel"), max_length=MAX_VALUES
    )
    type: repeated(str, max_length=40) = Field(
        None, description=_doc("type"), max_length=MAX_VALUES
    )
    department: repeated(int, ge=1, le=2**31 - 1) = Field(
        None, description=_doc("department"), max_length=MAX_VALUES
    )
    place: repeated(str, max_length=40) = Field(
        None, description=_doc("place"), max_length=MAX_VALUES
    )
    status: str | None = Field(
        None, description=_doc("status"), json_schema_extra={"enum": list(STATUSES)}
    )
    year: repeated(int, ge=MIN_YEAR, le=MAX_YEAR) = Field(
        None, description=_doc("year"), max_length=MAX_VALUES
    )
    q: str | None = Field(None, description=_doc("q"), max_length=MAX_Q_CHARS)
    limit: int = Field(DEFAULT_LIMIT, description=_doc("limit"), ge=1, le=MAX_LIMIT)
    cursor: str | None = Field(None, description=_doc("cursor"), max_length=MAX_CURSOR_CHARS)


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
        messages = messages.filter(in_years("published_at", query.year))
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
        "submitted_at": local(message.submitted_at),
        "replied_at": local(message.replied_at),
        "published_at": local(message.published_at),
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
    operation_id="listMessages",
    response={200: MessagePage, 400: Problem},
    summary="留言板上公开的留言（筛选、全文检索、游标翻页）",
    description=_list_description(),
    url_name="messages_list",
    openapi_extra=query_parameters(MessageListParameters),
)
def list_messages(request):
    try:
        query = _parse_board(request.GET)
        _resolve(query)
        rows, next_cursor = (_search_page if query.q else _board_page)(query)
    except BadParameter as error:
        return bad_parameter(request, error)
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
    operation_id="getMessage",
    response={200: PublicMessageDetailOut, 404: Problem},
    summary="查看一条公开的留言及答复",
    url_name="messages_detail",
)
def get_message(request, message_id: str):
    if not message_id.isascii() or not message_id.isdigit() or len(message_id) > 12:
        return not_found(request, NOT_FOUND)
    message = _published().filter(pk=int(message_id)).first()
    if message is None:
        return not_found(request, NOT_FOUND)
    lead = message.assignments.filter(role="lead").order_by("assigned_on", "id").first()
    return Status(
        200, {**_public(message, request), "assigned_on": lead.assigned_on if lead else None}
    )

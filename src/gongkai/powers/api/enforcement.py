"""``GET /api/v1/powers/decisions``: the 双公示 feed, the decisions public today in
the national credit platform's layout (``gongkai.powers.feed``), by cursor.

A natural person's name is masked (张**) and no ID number is ever given, as on
the public pages. Bad parameters get one Chinese sentence naming them (HTTP 400
problem, ``gongkai.api.errors``); pages are keyset pages over the decision's id
with signed cursors bound to the filters (``gongkai.api.cursors``)."""

from __future__ import annotations

from ninja import Field, Router, Schema, Status

from gongkai.api import cursors
from gongkai.api.errors import Problem, bad_parameter
from gongkai.api.openapi import query_parameters
from gongkai.api.params import BadParameter, integer, single_values
from gongkai.core.dates import today

from .. import feed
from ..models import DecisionKind
from . import DEFAULT_LIMIT, MAX_CURSOR_CHARS, MAX_ID, MAX_LIMIT, _government

router = Router(tags=["powers"])

PARAMETERS = {
    "government": "行政区划代码，如 620500；含所辖各级政府的执法主体",
    "body": "执法主体编号（门户网站 /quanze/zhifa/{id}/）",
    "kind": "决定类别：licence（行政许可）、penalty（行政处罚）、other（其他行政执法决定）",
    "year": "决定年份，如 2016",
    "limit": f"每页条数，1–{MAX_LIMIT}，默认 {DEFAULT_LIMIT}",
    "cursor": "翻页游标：取上一页响应中 next 链接里的值，不要自行构造",
}


class DecisionListParameters(Schema):
    government: str | None = Field(None, description=PARAMETERS["government"], max_length=6)
    body: int | None = Field(None, description=PARAMETERS["body"], ge=1, le=MAX_ID)
    kind: str | None = Field(None, description=PARAMETERS["kind"], max_length=8)
    year: int | None = Field(None, description=PARAMETERS["year"], ge=2000, le=2100)
    limit: int = Field(DEFAULT_LIMIT, description=PARAMETERS["limit"], ge=1, le=MAX_LIMIT)
    cursor: str | None = Field(None, description=PARAMETERS["cursor"], max_length=MAX_CURSOR_CHARS)


class DecisionOut(Schema):
    id: int = Field(description="编号（门户网站 /quanze/gongshi/{id}/）")
    kind: str = Field(description="信息类别：行政许可、行政处罚 或 其他行政执法决定")
    party_name: str = Field(description="行政相对人名称（自然人只显示姓氏，如 张**）")
    party_category: str = Field(description="行政相对人类别")
    party_uscc: str = Field(description="统一社会信用代码（自然人为空）")
    legal_representative: str = Field(description="法定代表人")
    id_type: str = Field(description="证件类型")
    id_number: str = Field(description="证件号码（不公开，始终为空）")
    document_number: str = Field(description="决定文书号")
    case_name: str = Field(description="案件名称")
    facts: str = Field(description="违法事实（许可事项）")
    basis: str = Field(description="依据")
    category: str = Field(description="处罚（许可）类别")
    content: str = Field(description="决定内容")
    amount_wan: str = Field(description="罚款金额（万元）")
    decided_on: str = Field(description="决定日期")
    display_ends: str = Field(description="公示截止期（该日起不再公示）")
    authority: str = Field(description="决定机关")
    authority_uscc: str = Field(description="决定机关统一社会信用代码")
    source: str = Field(description="数据来源单位")
    source_uscc: str = Field(description="数据来源单位统一社会信用代码")
    note: str = Field(description="备注")


class DecisionPage(Schema):
    items: list[DecisionOut]
    limit: int
    next: str | None = Field(description="下一页的完整地址；没有下一页时为 null")


def _parse(querydict) -> dict:
    found: dict = {"limit": DEFAULT_LIMIT}
    for name, raw in single_values(querydict, PARAMETERS).items():
        if name == "government":
            found[name] = _government(raw)
        elif name == "body":
            found[name] = integer(name, raw, 1, MAX_ID)
        elif name == "year":
            found[name] = integer(name, raw, 2000, 2100)
        elif name == "limit":
            found[name] = integer(name, raw, 1, MAX_LIMIT)
        elif name == "kind":
            if raw not in DecisionKind.values:
                raise BadParameter(
                    name, f"参数 kind 的值“{raw[:40]}”无效：应为 licence、penalty 或 other。"
                )
            found[name] = raw
        elif len(raw) > MAX_CURSOR_CHARS:
            raise BadParameter(name, "参数 cursor 无效：游标过长，请使用上一页响应中的 next 链接。")
        else:
            found[name] = raw
    return found


@router.get(
    "/powers/decisions",
    operation_id="listEnforcementDecisions",
    response={200: DecisionPage, 400: Problem},
    summary="行政执法决定公示（双公示，信用中国数据格式）",
    url_name="powers_decisions",
    openapi_extra=query_parameters(DecisionListParameters),
)
def list_decisions(request):
    try:
        query = _parse(request.GET)
        key = [
            "decisions",
            query["government"].code if "government" in query else "",
            query.get("body", 0),
            query.get("kind", ""),
            query.get("year", 0),
        ]
        found = feed.feed_decisions(today())
        if "government" in query:
            found = found.filter(body__government__path__startswith=query["government"].path)
        if "body" in query:
            found = found.filter(body_id=query["body"])
        if "kind" in query:
            found = found.filter(kind=query["kind"])
        if "year" in query:
            found = found.filter(decided_on__year=query["year"])
        rows, next_url = cursors.pk_page(
            request, found, key=key, limit=query["limit"], cursor=query.get("cursor")
        )
    except BadParameter as bad:
        return bad_parameter(request, bad)
    items = [{"id": d.pk, **feed.feed_row(d)} for d in rows]
    return Status(200, {"items": items, "limit": query["limit"], "next": next_url})

"""``GET /api/v1/services/items`` (the published service items, by cursor) and
``GET /api/v1/services/items/{code}`` (one item's current guide, every element).

Only public items are answered (``gongkai.services.public``): a draft, an item
withdrawn (停止办理) and an unknown code are all a 404 problem. Parameters are
checked by hand so that a bad one gets one Chinese sentence naming it (HTTP 400
problem, ``gongkai.api.errors``), as in the other APIs; pages are keyset pages
over the item's id, with the signed cursors of ``gongkai.api.cursors`` bound to
the filters.
"""

from __future__ import annotations

import re
from datetime import date

from django.db.models import Q
from ninja import Field, Router, Schema, Status

from gongkai.api import cursors
from gongkai.api.errors import Problem, bad_parameter, problem
from gongkai.api.openapi import query_parameters
from gongkai.api.params import BadParameter, integer, single_values

from ..models import Audience, ServiceItem
from ..public import public_item, public_items

router = Router(tags=["services"])

MAX_LIMIT, DEFAULT_LIMIT, MAX_ID, MAX_Q_CHARS, MAX_CURSOR_CHARS = 100, 20, 2**31 - 1, 60, 4000
SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,40}$")
PARAMETERS = {
    "department": "实施部门编号（见 /api/v1/governments/{code}/departments）",
    "theme": "主题的网址名（slug），如 shengyu；个人办事和法人办事各有其主题",
    "audience": "服务对象：person（个人办事）或 legal（法人办事）",
    "q": f"事项名称中的词或完整的事项编码（最多 {MAX_Q_CHARS} 个字符）",
    "limit": f"每页条数，1–{MAX_LIMIT}，默认 {DEFAULT_LIMIT}",
    "cursor": "翻页游标：取上一页响应中 next 链接里的值，不要自行构造",
}


class ServiceItemListParameters(Schema):
    """The query of ``GET /api/v1/services/items`` as the schema document declares it."""

    department: int | None = Field(None, description=PARAMETERS["department"], ge=1, le=MAX_ID)
    theme: str | None = Field(None, description=PARAMETERS["theme"], max_length=40)
    audience: str | None = Field(None, description=PARAMETERS["audience"], max_length=12)
    q: str | None = Field(None, description=PARAMETERS["q"], max_length=MAX_Q_CHARS)
    limit: int = Field(DEFAULT_LIMIT, description=PARAMETERS["limit"], ge=1, le=MAX_LIMIT)
    cursor: str | None = Field(None, description=PARAMETERS["cursor"], max_length=MAX_CURSOR_CHARS)


class ServiceItemOut(Schema):
    code: str = Field(description="事项编码（门户网站 /banshi/{code}/）")
    name: str = Field(description="事项名称")
    government: str = Field(description="行政区划代码")
    department: str = Field(description="实施部门")
    department_id: int
    level: str = Field(description="行使层级：市级、县级 或 乡级")
    audiences: list[str] = Field(description="服务对象：person（个人办事）、legal（法人办事）")
    themes: list[str] = Field(description="所属主题的网址名")
    power_code: str = Field(description="实施的权责清单职权编码")
    legal_limit: int = Field(description="法定办结时限（工作日，0 为即办）")
    promised_limit: int = Field(description="承诺办结时限（工作日，0 为即办；不长于法定时限）")
    visits: int = Field(description="到办事现场次数")
    version: int = Field(description="现行办事指南的版本号")
    published_on: date = Field(description="现行办事指南的发布日期")


class ServiceItemPage(Schema):
    items: list[ServiceItemOut]
    limit: int
    next: str | None = Field(description="下一页的完整地址；没有下一页时为 null")


class ServiceMaterialOut(Schema):
    position: int = Field(description="序号")
    name: str = Field(description="材料名称")
    required: bool = Field(description="是否必需")
    medium: str = Field(description="材料形式：纸质、电子 或 纸质或电子")
    original: str = Field(description="原件、复印件 或 原件和复印件")
    copies: int = Field(description="份数")
    shared_from: str = Field(
        description="可通过部门共享获取时的出证部门（申请人无需提交）；否则为空"
    )
    note: str = Field(description="填报说明")
    blank_form_url: str | None = Field(description="空白表格的下载地址；没有时为 null")
    sample_url: str | None = Field(description="示范文本的下载地址；没有时为 null")


class ServiceStepOut(Schema):
    position: int = Field(description="序号")
    name: str = Field(description="环节，如 受理、审查、决定、送达")
    actor: str = Field(description="承办岗位")
    limit: int | None = Field(description="本环节时限（工作日，0 为即办）；未规定时为 null")
    description: str = Field(description="办理内容")


class ServiceQuestionOut(Schema):
    question: str = Field(description="问题")
    answer: str = Field(description="解答")


class ServiceGuideOut(ServiceItemOut):
    power_name: str = Field(description="发布时在权责清单中有效的职权名称；未找到时为空")
    basis: str = Field(description="设定和实施依据")
    conditions: str = Field(description="受理条件")
    free: bool = Field(description="是否不收费")
    fee_basis: str = Field(description="收费依据（不收费时为空）")
    fee_standard: str = Field(description="收费标准（不收费时为空）")
    place: str = Field(description="办理地点")
    hours: str = Field(description="办理时间")
    online_url: str = Field(description="网上办理地址；不提供时为空")
    consult_phone: str = Field(description="咨询电话")
    complaint_phone: str = Field(description="监督投诉电话")
    change_note: str = Field(description="本版本的修订说明")
    materials: list[ServiceMaterialOut] = Field(description="申请材料")
    steps: list[ServiceStepOut] = Field(description="办理流程")
    questions: list[ServiceQuestionOut] = Field(description="常见问题")


def _parse(querydict) -> dict:
    found: dict = {"limit": DEFAULT_LIMIT}
    for name, raw in single_values(querydict, PARAMETERS).items():
        if name in ("department", "limit"):
            found[name] = integer(name, raw, 1, MAX_LIMIT if name == "limit" else MAX_ID)
        elif name == "theme":
            if not SLUG.match(raw):
                raise BadParameter(name, f"参数 theme 的值“{raw[:40]}”无效：应为主题的网址名。")
            found[name] = raw
        elif name == "audience":
            if raw not in Audience.values:
                raise BadParameter(
                    name, f"参数 audience 的值“{raw[:40]}”无效：应为 person 或 legal。"
                )
            found[name] = raw
        elif name == "q":
            if len(raw) > MAX_Q_CHARS:
                raise BadParameter(name, f"参数 q 最多 {MAX_Q_CHARS} 个字符。")
            found[name] = raw
        elif len(raw) > MAX_CURSOR_CHARS:
            raise BadParameter(name, "参数 cursor 无效：游标过长，请使用上一页响应中的 next 链接。")
        else:
            found[name] = raw
    return found


def _out(item: ServiceItem) -> dict:
    guide = item.current
    return {
        "code": item.code,
        "name": item.name,
        "government": item.government.code,
        "department": item.department.name,
        "department_id": item.department_id,
        "level": item.get_level_display(),
        "audiences": item.audience_list,
        "themes": [t.slug for t in item.themes.all()],
        "power_code": item.power_code,
        "legal_limit": guide.legal_limit,
        "promised_limit": guide.promised_limit,
        "visits": guide.visits,
        "version": guide.number,
        "published_on": guide.published_on,
    }


@router.get(
    "/services/items",
    operation_id="listServiceItems",
    response={200: ServiceItemPage, 400: Problem},
    summary="政务服务事项目录：已发布的办事事项",
    url_name="services_items",
    openapi_extra=query_parameters(ServiceItemListParameters),
)
def list_items(request):
    try:
        query = _parse(request.GET)
        key = [
            "services.items",
            query.get("department", 0),
            query.get("theme", ""),
            query.get("audience", ""),
            query.get("q", ""),
        ]
        items = public_items().prefetch_related("themes")
        if "department" in query:
            items = items.filter(department_id=query["department"])
        if "theme" in query:
            items = items.filter(themes__slug=query["theme"])
        if "audience" in query:
            items = items.filter(audiences__contains=query["audience"])
        if "q" in query:
            items = items.filter(Q(name__icontains=query["q"]) | Q(code=query["q"]))
        rows, next_url = cursors.pk_page(
            request, items.distinct(), key=key, limit=query["limit"], cursor=query.get("cursor")
        )
    except BadParameter as bad:
        return bad_parameter(request, bad)
    return Status(
        200, {"items": [_out(i) for i in rows], "limit": query["limit"], "next": next_url}
    )


def _file_url(request, item: ServiceItem, material, kind: str, present: bool) -> str | None:
    from django.urls import reverse

    if not present:
        return None
    return request.build_absolute_uri(
        reverse("services_portal:material_file", args=[item.code, material.position, kind])
    )


@router.get(
    "/services/items/{code}",
    operation_id="getServiceItem",
    response={200: ServiceGuideOut, 404: Problem},
    summary="一项政务服务事项的现行办事指南（全部要素）",
    description="只提供已发布的事项；未发布、已停止办理或不存在的事项编码返回 404。",
    url_name="services_item",
)
def get_item(request, code: str):
    found = public_item(code) if len(code) <= 40 else None
    if found is None:
        return problem(request, 404, "not-found", "未找到该事项，或它尚未发布、已停止办理。")
    guide = found.guide
    body = _out(found)
    body.update(
        power_name=guide.power.name if guide.power is not None else "",
        basis=guide.basis,
        conditions=guide.conditions,
        free=guide.free,
        fee_basis=guide.fee_basis,
        fee_standard=guide.fee_standard,
        place=guide.place,
        hours=guide.hours,
        online_url=guide.online_url,
        consult_phone=guide.consult_phone,
        complaint_phone=guide.complaint_phone,
        change_note=guide.change_note,
        materials=[
            {
                "position": m.position,
                "name": m.name,
                "required": m.required,
                "medium": m.get_medium_display(),
                "original": m.get_original_display(),
                "copies": m.copies,
                "shared_from": m.shared_from,
                "note": m.note,
                "blank_form_url": _file_url(request, found, m, "biaoge", m.blank_form_id),
                "sample_url": _file_url(request, found, m, "yangben", m.sample_id),
            }
            for m in guide.materials.all()
        ],
        steps=[
            {
                "position": s.position,
                "name": s.name,
                "actor": s.actor,
                "limit": s.limit,
                "description": s.description,
            }
            for s in guide.steps.all()
        ],
        questions=[{"question": q.question, "answer": q.answer} for q in guide.questions.all()],
    )
    return Status(200, body)


__all__ = ["router"]

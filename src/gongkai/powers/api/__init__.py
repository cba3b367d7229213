"""``GET /api/v1/powers`` (the powers in force, by cursor) and ``GET /api/v1/powers/summary``.

Parameters are checked by hand so that a bad one gets one Chinese sentence
naming it (HTTP 400 problem, ``gongkai.api.errors``), as in the other APIs.
Pages are keyset pages over the power's id, with the signed cursors of
``gongkai.api.cursors`` bound to the filters.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Q
from ninja import Field, Router, Schema, Status

from gongkai.api import cursors
from gongkai.api.errors import Problem, bad_parameter
from gongkai.api.openapi import query_parameters
from gongkai.api.params import BadParameter, integer, single_values
from gongkai.orgs.models import Government

from .. import queries
from ..models import Power

router = Router(tags=["powers"])

MAX_LIMIT, DEFAULT_LIMIT, MAX_ID, MAX_Q_CHARS, MAX_CURSOR_CHARS = 100, 20, 2**31 - 1, 60, 4000
PARAMETERS = {
    "government": "行政区划代码，如 620500；只列该政府本级的清单",
    "department": "实施主体（部门）编号（见 /api/v1/governments/{code}/departments）",
    "type": "职权类型简码，如 XK（行政许可）、CF（行政处罚）",
    "q": f"职权名称中的词或完整的职权编码（最多 {MAX_Q_CHARS} 个字符）",
    "limit": f"每页条数，1–{MAX_LIMIT}，默认 {DEFAULT_LIMIT}",
    "cursor": "翻页游标：取上一页响应中 next 链接里的值，不要自行构造",
}


class PowerListParameters(Schema):
    """The query of ``GET /api/v1/powers`` as the schema document declares it."""

    government: str | None = Field(None, description=PARAMETERS["government"], max_length=6)
    department: int | None = Field(None, description=PARAMETERS["department"], ge=1, le=MAX_ID)
    type: str | None = Field(None, description=PARAMETERS["type"], max_length=4)
    q: str | None = Field(None, description=PARAMETERS["q"], max_length=MAX_Q_CHARS)
    limit: int = Field(DEFAULT_LIMIT, description=PARAMETERS["limit"], ge=1, le=MAX_LIMIT)
    cursor: str | None = Field(None, description=PARAMETERS["cursor"], max_length=MAX_CURSOR_CHARS)


class SummaryParameters(Schema):
    government: str = Field(description="行政区划代码，如 620500", max_length=6)


class PowerOut(Schema):
    id: int = Field(description="编号（门户网站 /quanze/{id}/）")
    code: str = Field(description="职权编码")
    name: str = Field(description="职权名称")
    type: str = Field(description="职权类型简码")
    type_name: str = Field(description="职权类型名称")
    government: str = Field(description="行政区划代码")
    department: str = Field(description="实施主体")
    department_id: int
    level: str = Field(description="行使层级：市级、县级 或 乡级")
    time_limit: str = Field(description="办理期限")
    phone: str = Field(description="监督电话")
    valid_from: date = Field(description="列入清单的日期")


class PowerPage(Schema):
    items: list[PowerOut]
    limit: int
    next: str | None = Field(description="下一页的完整地址；没有下一页时为 null")


class PowerSummaryOut(Schema):
    powers: int = Field(description="本级现行清单的行政权力数")
    responsibilities: int = Field(description="本级责任事项数")
    accountabilities: int = Field(description="本级追责情形数")
    counties_powers: int = Field(description="所辖各级政府的行政权力数")


def _government(raw: str) -> Government:
    if not (raw.isascii() and raw.isdigit() and len(raw) == 6):
        raise BadParameter(
            "government", f"参数 government 的值“{raw[:40]}”无效：应为6位行政区划代码。"
        )
    found = Government.objects.filter(code=raw).first()
    if found is None:
        raise BadParameter("government", f"参数 government：未找到行政区划代码为“{raw}”的地区。")
    return found


def _parse(querydict, allowed) -> dict:
    found: dict = {"limit": DEFAULT_LIMIT}
    for name, raw in single_values(querydict, allowed).items():
        if name == "government":
            found[name] = _government(raw)
        elif name in ("department", "limit"):
            found[name] = integer(name, raw, 1, MAX_LIMIT if name == "limit" else MAX_ID)
        elif name == "type":
            if not (raw.isascii() and raw.isalpha() and raw.isupper() and len(raw) <= 4):
                raise BadParameter(
                    name, f"参数 type 的值“{raw[:40]}”无效：应为职权类型简码，如 XK。"
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


def _out(power: Power) -> dict:
    return {
        "id": power.pk,
        "code": power.code,
        "name": power.name,
        "type": power.power_type.abbreviation,
        "type_name": power.power_type.name,
        "government": power.government.code,
        "department": power.department.name,
        "department_id": power.department_id,
        "level": power.get_level_display(),
        "time_limit": power.time_limit,
        "phone": power.phone,
        "valid_from": power.valid_from,
    }


@router.get(
    "/powers",
    operation_id="listPowers",
    response={200: PowerPage, 400: Problem},
    summary="权责清单：现行的行政权力",
    url_name="powers_list",
    openapi_extra=query_parameters(PowerListParameters),
)
def list_powers(request):
    try:
        query = _parse(request.GET, PARAMETERS)
        key = [
            "powers",
            query["government"].code if "government" in query else "",
            query.get("department", 0),
            query.get("type", ""),
            query.get("q", ""),
        ]
        powers = Power.objects.current().select_related("government", "department", "power_type")
        if "government" in query:
            powers = powers.filter(government=query["government"])
        if "department" in query:
            powers = powers.filter(department_id=query["department"])
        if "type" in query:
            powers = powers.filter(power_type__abbreviation=query["type"])
        if "q" in query:
            powers = powers.filter(Q(name__icontains=query["q"]) | Q(code=query["q"]))
        rows, next_url = cursors.pk_page(
            request, powers, key=key, limit=query["limit"], cursor=query.get("cursor")
        )
    except BadParameter as bad:
        return bad_parameter(request, bad)
    return Status(
        200, {"items": [_out(p) for p in rows], "limit": query["limit"], "next": next_url}
    )


@router.get(
    "/powers/summary",
    operation_id="powersSummary",
    response={200: PowerSummaryOut, 400: Problem},
    summary="权责清单的事项数（本级与所辖各级）",
    url_name="powers_summary",
    openapi_extra=query_parameters(SummaryParameters),
)
def summary(request):
    try:
        query = _parse(request.GET, {"government": PARAMETERS["government"]})
        if "government" not in query:
            raise BadParameter("government", "请提供参数 government（行政区划代码，如 620500）。")
    except BadParameter as bad:
        return bad_parameter(request, bad)
    return Status(200, queries.summary(query["government"]).as_dict())


__all__ = ["router"]

"""GET /api/v1/applications/statistics: Tables 三 and 四 of the annual report, as JSON.

Public, like the annual report (年度报告) that publishes the same figures:
no authentication. Exactly one of ``agency`` (a department id) or
``government`` (a 6-digit 行政区划 code: that government and all under it);
the range is ``start`` and ``end`` (YYYY-MM-DD, both included, at most five
years), or ``year``. Bad parameters get a 400 problem (``invalid-parameter``) with a
Chinese ``detail`` and ``errors`` naming the parameter (``non_field`` for a bad combination).
"""

from __future__ import annotations

from datetime import date

from ninja import Field, Router, Schema

from gongkai.api.errors import NON_FIELD, Refused
from gongkai.api.openapi import query_parameters
from gongkai.orgs.models import Department, Government

from .stats import table_four, table_three

router = Router(tags=["依申请公开"])

MAX_YEARS = 5


class StatisticsParameters(Schema):
    """The query as the schema document declares it (``gongkai.api.openapi``); the
    view reads ``request.GET`` itself so that a bad value gets a Chinese 400."""

    agency: int | None = Field(
        None,
        description="机关编号（见 /api/v1/governments/{code}/departments）；与 government 二选一",
        ge=1,
    )
    government: str | None = Field(
        None,
        description="政府的行政区划代码，如 620500，含所辖政府；与 agency 二选一",
        pattern=r"^[0-9]{6}$",
    )
    start: str | None = Field(
        None,
        description=f"统计开始日期（含），YYYY-MM-DD；与 end 同用，区间最长 {MAX_YEARS} 年",
        json_schema_extra={"format": "date"},
    )
    end: str | None = Field(
        None, description="统计结束日期（含），YYYY-MM-DD", json_schema_extra={"format": "date"}
    )
    year: int | None = Field(
        None, description="统计年度，如 2016；不能与 start、end 同用", ge=1990, le=2100
    )


def _bad(parameter: str, message: str) -> Refused:
    return Refused(400, message, {parameter: message}, kind="invalid-parameter")


def _date(value: str | None, name: str, parameter: str) -> date | None:
    if value is None or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise _bad(
            parameter, f"{name}“{value}”不是有效日期，请写作 YYYY-MM-DD，如 2016-01-01。"
        ) from None


def five_years_after(start: date) -> date:
    try:
        return start.replace(year=start.year + MAX_YEARS)
    except ValueError:  # 29 February
        return start.replace(year=start.year + MAX_YEARS, day=28)


def resolve_range(start: date | None, end: date | None, year: int | None) -> tuple[date, date]:
    """The [start, end] asked for; raises ValueError with a Chinese message when it is not valid."""
    if year is not None:
        if start or end:
            raise ValueError("请只填写年度（year），或只填写起止日期（start、end），不要同时填写。")
        if not 1990 <= year <= 2100:
            raise ValueError(f"年度 {year} 不在 1990–2100 之间。")
        return date(year, 1, 1), date(year, 12, 31)
    if start is None or end is None:
        raise ValueError("请填写统计的开始日期 start 和结束日期 end（YYYY-MM-DD），或者年度 year。")
    if end < start:
        raise ValueError(f"结束日期 {end:%Y-%m-%d} 早于开始日期 {start:%Y-%m-%d}。")
    if end >= five_years_after(start):
        raise ValueError(f"统计区间最长 {MAX_YEARS} 年，请缩短起止日期。")
    return start, end


def resolve_scope(agency: str | None, government: str | None):
    """The Department or Government asked for; raises ValueError with a Chinese message."""
    agency = (agency or "").strip()
    government = (government or "").strip()
    if agency and government:
        raise ValueError("请只选择一个统计范围：机关（agency）或政府（government）。")
    if agency:
        if not agency.isdigit():
            raise ValueError(f"机关编号“{agency}”应为数字。")
        found = Department.objects.select_related("government").filter(pk=int(agency)).first()
        if found is None:
            raise ValueError(f"没有编号为 {agency} 的机关。")
        return found
    if government:
        found = Government.objects.filter(code=government).first()
        if found is None:
            raise ValueError(f"没有行政区划代码为“{government}”的政府。")
        return found
    raise ValueError("请指定统计范围：机关编号 agency，或政府的行政区划代码 government。")


def statistics_payload(scope, start: date, end: date) -> dict:
    three = table_three(scope, start, end)
    four = table_four(scope, start, end)
    if isinstance(scope, Department):
        about = {
            "agency": {"id": scope.pk, "name": scope.name, "government": scope.government.code}
        }
    else:
        about = {"government": {"code": scope.code, "name": scope.name}}
    return {
        **about,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "table_three": {"title": f"三、{three.title}", "rows": three.as_dict()},
        "table_four": {"title": f"四、{four.title}", "rows": four.as_dict()},
        "checks": three.checks() + four.checks(),
    }


@router.get(
    "/applications/statistics",
    operation_id="getApplicationStatistics",
    summary="依申请公开统计（年度报告表三、表四）",
    description=(
        "按机关（agency，机关编号）或政府（government，行政区划代码，含所辖政府）统计"
        "指定期间（start、end，或 year）收到和处理政府信息公开申请的情况（表三）"
        "与行政复议、行政诉讼情况（表四），并给出勾稽关系校验结果（checks 为空表示全部通过）。"
    ),
    openapi_extra=query_parameters(StatisticsParameters),
)
def statistics(request):
    query = request.GET
    agency, government, year = query.get("agency"), query.get("government"), query.get("year")
    start, end = query.get("start"), query.get("end")
    year_value = None
    if year is not None and year.strip():
        if not year.strip().isdigit():
            raise _bad("year", f"年度“{year}”应为四位数字，如 2016。")
        year_value = int(year)
    first_day, last_day = _date(start, "开始日期", "start"), _date(end, "结束日期", "end")
    try:
        first, last = resolve_range(first_day, last_day, year_value)
        scope = resolve_scope(agency, government)
    except ValueError as error:
        raise _bad(NON_FIELD, str(error)) from None
    return statistics_payload(scope, first, last)

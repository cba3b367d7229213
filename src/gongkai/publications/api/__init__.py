"""``GET /api/v1/gazette/issues``: published issues of the site's gazettes, with their documents.

``year`` narrows to one year. Each issue has its numbers (``year_number``,
``total_number``), ``published_on``, ``copies`` (赠阅 copies recorded for it) and its
documents in contents order (title, 文号, the catalogue item's URL; the issue's own
texts such as 政府大事记 have no URL). Parameters are checked by hand so that a bad one
gets one Chinese sentence naming it (HTTP 400), as in the other APIs.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Sum
from ninja import Field, Router, Schema, Status

from gongkai.api.errors import Problem, bad_parameter
from gongkai.api.openapi import query_parameters
from gongkai.api.params import BadParameter

from ..contents import contents, prefetched
from ..portal.views import public_issues

router = Router(tags=["gazette"])

PARAMETERS = {"year": "出版年份，如 2016；不填则列出全部期次"}


class IssueListParameters(Schema):
    year: int | None = Field(None, description=PARAMETERS["year"], ge=1949, le=9999)


class GazetteDocumentOut(Schema):
    section: str = Field(description="栏目，如 市政府文件、政府大事记")
    title: str
    document_number: str = Field(description="文号；无文号的为空")
    url: str | None = Field(description="政府信息公开目录中该文件的地址；本期编写的内容为 null")


class GazetteIssueOut(Schema):
    id: int
    gazette: str = Field(description="刊名，如 天水市人民政府公报")
    year: int
    year_number: int = Field(description="年度期号（第N期）")
    total_number: int = Field(description="总期号（总第N期）")
    published_on: date
    copies: int = Field(description="本期赠阅册数")
    url: str = Field(description="电子版地址")
    pdf_url: str = Field(description="印刷版 PDF 地址")
    documents: list[GazetteDocumentOut]


class GazetteIssueList(Schema):
    count: int
    items: list[GazetteIssueOut]


def _parse(querydict) -> dict:
    unknown = [name for name in querydict if name not in PARAMETERS]
    if unknown:
        raise BadParameter(
            unknown[0], f"未知的查询参数“{unknown[0][:40]}”。可用的参数：{'、'.join(PARAMETERS)}。"
        )
    values = querydict.getlist("year")
    if not values:
        return {}
    if len(values) > 1:
        raise BadParameter("year", "参数 year 只能出现一次。")
    raw = values[0].strip()
    if not raw.isascii() or not raw.isdigit() or len(raw) != 4 or not 1949 <= int(raw) <= 9999:
        raise BadParameter("year", f"参数 year 的值“{raw[:40]}”无效：应为四位年份，如 2016。")
    return {"year": int(raw)}


def _documents(issue) -> list[dict]:
    return [
        {
            "section": group.section.name,
            "title": entry.title,
            "document_number": entry.item.document_number if entry.item else "",
            "url": entry.item.get_public_url() if entry.item else None,
        }
        for group in contents(issue)
        for entry in group.entries
    ]


@router.get(
    "/gazette/issues",
    operation_id="listGazetteIssues",
    response={200: GazetteIssueList, 400: Problem},
    summary="政府公报已出版的期次及其刊登的文件",
    url_name="gazette_issues",
    openapi_extra=query_parameters(IssueListParameters),
)
def list_issues(request):
    try:
        query = _parse(request.GET)
    except BadParameter as bad:
        return bad_parameter(request, bad)
    issues = public_issues().annotate(copies=Sum("deliveries__copies"))
    if "year" in query:
        issues = issues.filter(year=query["year"])
    issues = list(prefetched(issues.order_by("gazette_id", "total_number")))
    items = [
        {
            "id": i.pk,
            "gazette": i.gazette.title,
            "year": i.year,
            "year_number": i.year_number,
            "total_number": i.total_number,
            "published_on": i.published_on,
            "copies": i.copies or 0,
            "url": i.get_absolute_url(),
            "pdf_url": f"{i.get_absolute_url()}pdf/",
            "documents": _documents(i),
        }
        for i in issues
    ]
    return Status(200, {"count": len(items), "items": items})


__all__ = ["router"]

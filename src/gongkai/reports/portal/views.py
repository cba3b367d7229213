"""The public pages of 政府信息公开工作年度报告 (annual reports): the list by year, one
report's page and its files.

A report is public once its catalogue item (公开目录中的年度报告) is published
(``item__state="published"``); the portal shows those of the site's government
and of the governments under it (``site_government``), like the other columns.
The page and the files (DOCX, PDF, XLSX) come from the frozen content
(``snapshot``) alone, never from today's records; anything else is 404.
"""

from __future__ import annotations

import hashlib
from itertools import groupby

from django.db.models import F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import render
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_safe

from gongkai.core import generated
from gongkai.portal.modules import MODULES_BY_SLUG
from gongkai.portal.site import site_government

from ..documents import CONTENT_TYPES, file_name, grid_html, sections
from ..documents import render as render_file
from ..models import AnnualReport

SECTION = MODULES_BY_SLUG["annual-reports"]
FORMATS = {"docx": "Word 文档（DOCX）", "pdf": "PDF 文档", "xlsx": "Excel 表格（XLSX）"}


def public_reports() -> QuerySet[AnnualReport]:
    """Published reports of the site's government and those under it."""
    reports = (
        AnnualReport.objects.filter(item__state="published")
        .exclude(snapshot_json="")
        .select_related("department__government", "government", "item")
        .annotate(path=Coalesce("government__path", "department__government__path"))
        # each government's own report first, then its agencies' in the usual order
        .order_by(
            "-year",
            "path",
            F("department").asc(nulls_first=True),
            "department__sort_order",
            "id",
        )
    )
    government = site_government()
    if government is not None:
        reports = reports.filter(
            Q(government__path__startswith=government.path)
            | Q(department__government__path__startswith=government.path)
        )
    return reports


def report_or_404(pk: int) -> AnnualReport:
    report = public_reports().filter(pk=pk).first()
    if report is None:
        raise Http404("没有这份年度报告，或者它尚未公开。")
    return report


def _page(request, template: str, context: dict):
    return render(request, f"reports/portal/{template}", {"section": SECTION, **context})


@require_safe
def index(request):
    reports = list(public_reports().defer("snapshot_json"))  # the list shows the item's title
    years = [(year, list(group)) for year, group in groupby(reports, key=lambda r: r.year)]
    return _page(request, "index.html", {"years": years, "count": len(reports)})


@require_safe
def detail(request, pk: int):
    report = report_or_404(pk)
    data = report.snapshot
    parts = [
        {"section": s, "tables": [grid_html(g, heading=s.heading) for g in s.grids]}
        for s in sections(data)
    ]
    frozen_at = parse_datetime(data.get("frozen_at") or "")
    agencies = []
    if data.get("parts"):  # a government's report: the agencies' reports it sums
        published = dict(
            public_reports()
            .filter(department_id__in=[p["id"] for p in data["parts"]], year=report.year)
            .values_list("department_id", "pk")
        )
        agencies = [{**p, "report": published.get(p["id"])} for p in data["parts"]]
    downloads = [{"fmt": fmt, "label": label} for fmt, label in FORMATS.items()]
    return _page(
        request,
        "detail.html",
        {
            "report": report,
            "data": data,
            "parts": parts,
            "frozen_at": frozen_at,
            "downloads": downloads,
            "agencies": agencies,
        },
    )


@require_safe
def download(request, pk: int, fmt: str):
    """A file of the frozen content, rendered once per snapshot and format and served from
    storage (``gongkai.core.generated``; the snapshot's hash is its version, so a bump
    elsewhere on the site does not make it again)."""
    if fmt not in FORMATS:
        raise Http404("没有这种格式的文件。")
    report = report_or_404(pk)
    data = report.snapshot
    return generated.serve(
        request,
        f"annual-report/{report.pk}",
        lambda: render_file(data, fmt),
        ext=fmt,
        params={"fmt": fmt},
        version=hashlib.sha256(report.snapshot_json.encode()).hexdigest(),
        filename=file_name(data, fmt),
        content_type=CONTENT_TYPES[fmt],
    )

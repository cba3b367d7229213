"""The annual report list (/workbench/reports/).

Department staff see their own reports by year and start the one due now.
The disclosure office (公开办) sees a dashboard of every agency and government of
its tree for a year (default: the reporting year, the last complete one —
``obligation.reporting_year``; any year from the first with records, without
gaps): each with its report's state, whether its catalogue item (公开目录) is
published, and the Art. 49 deadline (条例第四十九条: agencies by 31 January,
governments by 31 March of the following year); overdue ones first. 逾期 only
where a report was expected: the unit's government used the platform that year
(``obligation.governments_in_use``). The office starts only its own government's
report (``reports.edit``: each unit writes its own; the office reviews). The rows
come from one query per kind of scope with the year's reports prefetched.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from gongkai.accounts.decorators import staff_required
from gongkai.core.errors import DomainError

from .. import services
from ..jobs import DeadlineStatus, deadline_status
from ..models import AnnualReport
from ..obligation import governments_in_use, reporting_year
from .common import (
    is_office,
    may_start,
    reports_visible_to,
    to_report,
    visible_departments,
    visible_governments,
)
from .forms import StartForm, YearForm


@dataclass
class Row:
    key: str  # "d<pk>" or "g<pk>", the StartForm's scope value
    scope: object
    government: bool
    report: AnnualReport | None
    status: DeadlineStatus
    order: int

    @property
    def kind(self) -> str:
        return "政府" if self.government else "机关（部门）"

    @property
    def catalogue(self) -> str:
        if self.report is None or self.report.item is None:
            return "未提交"
        return "已公开" if self.report.published else self.report.item.get_state_display()


def _status(report, year: int, government: bool, today, expected: bool = True) -> DeadlineStatus:
    published = report is not None and report.published
    return deadline_status(
        year, government=government, published=published, today=today, expected=expected
    )


def dashboard_rows(user, year: int, today) -> list[Row]:
    """Every agency and government the office oversees, with its report of ``year``."""
    in_use = governments_in_use(year)
    reports = Prefetch(
        "annual_reports",
        queryset=AnnualReport.objects.filter(year=year).select_related("item"),
        to_attr="year_reports",
    )
    rows: list[Row] = []
    scopes = [
        (True, visible_governments(user).prefetch_related(reports)),
        (False, visible_departments(user).prefetch_related(reports)),
    ]
    for government, queryset in scopes:
        for scope in queryset:
            report = (scope.year_reports or [None])[0]
            expected = report is not None or (
                (scope.pk if government else scope.government_id) in in_use
            )
            rows.append(
                Row(
                    key=f"{'g' if government else 'd'}{scope.pk}",
                    scope=scope,
                    government=government,
                    report=report,
                    status=_status(report, year, government, today, expected),
                    order=len(rows),
                )
            )
    rows.sort(key=lambda r: (not r.status.overdue, r.status.published, r.order))
    return rows


def startable_scopes(user) -> dict:
    """The agencies and governments whose report the person may start."""
    scopes = {}
    for government in visible_governments(user):
        if may_start(user, government):
            scopes[f"g{government.pk}"] = government
    for department in visible_departments(user):
        if may_start(user, department):
            scopes[f"d{department.pk}"] = department
    return scopes


def _year(request, today) -> tuple[YearForm, int]:
    year = reporting_year(today)
    form = YearForm(request.GET or None, initial={"year": year}, today=today)
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["year"]
    return form, year


def _render_index(request, *, start_form=None, status=200):
    today = timezone.localdate()
    year_form, year = _year(request, today)
    user = request.user
    if start_form is None:
        start_form = StartForm(scopes=startable_scopes(user), today=today)
    context = {"year_form": year_form, "year": year, "today": today, "start_form": start_form}
    if is_office(user):
        rows = dashboard_rows(user, year, today)
        context.update(
            rows=rows,
            counts={
                "all": len(rows),
                "published": sum(r.status.published for r in rows),
                "overdue": sum(r.status.overdue for r in rows),
            },
        )
        return render(request, "reports/staff/dashboard.html", context, status=status)
    rows = []
    for report in reports_visible_to(user).order_by("-year", "government_id", "department_id"):
        government = report.government_id is not None
        rows.append(
            Row(
                key="",
                scope=report.scope,
                government=government,
                report=report,
                status=_status(report, report.year, government, today),
                order=len(rows),
            )
        )
    context["rows"] = rows
    return render(request, "reports/staff/index.html", context, status=status)


@staff_required
@require_safe
def index(request):
    return _render_index(request)


@staff_required
@require_POST
def start(request):
    """Open the report of an agency or government for a year, made on first use (a second
    click opens the same report)."""
    form = StartForm(request.POST, scopes=startable_scopes(request.user))
    if form.is_valid():
        try:
            report = services.report_for(form.cleaned_data["scope"], form.cleaned_data["year"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"已打开{report}。")
            return to_report(report)
    return _render_index(request, start_form=form, status=400)

"""What every workbench page of the annual report (年度报告) shares.

* the reports a person may see: ``reports.view`` through ``gongkai.access``; a
  government's report answers to its general office (政府办公室), so it is seen by
  whoever sees that office; a report the person may not see is a 404;
* whether the person is the disclosure office (公开办): someone whose role may
  review reports;
* the one question before an action: may this person take it now, could they in
  another state (then a message on the refreshed page: a colleague's click moved
  the report on), or never (403).
"""

from __future__ import annotations

from types import SimpleNamespace

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect

from gongkai import access
from gongkai.orgs.models import Department, DepartmentType, Government
from gongkai.orgs.offices import general_office_of

from ..models import AnnualReport, ReportState


def stand_in(state: str, department):
    """A report in ``state`` answering to ``department``, to ask the rules about one not made yet."""
    return SimpleNamespace(state=state, access_department=department)


def visible_departments(user):
    """Active departments whose reports the person may see."""
    return access.scope(
        user,
        "reports.view",
        Department.objects.filter(active=True).select_related("government"),
        department_field=None,
    )


def visible_governments(user):
    """Governments whose own report the person may see (through their general office)."""
    offices = visible_departments(user).filter(kind=DepartmentType.GENERAL_OFFICE)
    return Government.objects.filter(pk__in=offices.values("government_id"))


def reports_visible_to(user):
    departments = visible_departments(user)
    return AnnualReport.objects.filter(
        Q(department__in=departments) | Q(government__in=visible_governments(user))
    ).select_related("department__government", "government", "item")


def visible_report(request, pk: int) -> AnnualReport:
    report = (
        AnnualReport.objects.select_related(
            "department__government", "government", "item", "approved_by"
        )
        .filter(pk=pk)
        .first()
    )
    if report is None or not access.can(request.user, "reports.view", report):
        raise Http404("没有找到这份年度报告。")
    return report


def is_office(user) -> bool:
    """The 公开办: holds a role that may review reports (of its government tree)."""
    return access.can(user, "reports.review")


def may_start(user, scope) -> bool:
    """May the person write (and so start) the report of this agency or government?"""
    department = scope if isinstance(scope, Department) else general_office_of(scope)
    return department is not None and access.can(
        user, "reports.edit", stand_in(ReportState.DRAFT, department)
    )


def to_report(report: AnnualReport, anchor: str = ""):
    response = redirect("workbench:reports_staff:detail", pk=report.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def refused(request, action: str, report: AnnualReport, label: str):
    """None when the person may act now; a redirect with a message when only the state is
    wrong; PermissionDenied (403) when they may never act on this report."""
    if access.can(request.user, action, report):
        return None
    if access.may_ever(request.user, action, report):
        messages.error(
            request, f"这份年度报告当前为“{report.get_state_display()}”，不能{label}。页面已刷新。"
        )
        return to_report(report)
    raise PermissionDenied(f"无权执行此操作：{access.RULES[action].description or label}。")

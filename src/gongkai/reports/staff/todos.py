"""年度报告's items in 我的工作's 待办 (``gongkai.workbench.todos``), two queries:

* 审核年度报告 — reports submitted to the 公开办, of every agency and government
  it reviews (``reports.review``), since submitted;
* 修改年度报告 / 提交公开目录 — the current department's own report (an agency's,
  or for a general office its government's) returned for changes, or approved and
  not yet in the catalogue (``reports.edit`` / ``reports.publish``).

A report answers to its agency, a government's report to its general office, so the
rules are asked about departments standing in for reports in the state concerned.
"""

from __future__ import annotations

from django.db.models import CharField, Q, Value
from django.urls import reverse

from gongkai import access
from gongkai.orgs.models import Department, DepartmentType
from gongkai.workbench.todos import ToDo

from ..models import AnnualReport, ReportState

FIELDS = (
    "pk",
    "year",
    "state",
    "department__name",
    "government__name",
    "submitted_at",
    "approved_at",
    "updated_at",
)


def _answering(user, action: str, state: str, department):
    """Departments on whose reports in ``state`` the person may take ``action`` in their
    post at ``department``."""
    stand_ins = Department.objects.annotate(state=Value(state, output_field=CharField()))
    return access.scope(user, action, stand_ins, department_field=None, member_of=department)


def _reports_of(departments) -> Q:
    offices = departments.filter(kind=DepartmentType.GENERAL_OFFICE).values("government_id")
    return Q(department__in=departments.values("pk")) | Q(government__in=offices)


def _item(action: str, r: dict, since) -> ToDo:
    scope = r["department__name"] or r["government__name"]
    return ToDo(
        action,
        f"{scope}{r['year']}年政府信息公开工作年度报告",
        reverse("workbench:reports_staff:detail", args=[r["pk"]]),
        since or r["updated_at"],
    )


def todos(user, department, *, now, limit: int) -> list[ToDo]:
    reviewable = _answering(user, "reports.review", ReportState.SUBMITTED, department)
    submitted = (
        AnnualReport.objects.filter(_reports_of(reviewable), state=ReportState.SUBMITTED)
        .order_by("submitted_at", "pk")
        .values(*FIELDS)[:limit]
    )
    items = [_item("审核年度报告", r, r["submitted_at"]) for r in submitted]
    own = Q(department=department)
    if department.kind == DepartmentType.GENERAL_OFFICE:
        own |= Q(government_id=department.government_id)
    editable = _answering(user, "reports.edit", ReportState.RETURNED, department)
    publishable = _answering(user, "reports.publish", ReportState.APPROVED, department)
    mine = (
        AnnualReport.objects.filter(own)
        .filter(
            Q(_reports_of(editable), state=ReportState.RETURNED)
            | Q(_reports_of(publishable), state=ReportState.APPROVED, item__isnull=True)
        )
        .order_by("updated_at", "pk")
        .values(*FIELDS)[:limit]
    )
    for r in mine:
        if r["state"] == ReportState.RETURNED:
            items.append(_item("修改年度报告", r, r["updated_at"]))
        else:
            items.append(_item("提交公开目录", r, r["approved_at"]))
    return items

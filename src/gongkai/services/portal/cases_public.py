"""办件公示 at /banshi/gongshi/: the accepted and completed cases (applicant masked),
by department, and the statistics of a year per department (``public_cases``)."""

from __future__ import annotations

from django.views.decorators.http import require_safe

from gongkai.core.dates import today
from gongkai.orgs.models import Department
from gongkai.portal.paging import page_links, paginate
from gongkai.portal.site import site_government

from ..public_cases import public_cases, statistics, totals
from .views import page

FIRST_YEAR = 2000


def _year(request) -> int:
    current = today().year
    raw = request.GET.get("year", "")
    if raw.isdigit() and FIRST_YEAR <= int(raw) <= current:
        return int(raw)
    return current


def _departments(government):
    listed = public_cases(government).values("department_id").distinct()
    return list(Department.objects.filter(pk__in=listed).order_by("sort_order", "name"))


@require_safe
def case_list(request):
    government = site_government()
    cases = public_cases(government)
    departments = _departments(government)
    chosen = None
    dept = request.GET.get("dept", "")
    if dept.isdigit():
        chosen = next((d for d in departments if d.pk == int(dept)), None)
        cases = cases.filter(department_id=int(dept))
    page_obj = paginate(request, cases)
    return page(
        request,
        "gongshi/list.html",
        {
            "departments": departments,
            "chosen": chosen,
            "page_obj": page_obj,
            "pagination": page_links(request, page_obj),
        },
    )


@require_safe
def case_statistics(request):
    year = _year(request)
    rows = statistics(year, site_government())
    return page(
        request,
        "gongshi/statistics.html",
        {
            "year": year,
            "years": list(range(today().year, today().year - 5, -1)),
            "rows": rows,
            "total": totals(rows),
        },
    )

"""Public pages of 权责清单 (power and responsibility list): the list by government,
department and type (as it stands, or as it stood on a date), a power with its
basis, responsibilities, accountability and history, the year's 取消调整和下放的
行政审批事项, each adjustment document, and the counts."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from gongkai.core.dates import today
from gongkai.orgs.models import Department, Government
from gongkai.portal.modules import MODULES_BY_SLUG
from gongkai.portal.paging import page_links, paginate
from gongkai.portal.site import site_government

from .. import queries
from ..models import Adjustment, AdjustmentItem, Power, PowerType
from ..services.exporting import export_list

SECTION = MODULES_BY_SLUG["powers"]


def page(request, template: str, context: dict, status: int = 200):
    return render(
        request, f"powers/portal/{template}", {"section": SECTION, **context}, status=status
    )


def governments():
    """Governments of the site that have a list, city first."""
    found = Government.objects.filter(
        pk__in=Power.objects.values("government_id").order_by().distinct()
    )
    site = site_government()
    if site is not None:
        found = found.filter(path__startswith=site.path)
    return list(found.order_by("path"))


def chosen_government(request, listed: list[Government]) -> Government:
    code = (request.GET.get("gov") or "").strip()
    if code:
        for government in listed:
            if government.code == code:
                return government
        site = site_government()
        found = Government.objects.filter(code=code[:6]).first()
        if found is None or (site is not None and not found.is_within(site)):
            raise Http404("没有该地区的权责清单")
        return found
    site = site_government()
    for government in listed:
        if site is None or government.pk == site.pk:
            return government
    if listed:
        return listed[0]
    raise Http404("暂无权责清单")


def parse_day(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "").strip()) if value else None
    except ValueError:
        return None


@require_safe
def index(request):
    listed = governments()
    rows = []
    for government in listed:
        counted = queries.summary(government)
        rows.append((government, counted))
    return page(
        request,
        "index.html",
        {"rows": rows, "years": queries.adjustment_years(listed[0]) if listed else []},
    )


@require_safe
def power_list(request):
    listed = governments()
    government = chosen_government(request, listed)
    day = parse_day(request.GET.get("date"))
    powers = Power.objects.filter(government=government)
    powers = powers.as_of(day) if day else powers.current()
    types = PowerType.table_for(government)
    departments = list(
        Department.objects.filter(
            pk__in=powers.values("department_id").order_by().distinct()
        ).order_by("sort_order", "pk")
    )
    chosen = {"dept": None, "type": None}
    dept = request.GET.get("dept", "")
    if dept.isdigit():
        chosen["dept"] = next((d for d in departments if d.pk == int(dept)), None)
        powers = powers.filter(department_id=int(dept))
    type_code = request.GET.get("type", "")
    if type_code:
        chosen["type"] = next((t for t in types if t.abbreviation == type_code), None)
        powers = powers.filter(power_type__abbreviation=type_code)
    query = (request.GET.get("q") or "").strip()[:60]
    if query:
        powers = powers.filter(Q(name__icontains=query) | Q(code=query))
    powers = powers.select_related("department", "power_type").order_by("code", "pk")
    page_obj = paginate(request, powers)
    return page(
        request,
        "list.html",
        {
            "government": government,
            "governments": listed,
            "departments": departments,
            "types": types,
            "chosen": chosen,
            "query": query,
            "day": day,
            "today": today(),
            "page_obj": page_obj,
            "pagination": page_links(request, page_obj),
        },
    )


@require_safe
def export(request):
    """The list shown (government, and date if any) as XLSX in the import layout."""
    government = chosen_government(request, governments())
    day = parse_day(request.GET.get("date"))
    response = HttpResponse(
        export_list(government, day),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"{government.name}权责清单{day:%Y%m%d}" if day else f"{government.name}权责清单"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}.xlsx"
    return response


@require_safe
def power(request, pk: int):
    site = site_government()
    found = get_object_or_404(
        Power.objects.select_related("government", "department", "power_type"), pk=pk
    )
    if site is not None and not found.government.is_within(site):
        raise Http404("没有该职权")
    responsibilities = found.responsibilities.prefetch_related("accountabilities")
    versions = (
        Power.objects.filter(government=found.government, code=found.code)
        .order_by("valid_from", "pk")
        .prefetch_related("started_by__adjustment", "ended_by__adjustment")
    )
    return page(
        request,
        "power.html",
        {
            "power": found,
            "bases": found.bases.all(),
            "responsibilities": responsibilities,
            "versions": versions,
            "changes": AdjustmentItem.objects.filter(Q(before=found) | Q(after=found))
            .select_related("adjustment")
            .order_by("adjustment__effective_on", "pk"),
        },
    )


@require_safe
def counts(request):
    rows = []
    types = []
    for government in governments():
        by_type = {
            r["power_type__abbreviation"]: r["count"] for r in queries.counts_by_type(government)
        }
        types = types or PowerType.table_for(government)
        figures = [by_type.get(t.abbreviation, 0) for t in types]
        rows.append((government, queries.summary(government), figures))
    return page(request, "counts.html", {"rows": rows, "types": types})


@require_safe
def adjustments(request, year: int | None = None):
    listed = governments()
    government = chosen_government(request, listed)
    years = queries.adjustment_years(government)
    if year is None:
        if not years:
            return page(request, "adjustments.html", {"government": government, "years": []})
        return redirect("powers_portal:adjustments_year", years[0])
    items = queries.year_adjustments(government, year)
    page_obj = paginate(request, items, per_page=50)
    documents = (
        Adjustment.objects.filter(government=government, decided_on__year=year)
        .annotate(changed=Count("items"))
        .order_by("decided_on", "pk")
    )
    return page(
        request,
        "adjustments.html",
        {
            "government": government,
            "governments": listed,
            "year": year,
            "years": years,
            "documents": documents,
            "page_obj": page_obj,
            "pagination": page_links(request, page_obj),
        },
    )


@require_safe
def adjustment(request, pk: int):
    found = get_object_or_404(Adjustment.objects.select_related("government"), pk=pk)
    site = site_government()
    if site is not None and not found.government.is_within(site):
        raise Http404("没有该调整")
    items = found.items.select_related("before__department", "after__department")
    return page(request, "adjustment.html", {"adjustment": found, "items": items})

"""Public pages of the other two lists of 三张清单: the 负面清单 at /quanze/fumian/ and
the 财政专项资金管理清单 at /quanze/zijin/, as they stand or as they stood on a
date, with the documents that published and changed them; an entry with its
versions at /quanze/qingdan/<id>/."""

from __future__ import annotations

from django.db.models import Count, Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from gongkai.core.dates import today
from gongkai.orgs.models import Department, Government
from gongkai.portal.paging import page_links, paginate
from gongkai.portal.site import site_government

from ..models import CATEGORIES, ListDocument, ListEntry, ListKind
from .views import page, parse_day

SLUGS = {"fumian": ListKind.NEGATIVE, "zijin": ListKind.FUNDS}


def _governments(kind: str) -> list[Government]:
    found = Government.objects.filter(
        pk__in=ListEntry.objects.filter(kind=kind).values("government_id").order_by().distinct()
    )
    site = site_government()
    if site is not None:
        found = found.filter(path__startswith=site.path)
    return list(found.order_by("path"))


def _government(request, listed: list[Government]) -> Government | None:
    code = (request.GET.get("gov") or "").strip()
    for government in listed:
        if government.code == code:
            return government
    site = site_government()
    if code:
        found = Government.objects.filter(code=code[:6]).first()
        if found is None or (site is not None and not found.is_within(site)):
            raise Http404("没有该地区的清单")
        return found  # a government of the site without this list yet: shown empty
    return next(
        (g for g in listed if site is None or g.pk == site.pk), listed[0] if listed else None
    )


@require_safe
def other_list(request, slug: str):
    kind = SLUGS[slug]
    listed = _governments(kind)
    government = _government(request, listed)
    day = parse_day(request.GET.get("date"))
    context = {"kind": ListKind(kind), "slug": slug, "governments": listed, "government": government,
               "day": day, "today": today(), "categories": CATEGORIES[kind]}  # fmt: skip
    if government is None:
        return page(request, "other_list.html", context)
    entries = ListEntry.objects.filter(government=government, kind=kind)
    entries = entries.as_of(day) if day else entries.current()
    departments = list(
        Department.objects.filter(
            pk__in=entries.values("department_id").order_by().distinct()
        ).order_by("sort_order", "pk")
    )
    dept = request.GET.get("dept", "")
    chosen_dept = next((d for d in departments if str(d.pk) == dept), None)
    if chosen_dept:
        entries = entries.filter(department=chosen_dept)
    category = request.GET.get("category", "")
    if category in CATEGORIES[kind]:
        entries = entries.filter(category=category)
    else:
        category = ""
    query = (request.GET.get("q") or "").strip()[:60]
    if query:
        entries = entries.filter(Q(name__icontains=query) | Q(code=query))
    total = entries.aggregate(amount=Sum("amount"))["amount"]
    documents = (
        ListDocument.objects.filter(government=government, kind=kind)
        .annotate(opened_count=Count("opened", distinct=True), closed_count=Count("closed", distinct=True))
        .order_by("-effective_on", "-pk")
    )  # fmt: skip
    page_obj = paginate(request, entries.select_related("department").order_by("code", "pk"))
    context |= {
        "departments": departments,
        "chosen_dept": chosen_dept,
        "category": category,
        "query": query,
        "total": total,
        "documents": documents,
        "page_obj": page_obj,
        "pagination": page_links(request, page_obj),
    }
    return page(request, "other_list.html", context)


@require_safe
def entry(request, pk: int):
    found = get_object_or_404(
        ListEntry.objects.select_related("government", "department", "opened_by", "closed_by"),
        pk=pk,
    )
    site = site_government()
    if site is not None and not found.government.is_within(site):
        raise Http404("没有该清单事项")
    versions = list(
        ListEntry.objects.filter(government=found.government, kind=found.kind, code=found.code)
        .select_related("opened_by", "closed_by", "department")
        .order_by("valid_from", "pk")
    )
    slug = next(s for s, k in SLUGS.items() if k == found.kind)
    return page(
        request,
        "list_entry.html",
        {"entry": found, "versions": versions, "kind": ListKind(found.kind), "slug": slug},
    )

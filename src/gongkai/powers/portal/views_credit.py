"""工程建设领域信用信息共享专栏 at /quanze/jianshe/: find a company (by name or credit
code) or a practitioner (by name or certificate number); a company's page gathers
its 概况, its records by category with their sources and dates, the enforcement
decisions published against its credit code and its registered practitioners."""

from __future__ import annotations

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from gongkai.core.dates import today
from gongkai.portal.paging import page_links, paginate
from gongkai.portal.site import site_government

from ..feed import party_name
from ..models import (
    COMPANY_CATEGORIES,
    PRACTITIONER_CATEGORIES,
    Company,
    CompanyKind,
    CreditRecord,
    Decision,
    Practitioner,
    RecordCategory,
)
from .views import page

NEGATIVE = (RecordCategory.BAD, RecordCategory.ARREARS, RecordCategory.PENALTY,
            RecordCategory.VIOLATION)  # fmt: skip


def _within_site(queryset):
    site = site_government()
    return queryset if site is None else queryset.filter(government__path__startswith=site.path)


@require_safe
def credit_index(request):
    query = (request.GET.get("q") or "").strip()[:60]
    kind = request.GET.get("kind", "")
    companies = _within_site(Company.objects.all())
    if kind in CompanyKind.values:
        companies = companies.filter(kind=kind)
    else:
        kind = ""
    practitioners = None
    if query:
        companies = companies.filter(Q(name__icontains=query) | Q(uscc=query.upper()))
        practitioners = (
            _within_site(Practitioner.objects.all())
            .filter(Q(name=query) | Q(certificate_number=query))
            .select_related("company")[:50]
        )
    companies = companies.annotate(
        negative=Count("records", filter=Q(records__category__in=NEGATIVE))
    ).order_by("name")
    page_obj = paginate(request, companies)
    return page(
        request,
        "credit/index.html",
        {
            "query": query,
            "kind": kind,
            "kinds": CompanyKind.choices,
            "page_obj": page_obj,
            "pagination": page_links(request, page_obj),
            "practitioners": practitioners,
            "category_counts": _category_counts(),
        },
    )


def _category_counts() -> list[tuple[str, int]]:
    site = site_government()
    records = CreditRecord.objects.all()
    if site is not None:
        records = records.filter(
            Q(company__government__path__startswith=site.path)
            | Q(practitioner__government__path__startswith=site.path)
        )
    found = dict(records.values_list("category").annotate(n=Count("pk")).order_by())
    return [(RecordCategory(c).label, found[c]) for c in RecordCategory.values if found.get(c)]


def _grouped(records, categories):
    day = today()
    records = list(records)
    shown = set(
        Decision.objects.public(day)
        .filter(pk__in=[r.decision_id for r in records if r.decision_id])
        .values_list("pk", flat=True)
    )
    by_category = {c: [] for c in categories}
    for found in records:
        found.expired = found.valid_until is not None and found.valid_until < day
        found.decision_shown = found.decision_id in shown  # its page is public today
        by_category.setdefault(found.category, []).append(found)
    return [(RecordCategory(c).label, rows) for c, rows in by_category.items()]


@require_safe
def company(request, uscc: str):
    found = get_object_or_404(
        _within_site(Company.objects.select_related("government")), uscc=uscc.upper()
    )
    records = found.records.select_related("source", "decision").order_by("-recorded_on", "-pk")
    decisions = [
        (d, party_name(d))
        for d in Decision.objects.public(today())
        .filter(party_uscc=found.uscc)
        .select_related("body")
        .order_by("-decided_on")
    ]
    return page(
        request,
        "credit/company.html",
        {
            "company": found,
            "groups": _grouped(records, COMPANY_CATEGORIES),
            "decisions": decisions,
            "practitioners": found.practitioners.order_by("name"),
        },
    )


@require_safe
def practitioner(request, pk: int):
    found = get_object_or_404(
        _within_site(Practitioner.objects.select_related("company", "government")), pk=pk
    )
    records = found.records.select_related("source", "decision").order_by("-recorded_on", "-pk")
    return page(
        request,
        "credit/practitioner.html",
        {"person": found, "groups": _grouped(records, PRACTITIONER_CATEGORIES)},
    )

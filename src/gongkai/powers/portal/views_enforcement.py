"""Public pages of 行政执法公示 under /quanze/: the enforcement bodies by government
(their officers and powers), a body's page (basis, powers, random-inspection list,
officer lookup by name within the body), officer lookup by certificate number,
the published decisions (filters: body, kind, year; a person's name masked) and a
decision's page, and the 双公示 feed as CSV or XLSX.

Nothing lists officers by name across bodies. What is public is computed by date
(``Officer.objects.active``, ``Decision.objects.public``), so a stored page is
exact on the day it was stored (the page cache's key holds the date)."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from gongkai.core.dates import today
from gongkai.orgs.models import Government
from gongkai.portal.paging import page_links, paginate
from gongkai.portal.site import site_government

from .. import feed
from ..models import DecisionKind, EnforcementBody, Officer
from .views import page

MAX_NAME, MAX_NUMBER = 20, 32


def _within_site(queryset, path_field: str):
    site = site_government()
    if site is None:
        return queryset
    return queryset.filter(**{f"{path_field}__startswith": site.path})


def _governments() -> list[Government]:
    found = Government.objects.filter(
        pk__in=EnforcementBody.objects.values("government_id").order_by().distinct()
    )
    site = site_government()
    if site is not None:
        found = found.filter(path__startswith=site.path)
    return list(found.order_by("path"))


def _chosen(request, listed: list[Government]) -> Government | None:
    code = (request.GET.get("gov") or "").strip()
    for government in listed:
        if government.code == code:
            return government
    if code:
        site = site_government()
        found = Government.objects.filter(code=code[:6]).first()
        if found is None or (site is not None and not found.is_within(site)):
            raise Http404("没有该地区的行政执法主体")
        return found
    return listed[0] if listed else None


def _public_body(pk: int) -> EnforcementBody:
    found = get_object_or_404(
        _within_site(EnforcementBody.objects.select_related("government"), "government__path"),
        pk=pk,
    )
    return found


@require_safe
def bodies(request):
    listed = _governments()
    government = _chosen(request, listed)
    day = today()
    officers = (
        Officer.objects.active(day)
        .filter(body=OuterRef("pk"))
        .order_by()
        .values("body")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = []
    if government is not None:
        rows = (
            EnforcementBody.objects.filter(government=government)
            .annotate(
                officers_count=Coalesce(Subquery(officers), 0),
                powers_count=Count("powers", filter=Q(powers__valid_to__isnull=True)),
            )
            .order_by("sort_order", "pk")
        )
    return page(
        request,
        "enforcement/bodies.html",
        {"governments": listed, "government": government, "rows": rows},
    )


@require_safe
def body(request, pk: int):
    found = _public_body(pk)
    day = today()
    name = (request.GET.get("name") or "").strip()[:MAX_NAME]
    officers = None
    if name:
        officers = list(found.officers.filter(name=name).order_by("certificate_number"))
        for officer in officers:
            officer.status_label = officer.public_status(day)
    powers = found.powers.current().select_related("power_type").order_by("code")
    return page(
        request,
        "enforcement/body.html",
        {
            "body": found,
            "powers": powers,
            "inspections": found.inspections.all(),
            "active_count": found.officers.active(day).count(),
            "name": name,
            "officers": officers,
            "day": day,
        },
    )


@require_safe
def officer_lookup(request):
    number = (request.GET.get("zh") or "").strip().upper().replace(" ", "")[:MAX_NUMBER]
    found = None
    if number:
        found = (
            _within_site(Officer.objects.select_related("body"), "body__government__path")
            .filter(certificate_number=number)
            .first()
        )
        if found is not None:
            found.status_label = found.public_status(today())
    return page(
        request,
        "enforcement/officer.html",
        {"number": number, "officer": found, "day": today()},
    )


def _filters(request):
    """The chosen body, kind and year, from the query string (ignored when not valid)."""
    chosen = {"body": None, "kind": "", "year": None}
    raw = request.GET.get("body", "")
    if raw.isdigit():
        chosen["body"] = (
            _within_site(EnforcementBody.objects.all(), "government__path")
            .filter(pk=int(raw))
            .first()
        )
    kind = request.GET.get("kind", "")
    if kind in DecisionKind.values:
        chosen["kind"] = kind
    year = request.GET.get("year", "")
    if year.isdigit() and len(year) == 4:
        chosen["year"] = int(year)
    return chosen


def public_decisions(chosen=None):
    found = _within_site(feed.feed_decisions(today()), "body__government__path")
    chosen = chosen or {}
    if chosen.get("body") is not None:
        found = found.filter(body=chosen["body"])
    if chosen.get("kind"):
        found = found.filter(kind=chosen["kind"])
    if chosen.get("year"):
        found = found.filter(decided_on__year=chosen["year"])
    return found


@require_safe
def decisions(request):
    chosen = _filters(request)
    found = public_decisions(chosen).order_by("-decided_on", "-pk")
    page_obj = paginate(request, found)
    for decision in page_obj.object_list:
        decision.public_party = feed.party_name(decision)
    years = sorted({d.year for d in public_decisions().dates("decided_on", "year")}, reverse=True)
    bodies_with = _within_site(EnforcementBody.objects.all(), "government__path").filter(
        pk__in=public_decisions().values("body_id")
    )
    return page(
        request,
        "enforcement/decisions.html",
        {
            "chosen": chosen,
            "kinds": DecisionKind.choices,
            "years": years,
            "bodies": bodies_with.order_by("government__path", "sort_order", "pk"),
            "page_obj": page_obj,
            "pagination": page_links(request, page_obj),
            "query": request.GET.urlencode(),
        },
    )


@require_safe
def decision(request, pk: int):
    found = get_object_or_404(public_decisions(), pk=pk)
    return page(
        request,
        "enforcement/decision.html",
        {"decision": found, "party": feed.party_name(found), "row": feed.feed_row(found)},
    )


@require_safe
def decisions_feed(request, fmt: str):
    if fmt not in ("csv", "xlsx"):
        raise Http404("只提供 CSV 和 XLSX 格式")
    chosen = _filters(request)
    found = public_decisions(chosen)
    stamp = today().strftime("%Y%m%d")
    if fmt == "csv":
        response = HttpResponse(
            feed.feed_csv(found, chosen["kind"]), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            feed.feed_xlsx(found, chosen["kind"]),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = (
        f'attachment; filename="shuanggongshi-{stamp}.{fmt}"; '
        f"filename*=UTF-8''%E5%8F%8C%E5%85%AC%E7%A4%BA-{stamp}.{fmt}"
    )
    return response

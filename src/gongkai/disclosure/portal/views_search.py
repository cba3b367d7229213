"""The site-wide search page (站内搜索) over ``gongkai.search``.

GET ``q``, ``order`` (relevance | date), ``page`` and the facet filters
(``department``, ``subject``, ``genre``, ``year``, ``validity``,
``key_area``, ``item_type``, ``source``; a name may repeat: its values are
alternatives). The search module returns titles and snippets escaped with the
terms in ``<mark>``: they are the only strings this page marks safe.

Hits of the catalogue are checked against the database before they are shown,
so an item withdrawn a moment ago is never listed even if the index has not
caught up yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.views.decorators.http import require_safe

from gongkai import search as site_search
from gongkai.orgs.models import Department
from gongkai.portal.paging import page_links
from gongkai.portal.site import site_government

from ..effects import SEARCH_SOURCE
from ..models import Genre, ItemType, KeyArea, SubjectCategory, Validity
from .scope import public_items
from .views import _render

QUERY_MAX = 100
PER_PAGE = 20
MAX_PAGE = 500
FACETS = ("source", "item_type", "department", "subject", "genre", "year", "validity", "key_area")
VALUES_SHOWN = 12
ORDERS = {"relevance": "按相关度", "date": "按日期（从新到旧）"}


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    chosen: bool
    url: str  # the search with this value added, or removed when chosen


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    values: list[FacetValue]


def _values(found) -> list:
    """A hit's facet as a list: sources give one value or a list of them."""
    if found in (None, ""):
        return []
    return found if isinstance(found, list) else [found]


def _labels(counts: dict[str, dict[str, int]], hits) -> dict[str, dict[str, str]]:
    """Names for the facet values: one query per kind of reference data."""

    def ids(name: str) -> set[int]:
        values = set(counts.get(name, {}))
        for hit in hits:
            values.update(str(v) for v in _values(hit.facets.get(name)) if v)
        return {int(v) for v in values if str(v).isdigit()}

    labels: dict[str, dict[str, str]] = {
        "source": {s.name: s.label for s in site_search.registered_sources()},
        "item_type": dict(ItemType.choices),
        "validity": dict(Validity.choices),
        "year": {y: f"{y}年" for y in counts.get("year", {})},
    }
    for name, model in (("department", Department), ("subject", SubjectCategory), ("genre", Genre)):
        wanted = ids(name)
        labels[name] = (
            {str(pk): str(obj) for pk, obj in model.objects.in_bulk(wanted).items()}
            if wanted
            else {}
        )
    slugs = set(counts.get("key_area", {}))
    labels["key_area"] = (
        dict(KeyArea.objects.filter(slug__in=slugs).values_list("slug", "name")) if slugs else {}
    )
    return labels


def _url(q: str, order: str, filters: dict[str, list[str]]) -> str:
    params = [("q", q)]
    if order != "relevance":
        params.append(("order", order))
    params += [(name, value) for name, values in filters.items() for value in values]
    return "?" + urlencode(params)


def _toggled(filters, name, value) -> dict[str, list[str]]:
    out = {k: list(v) for k, v in filters.items()}
    values = out.setdefault(name, [])
    if value in values:
        values.remove(value)
    else:
        values.append(value)
    return {k: v for k, v in out.items() if v}


def _facets(results, q, order, filters, labels) -> list[Facet]:
    facets = []
    for name in FACETS:
        counts = results.facet_counts.get(name) or {}
        if not counts or (name == "source" and len(counts) == 1 and name not in filters):
            continue  # one kind of thing only: nothing to narrow
        ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if name == "year":
            ordered = sorted(counts.items(), key=lambda kv: kv[0], reverse=True)
        chosen = set(filters.get(name, []))
        shown = [kv for kv in ordered if kv[0] in chosen]
        shown += [kv for kv in ordered if kv[0] not in chosen][: VALUES_SHOWN - len(shown)]
        values = [
            FacetValue(
                value,
                labels.get(name, {}).get(value, value),
                count,
                value in chosen,
                _url(q, order, _toggled(filters, name, value)),
            )
            for value, count in shown
        ]
        facets.append(Facet(name, site_search.FACET_LABELS.get(name, name), values))
    return facets


def _visible(hits) -> list:
    """Hits whose catalogue item is public right now (others pass through)."""
    ids = [int(h.object_id) for h in hits if h.source == SEARCH_SOURCE and h.object_id.isdigit()]
    public = (
        set(public_items(site_government()).filter(pk__in=ids).values_list("pk", flat=True))
        if ids
        else set()
    )
    return [
        h
        for h in hits
        if h.source != SEARCH_SOURCE or (h.object_id.isdigit() and int(h.object_id) in public)
    ]


def _page_number(raw: str | None) -> int:
    try:
        return min(MAX_PAGE, max(1, int(raw or 1)))
    except ValueError:
        return 1


@require_safe
def search_page(request):
    q = request.GET.get("q", "").strip()[:QUERY_MAX]
    order = request.GET.get("order") or "relevance"
    problems = []
    if order not in ORDERS:
        problems.append(f"排序方式“{order[:20]}”无效，已按相关度排序。")
        order = "relevance"
    filters = {
        name: [v.strip() for v in request.GET.getlist(name) if v.strip()][:10]
        for name in FACETS
        if any(v.strip() for v in request.GET.getlist(name))
    }
    context = {"q": q, "order": order, "orders": ORDERS, "problems": problems, "searched": bool(q)}
    if not q:
        return _render(request, "search.html", context)
    page = _page_number(request.GET.get("page"))
    try:
        results = site_search.search(q, filters=filters, order=order, page=page, per_page=PER_PAGE)
        if results.total and page > results.pages:
            page = results.pages
            results = site_search.search(
                q, filters=filters, order=order, page=page, per_page=PER_PAGE
            )
    except ValueError as error:  # UnknownFilter, InvalidOrder: say so, find nothing
        problems.append(str(error))
        results = site_search.SearchResults(q, {}, order, 1, PER_PAGE)
        filters = {}
    hits = _visible(results.hits)
    labels = _labels(results.facet_counts, hits)
    paginator = Paginator(range(results.total), PER_PAGE)
    chosen = [
        {
            "label": site_search.FACET_LABELS.get(name, name),
            "value": labels.get(name, {}).get(value, value),
            "remove": _url(q, order, _toggled(filters, name, value)),
        }
        for name, values in filters.items()
        for value in values
    ]
    context.update(
        results=results,
        hits=[
            {
                "hit": hit,
                "departments": [
                    labels["department"].get(str(d), "")
                    for d in _values(hit.facets.get("department"))
                    if labels["department"].get(str(d))
                ],
            }
            for hit in hits
        ],
        facets=_facets(results, q, order, filters, labels),
        chosen=chosen,
        filters=filters,
        clear_filters=_url(q, order, {}) if filters else "",
        order_links=[
            {"label": label, "url": _url(q, value, filters), "current": value == order}
            for value, label in ORDERS.items()
        ],
        suggestions=[{"s": s, "url": _url(s.query, order, s.filters)} for s in results.suggestions],
        pagination=page_links(request, paginator.get_page(page)),
    )
    return _render(request, "search.html", context)

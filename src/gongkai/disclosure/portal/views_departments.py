"""A department's pages: its public information and catalogue, its 指南 (guide,
条例 Art. 12), its 目录 by the content categories it must fill (Art. 20/21)
and its 年报 (annual reports, Art. 49)."""

from __future__ import annotations

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.views.decorators.http import require_safe

from gongkai.portal.modules import MODULES_BY_SLUG

from ..models import InformationItem, ItemType, SubjectCategory
from ..queries import required_categories
from .filters import CatalogueFilters
from .scope import catalogue_of, department_or_404, listing, public_items
from .views import _render

LATEST_PER_CATEGORY = 5


def _catalogue(department):
    return catalogue_of(public_items(None), department)


@require_safe
def department_page(request, pk: int):
    department = department_or_404(pk)
    items = _catalogue(department)
    form = CatalogueFilters(
        request.GET,
        departments=[department],
        items=items,
        with_fields=["subject", "genre", "type", "year", "order"],
    )
    return _render(
        request,
        "department.html",
        {
            "department": department,
            "children": department.children.filter(active=True).order_by("sort_order", "name"),
            "form": form,
            **listing(request, form.apply(items)),
        },
    )


@require_safe
def department_guide(request, pk: int):
    department = department_or_404(pk)
    guides = (
        _catalogue(department)
        .filter(item_type=ItemType.GUIDE)
        .order_by("-published_at", "-id")
        .select_related("department")[:10]
    )
    return _render(
        request,
        "department_guide.html",
        {
            "department": department,
            "guides": guides,
            "categories": required_categories(department),
            "subjects": SubjectCategory.objects.filter(active=True),
            "item_types": ItemType.choices,
            "applications": MODULES_BY_SLUG["applications"],
        },
    )


def categories_with_items(department, categories) -> list[dict]:
    """Each required category with its count and latest public items, in two queries
    whatever the number of categories; an empty category has count 0."""
    categories = list(categories)
    ids = [c.pk for c in categories]
    catalogue = _catalogue(department)
    through = InformationItem.content_categories.through
    rows = through.objects.filter(contentcategory_id__in=ids, informationitem__in=catalogue)
    counts = dict(
        rows.values("contentcategory_id")
        .annotate(n=Count("id"))
        .values_list("contentcategory_id", "n")
    )
    latest = (
        rows.annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("contentcategory_id")],
                order_by=[
                    F("informationitem__published_at").desc(),
                    F("informationitem_id").desc(),
                ],
            )
        )
        .filter(rank__lte=LATEST_PER_CATEGORY)
        .select_related("informationitem")
        .order_by("contentcategory_id", "rank")
    )
    items: dict[int, list] = {}
    for row in latest:
        items.setdefault(row.contentcategory_id, []).append(row.informationitem)
    return [
        {"category": c, "count": counts.get(c.pk, 0), "items": items.get(c.pk, [])}
        for c in categories
    ]


@require_safe
def department_catalogue(request, pk: int):
    department = department_or_404(pk)
    categories = categories_with_items(department, required_categories(department))
    return _render(
        request,
        "department_catalogue.html",
        {
            "department": department,
            "categories": categories,
            "empty_count": sum(1 for c in categories if not c["count"]),
            "total": _catalogue(department).count(),
        },
    )


@require_safe
def department_reports(request, pk: int):
    department = department_or_404(pk)
    items = (
        _catalogue(department)
        .filter(item_type=ItemType.ANNUAL_REPORT)
        .order_by("-published_at", "-id")
    )
    return _render(
        request,
        "department_reports.html",
        {"department": department, **listing(request, items)},
    )

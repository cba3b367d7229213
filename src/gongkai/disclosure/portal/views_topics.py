"""Key-area pages (重点领域) and the normative-document library (规范性文件库)."""

from __future__ import annotations

from django.db.models import Count
from django.views.decorators.http import require_safe

from gongkai.portal.site import departments_under, site_government

from ..models import KeyArea, Validity
from .filters import CatalogueFilters
from .scope import key_area_or_404, listing, public_items
from .views import _render


@require_safe
def key_area_page(request, slug: str):
    area = key_area_or_404(slug)
    government = site_government()
    items = public_items(government).filter(key_areas=area)
    form = CatalogueFilters(
        request.GET,
        departments=departments_under(government),
        items=items,
        with_fields=["department", "type", "year", "order"],
    )
    return _render(
        request,
        "key_area.html",
        {
            "area": area,
            "other_areas": KeyArea.objects.filter(active=True).exclude(pk=area.pk),
            "form": form,
            **listing(request, form.apply(items)),
        },
    )


@require_safe
def normative(request):
    """规范性文件 and 规章 with their validity; filter by validity and year."""
    government = site_government()
    items = public_items(government).with_validity()
    form = CatalogueFilters(
        request.GET,
        departments=departments_under(government),
        items=items,
        with_fields=["validity", "year", "type", "gov", "department", "order"],
    )
    # Restrict the type filter to the two kinds that carry validity.
    form.fields["type"].choices = [
        choice for choice in form.fields["type"].choices if choice[0] in ("", "normative", "rule")
    ]
    counts = dict(
        items.order_by().values("validity").annotate(n=Count("id")).values_list("validity", "n")
    )
    return _render(
        request,
        "normative.html",
        {
            "form": form,
            "validity_counts": [
                {"value": value, "label": label, "count": counts.get(value, 0)}
                for value, label in Validity.choices
            ],
            **listing(request, form.apply(items)),
        },
    )

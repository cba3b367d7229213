"""``sitemap.xml``: the column's pages and every public item (Django sitemaps).

The root URLconf serves the index at ``/sitemap.xml``::

    from gongkai.disclosure.portal.sitemaps import sitemap_index
    path("sitemap.xml", sitemap_index, name="sitemap"),

and the sections live under ``/xxgk/sitemap-<section>.xml`` (``xxgk:sitemap-section``),
each split in pages of at most ``ItemSitemap.limit`` URLs (``?p=2``), as the
protocol allows 50,000 per file. The templates are ours, so the
``django.contrib.sitemaps`` app need not be installed.
"""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max
from django.urls import reverse

from gongkai.portal.site import departments_under, site_government

from ..models import KeyArea
from .scope import public_items

COLUMN_PAGES = ("home", "catalogue", "normative", "guides", "reports")
DEPARTMENT_PAGES = ("department", "department-guide", "department-catalogue", "department-reports")


class ColumnSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return list(COLUMN_PAGES)

    def location(self, name: str) -> str:
        return reverse(f"xxgk:{name}")


class ItemSitemap(Sitemap):
    limit = 10_000
    changefreq = "monthly"

    def items(self):
        return (
            public_items(site_government()).order_by("pk").only("pk", "index_number", "updated_at")
        )

    def location(self, item) -> str:
        return item.get_public_url()

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # The default walks every item; one aggregate answers the same.
        return public_items(site_government()).aggregate(latest=Max("updated_at"))["latest"]


class DepartmentSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return [
            (pk, page)
            for pk in departments_under(site_government()).values_list("pk", flat=True)
            for page in DEPARTMENT_PAGES
        ]

    def location(self, entry) -> str:
        pk, page = entry
        return reverse(f"xxgk:{page}", args=[pk])


class KeyAreaSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return list(KeyArea.objects.filter(active=True).values_list("slug", flat=True))

    def location(self, slug: str) -> str:
        return reverse("xxgk:key-area", args=[slug])


SITEMAPS = {
    "columns": ColumnSitemap,
    "departments": DepartmentSitemap,
    "key-areas": KeyAreaSitemap,
    "items": ItemSitemap,
}


def sitemap_index(request):
    return sitemap_views.index(
        request,
        SITEMAPS,
        template_name="disclosure/portal/sitemap_index.xml",
        sitemap_url_name="xxgk:sitemap-section",
    )


def sitemap_section(request, section: str):
    return sitemap_views.sitemap(
        request,
        SITEMAPS,
        section=section,
        template_name="disclosure/portal/sitemap.xml",
    )

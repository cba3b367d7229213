"""RSS 2.0 and Atom feeds of public items (``gongkai.portal.feeds``).

The latest overall, per department (its catalogue, owned or co-published), per
subject category (主题分类) and per key area (重点领域); each the newest
``FEED_SIZE`` public items in the site's scope, in one query plus a prefetch.
Guids and ids are the items' absolute URLs; dates are in Beijing time.
"""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse

from gongkai.portal.feeds import PortalFeed, atom
from gongkai.portal.profile import get_site_profile
from gongkai.portal.site import site_government

from ..models import SubjectCategory
from ..sanitize import plain_text
from .scope import catalogue_of, department_or_404, key_area_or_404, public_items

FEED_SIZE = 30
DESCRIPTION_CHARS = 300


def _site_name() -> str:
    profile = get_site_profile()
    return profile.site_name if profile else "政务公开平台"


class ItemFeed(PortalFeed):
    """The newest public items of the site's scope; subclasses narrow them."""

    heading = "最新信息"

    def scoped(self, obj, items):
        return items

    def heading_for(self, obj) -> str:
        return self.heading

    def link_for(self, obj) -> str:
        return reverse("xxgk:home")

    # -- channel -------------------------------------------------------------
    def title(self, obj=None) -> str:
        return f"{_site_name()} 政府信息公开 · {self.heading_for(obj)}"

    def link(self, obj=None) -> str:
        return self.link_for(obj)

    def description(self, obj=None) -> str:
        return f"{_site_name()}主动公开的政府信息：{self.heading_for(obj)}（最新 {FEED_SIZE} 条）。"

    subtitle = description  # Atom's name for it

    def items(self, obj=None):
        items = self.scoped(obj, public_items(site_government()))
        return items.select_related("department", "subject").order_by("-published_at", "-id")[
            :FEED_SIZE
        ]

    # -- entries -------------------------------------------------------------
    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        text = item.summary.strip() or plain_text(item.body)
        if len(text) > DESCRIPTION_CHARS:
            text = text[: DESCRIPTION_CHARS - 1] + "…"
        return text

    def item_link(self, item) -> str:
        return item.get_public_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item) -> str:
        return item.department.name

    def item_categories(self, item):
        return [item.subject.name, item.get_item_type_display()]


class DepartmentFeed(ItemFeed):
    def get_object(self, request, pk: int):
        return department_or_404(pk)

    def scoped(self, obj, items):
        return catalogue_of(items, obj)

    def heading_for(self, obj) -> str:
        return obj.name

    def link_for(self, obj) -> str:
        return reverse("xxgk:department", args=[obj.pk])


class SubjectFeed(ItemFeed):
    def get_object(self, request, pk: int):
        subject = SubjectCategory.objects.filter(pk=pk, active=True).first()
        if subject is None:
            raise Http404("没有这个主题分类。")
        return subject

    def scoped(self, obj, items):
        return items.filter(subject=obj)

    def heading_for(self, obj) -> str:
        return f"主题分类：{obj.name}"

    def link_for(self, obj) -> str:
        return reverse("xxgk:catalogue") + f"?subject={obj.pk}"


class KeyAreaFeed(ItemFeed):
    def get_object(self, request, slug: str):
        return key_area_or_404(slug)

    def scoped(self, obj, items):
        return items.filter(key_areas=obj)

    def heading_for(self, obj) -> str:
        return f"重点领域：{obj.name}"

    def link_for(self, obj) -> str:
        return reverse("xxgk:key-area", args=[obj.slug])


latest_rss, latest_atom = ItemFeed(), atom(ItemFeed)()
department_rss, department_atom = DepartmentFeed(), atom(DepartmentFeed)()
subject_rss, subject_atom = SubjectFeed(), atom(SubjectFeed)()
key_area_rss, key_area_atom = KeyAreaFeed(), atom(KeyAreaFeed)()

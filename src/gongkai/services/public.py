"""What of the service catalogue the public sees, in one place for the pages, the API
and the site search.

An item is public when it is published (``state="published"``) with its current
guide; a draft never is, and a withdrawn item (停止办理) leaves the catalogue: its
page says so with the date and the reason (``withdrawn_item``), the API and the
search answer as if it were not there. The portal shows the site's government and
those under it (``gongkai.portal.site``); the API every government.
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from gongkai.orgs.models import Government

from .models import GuideState, GuideVersion, ItemState, ServiceItem


def public_items(government: Government | None = None) -> QuerySet[ServiceItem]:
    """Published items with their current guide (within ``government`` when given)."""
    items = ServiceItem.objects.filter(
        state=ItemState.PUBLISHED, current__isnull=False
    ).select_related("department", "government", "current")
    if government is not None:
        items = items.filter(government__path__startswith=government.path)
    return items


def _by_code(items: QuerySet[ServiceItem], code: str) -> ServiceItem | None:
    """An item by its code; codes are unique per government, so should two governments
    on the site share one, the higher government's (the shorter path) wins."""
    return items.filter(code=code).order_by("government__path").first()


def public_item(code: str, government: Government | None = None) -> ServiceItem | None:
    """The public item ``code`` with its current guide's materials, steps and questions."""
    found = _by_code(public_items(government), code)
    if found is not None:
        found.guide = (
            GuideVersion.objects.filter(pk=found.current_id)
            .select_related("power")
            .prefetch_related("materials__blank_form", "materials__sample", "steps", "questions")
            .get()
        )
    return found


def withdrawn_item(code: str, government: Government | None = None) -> ServiceItem | None:
    """A withdrawn item, so that its old address says 已停止办理 instead of nothing."""
    items = ServiceItem.objects.filter(state=ItemState.WITHDRAWN).select_related("department")
    if government is not None:
        items = items.filter(government__path__startswith=government.path)
    return _by_code(items, code)


def published_versions(item: ServiceItem) -> list[GuideVersion]:
    """Every version the public has seen (现行 and superseded), newest first, each with
    its children for ``guides.changes``."""
    children = ("materials", "steps", "questions")
    return list(
        item.guides.filter(state__in=[GuideState.PUBLISHED, GuideState.SUPERSEDED])
        .order_by("-number")
        .prefetch_related(*(Prefetch(name) for name in children))
    )

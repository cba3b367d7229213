"""Published service items as a search source (``gongkai.search``): ``services.item``.

One entry per public item (published, with its current guide): its name as the
title, code, department and the 受理条件 as summary, and as body the basis, the
conditions and the names of the materials, so that a citizen who searches for
the paper they hold (营业执照) finds the services asking for it. A withdrawn or
unpublished item answers None from ``get_entry``: the job that indexed it on
publication removes it on withdrawal. Facets: ``department`` and ``year`` (the
year the current guide was published).
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.urls import reverse

from gongkai.search.registry import queryset_functions

from .models import ServiceItem
from .public import public_items

SEARCH_SOURCE = "services.item"
BEIJING = ZoneInfo("Asia/Shanghai")


def _items():
    return public_items().prefetch_related("current__materials")


def entry_for(item: ServiceItem) -> dict[str, Any]:
    guide = item.current
    materials = "、".join(m.name for m in guide.materials.all())
    return {
        "object_id": str(item.pk),
        "url": reverse("services_portal:item", args=[item.code]),
        "title": item.name,
        "summary": f"{item.code} · 实施主体：{item.department.name} · "
        f"承诺{guide.promised_limit}个工作日办结",
        "body": "\n".join(p for p in (guide.basis, guide.conditions, materials) if p),
        "published_at": datetime.combine(guide.published_on, time(), tzinfo=BEIJING),
        "facets": {"department": item.department_id, "year": guide.published_on.year},
    }


iter_entries, get_entry, count = queryset_functions(_items, entry_for, chunk=200)


def schedule(item: ServiceItem) -> None:
    """Re-index ``item`` (or drop it) by a job, once the current transaction commits."""
    from gongkai.search.jobs import schedule_reindex

    schedule_reindex(SEARCH_SOURCE, item.pk)


def register() -> None:
    from gongkai.search.registry import register_source

    register_source(
        SEARCH_SOURCE, label="办事指南", iter_entries=iter_entries, get_entry=get_entry, count=count
    )

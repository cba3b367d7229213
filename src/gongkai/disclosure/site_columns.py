"""The catalogue's columns for the website inspection (``gongkai.portal.columns``):
政策文件 and 政策解读 must be updated within six months (通知公告、政策文件类);
the catalogue as a whole (what the home page lists newest first), 回应关切, the
guides, the annual reports and each key area are checked for being empty or not
updated for a long time. Two queries for all of them."""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Count, Max
from django.urls import reverse
from django.utils import timezone

from gongkai.portal.columns import NOTICE, OTHER, OutsideLink, SiteColumn

from .models import ItemType, KeyArea
from .portal.scope import public_items

# (key, label, kind, item types, the portal page listing them)
TYPE_COLUMNS = [
    ("normative", "政策文件", NOTICE, (ItemType.NORMATIVE, ItemType.RULE), "xxgk:normative", {}),
    ("interpretation", "政策解读", NOTICE, (ItemType.INTERPRETATION,), "xxgk:catalogue",
     {"type": ItemType.INTERPRETATION}),
    ("response", "回应关切", OTHER, (ItemType.RESPONSE,), "xxgk:catalogue",
     {"type": ItemType.RESPONSE}),
    ("guide", "政府信息公开指南", OTHER, (ItemType.GUIDE,), "xxgk:guides", {}),
    ("annual_report", "政府信息公开工作年度报告", OTHER, (ItemType.ANNUAL_REPORT,),
     "xxgk:reports", {}),
]  # fmt: skip


def _day(moment):
    return timezone.localdate(moment) if moment else None


def columns(government):
    items = public_items(government)
    by_type = {
        row["item_type"]: row
        for row in items.values("item_type").annotate(n=Count("id"), newest=Max("published_at"))
    }
    everything = [row for row in by_type.values() if row["newest"]]
    yield SiteColumn(
        "disclosure.catalogue",
        "政府信息公开目录",
        OTHER,
        reverse("xxgk:catalogue"),
        _day(max((r["newest"] for r in everything), default=None)),
        sum(r["n"] for r in by_type.values()),
    )
    for key, label, kind, types, url_name, query in TYPE_COLUMNS:
        rows = [by_type[t] for t in types if t in by_type]
        newest = max((r["newest"] for r in rows if r["newest"]), default=None)
        url = reverse(url_name) + (f"?{urlencode(query)}" if query else "")
        yield SiteColumn(
            f"disclosure.{key}", label, kind, url, _day(newest), sum(r["n"] for r in rows)
        )
    by_area = {
        row["key_areas"]: row
        for row in items.filter(key_areas__isnull=False)
        .values("key_areas")
        .annotate(n=Count("id"), newest=Max("published_at"))
    }
    for area in KeyArea.objects.filter(active=True).order_by("sort_order", "id"):
        row = by_area.get(area.pk, {"n": 0, "newest": None})
        yield SiteColumn(
            f"disclosure.key.{area.slug}",
            f"重点领域：{area.name}",
            OTHER,
            reverse("xxgk:key-area", args=[area.slug]),
            _day(row["newest"]),
            row["n"],
        )


def outside_links(government):
    """Each key area's link to its responsible unit's site or column (the seed: the key
    areas' pages lead to the units that publish them)."""
    areas = KeyArea.objects.filter(active=True).select_related("responsible_department")
    for area in areas.order_by("sort_order", "id"):
        if area.unit_link:
            yield OutsideLink(
                f"重点领域“{area.name}”的牵头单位链接",
                area.unit_link,
                reverse("xxgk:key-area", args=[area.slug]),
            )

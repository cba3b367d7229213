"""主动公开's figures on the report card (成绩单, ``gongkai.core.figures``): the items
published proactively in the year by key area (the card's first section) and the
policy interpretations among them (its last).

Items counted: published and 主动公开 now (withdrawn ones not), 发布时间 in the year
(Beijing time), of the government and every government under it. Each figure links to
the catalogue filtered to the year (and 所属地区, unless the card is the site's own).
"""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse

from gongkai.core.figures import CardSection, Contribution, Figure, with_query
from gongkai.portal.site import filter_code

from .models import InformationItem, ItemType, KeyArea


def _catalogue(government, year: int, **params) -> str:
    return with_query(reverse("xxgk:catalogue"), gov=filter_code(government), year=year, **params)


def _published(government, year: int):
    return (
        InformationItem.objects.public()
        .in_government(government, tree=True)
        .filter(published_at__year=year)
    )


def key_areas(government, year: int) -> Contribution:
    """一、重点领域信息公开: the items published, and those of each active key area (an
    item may be in several)."""
    items = _published(government, year)
    total = items.count()
    per_area = dict(
        items.filter(key_areas__isnull=False)
        .values_list("key_areas")
        .order_by()
        .annotate(n=Count("pk"))
    )
    areas = list(KeyArea.objects.filter(active=True))
    figures = [Figure("items_total", "主动公开政府信息", total, "条", _catalogue(government, year))]
    figures += [
        Figure(
            f"key_area_{area.slug}",
            f"重点领域：{area.name}",
            per_area.get(area.pk, 0),
            "条",
            _catalogue(government, year, key_area=area.slug),
        )
        for area in areas
    ]
    in_areas = sum(per_area.get(a.pk, 0) for a in areas)
    sentence = (
        f"全年主动公开政府信息{total}条，设立{len(areas)}个重点领域信息公开栏目，"
        f"各重点领域共公开信息{in_areas}条（一条信息可属于多个领域）。"
    )
    section = CardSection(
        "key_areas",
        "重点领域信息公开",
        tuple(figures),
        sentence=sentence,
        headline=("items_total",),
    )
    return Contribution(sections=(section,))


def interpretations(government, year: int) -> CardSection:
    """九、政策解读: items of type 政策解读 among the year's published items."""
    count = _published(government, year).filter(item_type=ItemType.INTERPRETATION).count()
    figure = Figure(
        "interpretations",
        "发布政策解读",
        count,
        "篇",
        _catalogue(government, year, type=ItemType.INTERPRETATION),
    )
    return CardSection(
        "interpretations", "政策解读", (figure,), sentence=f"全年发布政策解读{count}篇。"
    )


def card_years():
    """(government path, year) of every item published and 主动公开 now."""
    return (
        InformationItem.objects.public()
        .values_list("government__path", "published_at__year")
        .order_by()
        .distinct()
    )

"""督查考核's figure on the report card (成绩单, ``gongkai.core.figures``): 政府网站检查,
the inspections kept in the year of the sites of the government and those under it,
in section 二、公开平台和载体 (where it takes the place of the card's placeholder)."""

from __future__ import annotations

from django.urls import reverse

from gongkai.core.figures import CardSection, Figure

from .models import Inspection


def _inspections(government, year: int):
    return Inspection.objects.filter(
        inspected_on__year=year, site__government__path__startswith=government.path
    )


def card_figures(government, year: int) -> CardSection:
    count = _inspections(government, year).count()
    sites = _inspections(government, year).values("site").distinct().count()
    figure = Figure(
        "website_inspections", "政府网站检查", count, "次", reverse("supervision_portal:index")
    )
    sentence = f"检查政府网站{sites}个、{count}次。" if count else ""
    return CardSection("channels", "公开平台和载体", (figure,), sentence=sentence)


def card_years():
    """(government path, year) of every kept inspection."""
    return sorted(
        {
            (path, on.year)
            for path, on in Inspection.objects.filter(site__government__isnull=False)
            .values_list("site__government__path", "inspected_on")
            .order_by()
            .distinct()
        }
    )

"""政务服务's figures on the report card (成绩单, ``gongkai.core.figures``): section
八、服务公开：政务服务, which this module owns.

The catalogue as it stood on 31 December of the year (or today, for the year
under way): items whose first guide was published by then and which had not
stopped; the items stopped and the guides revised during the year. The case
figures (办件, on-time rate, supervision cards, 好评率) join when cases are built.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Min, Q
from django.urls import reverse

from gongkai.core.dates import today
from gongkai.core.figures import CardSection, Figure

from .models import GuideVersion, ServiceItem


def _day(year: int) -> date:
    return min(date(year, 12, 31), today())


def counts(government, year: int) -> dict[str, int]:
    day = _day(year)
    items = ServiceItem.objects.filter(government=government).annotate(
        first=Min("guides__published_on")
    )
    listed = items.filter(first__lte=day).filter(
        Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day)
    )
    return {
        "items": listed.count(),
        "stopped": items.filter(withdrawn_on__year=year, withdrawn_on__lte=day).count(),
        "revised": GuideVersion.objects.filter(
            item__government=government, number__gt=1, published_on__year=year,
            published_on__lte=day,
        ).count(),
    }  # fmt: skip


def card_figures(government, year: int) -> CardSection:
    found = counts(government, year)
    listing = reverse("services_portal:list")
    figures = (
        Figure("service_items", "公开办事指南的政务服务事项", found["items"], "项", listing),
        Figure("service_guides_revised", "修订办事指南", found["revised"], "次", listing),
        Figure(
            "service_items_stopped", "随权责清单调整停止办理的事项", found["stopped"], "项", listing
        ),
    )
    sentence = (
        f"集中公开了{found['items']}项政务服务事项的办事指南，逐项公布行使依据、受理条件、"
        f"申请材料、收费依据和标准、办理流程、法定和承诺办结时限、表格下载和常见问题"
    )
    if found["revised"]:
        sentence += f"；全年修订办事指南{found['revised']}次"
    return CardSection("services", "服务公开：政务服务", figures, sentence=sentence + "。")


def card_years():
    """(government path, year) of every guide published."""
    return sorted(
        set(
            GuideVersion.objects.filter(published_on__isnull=False)
            .values_list("item__government__path", "published_on__year")
            .order_by()
            .distinct()
        )
    )

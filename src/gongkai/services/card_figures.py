"""政务服务's figures on the report card (成绩单, ``gongkai.core.figures``): section
八、服务公开：政务服务, which this module owns.

The catalogue as it stood on 31 December of the year (or today, for the year
under way): items whose first guide was published by then and which had not
stopped; the items stopped and the guides revised during the year. Cases: received in the
year, completed (办结) in the year, and of those the share decided within the
promise and within the legal limit; 好差评 given in the year (first ratings, not
re-ratings) and the 好评率 (基本满意 or better), as the public statistics count it;
the 电子监察 cards issued in the year (withdrawn ones not counted).
"""

from __future__ import annotations

from datetime import date

from django.db.models import F, Min, Q
from django.urls import reverse

from gongkai.core.dates import today
from gongkai.core.figures import CardSection, Figure, rate

from .models import Case, GuideVersion, Rating, ServiceItem, SupervisionCard
from .models.ratings import GOOD_GRADES


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
    cases = Case.objects.filter(item__government=government)
    done = cases.filter(issued_on__year=year, issued_on__lte=day)
    on_promise = done.filter(Q(promise_due__isnull=True) | Q(decided_on__lte=F("promise_due")))
    on_law = done.filter(Q(decision_due__isnull=True) | Q(decided_on__lte=F("decision_due")))
    first = Rating.objects.filter(case__item__government=government, rated_at__year=year).exclude(
        stage="rerating"
    )
    cards = SupervisionCard.objects.filter(
        case__item__government=government, issued_on__year=year, issued_on__lte=day
    ).exclude(state="withdrawn")
    return {
        "red_cards": cards.filter(colour="red").count(),
        "yellow_cards": cards.filter(colour="yellow").count(),
        "ratings": first.count(),
        "good": first.filter(grade__in=GOOD_GRADES).count(),
        "cases": cases.filter(received_on__year=year, received_on__lte=day).count(),
        "completed": done.count(),
        "on_promise": on_promise.count(),
        "on_law": on_law.count(),
        "items": listed.count(),
        "stopped": items.filter(withdrawn_on__year=year, withdrawn_on__lte=day).count(),
        "revised": GuideVersion.objects.filter(
            item__government=government, number__gt=1, published_on__year=year,
            published_on__lte=day,
        ).count(),
    }  # fmt: skip


def card_figures(government, year: int) -> CardSection:
    found = counts(government, year)
    done = found["completed"]  # no case completed: no rate, not 0
    listing = reverse("services_portal:list")
    public = reverse("services_public_cases:list")
    statistics = f"{reverse('services_public_cases:statistics')}?year={year}"
    figures = (
        Figure("service_items", "公开办事指南的政务服务事项", found["items"], "项", listing),
        Figure("service_guides_revised", "修订办事指南", found["revised"], "次", listing),
        Figure(
            "service_items_stopped", "随权责清单调整停止办理的事项", found["stopped"], "项", listing
        ),
        Figure("service_cases", "受理办件（含网上和窗口）", found["cases"], "件", public),
        Figure("service_completed", "办结", found["completed"], "件", public),
        Figure(
            "service_on_promise", "按承诺时限办结率", rate(found["on_promise"], done), "%", listing
        ),
        Figure("service_on_law", "法定时限内办结率", rate(found["on_law"], done), "%", listing),
        Figure(
            "service_red_cards", "电子监察红牌（不含撤销）", found["red_cards"], "张", statistics
        ),
        Figure("service_yellow_cards", "电子监察黄牌", found["yellow_cards"], "张", statistics),
        Figure("service_ratings", "好差评", found["ratings"], "条", statistics),
        Figure(
            "service_good_rate", "好评率", rate(found["good"], found["ratings"]), "%", statistics
        ),
    )
    sentence = (
        f"集中公开了{found['items']}项政务服务事项的办事指南，逐项公布行使依据、受理条件、"
        f"申请材料、收费依据和标准、办理流程、法定和承诺办结时限、表格下载和常见问题"
    )
    if found["revised"]:
        sentence += f"；全年修订办事指南{found['revised']}次"
    if found["completed"]:
        sentence += (
            f"；全年受理办件{found['cases']}件，办结{found['completed']}件，"
            f"按承诺时限办结率{rate(found['on_promise'], done)}%"
        )
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

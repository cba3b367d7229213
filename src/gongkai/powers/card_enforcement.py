"""行政执法主体 and 行政执法人员 on the report card (成绩单, ``gongkai.core.figures``),
in section 七、管理公开 that ``card_figures`` opens: registered under its own key
(``powers_enforcement``, order 71) with the same section key, so the card
(``gongkai.reports.card.figures``) puts these figures into that section, the
officers' figure in place of its 暂未提供 placeholder.

Counted on 31 December of the year (or today, for the year under way): the bodies
of the government and every government under it, and their officers whose
certificate was valid that day (``Officer.objects.active``) — the seed's
"公布了市、县区430个行政执法主体和10594名行政执法人员的基本信息"."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from gongkai.core.dates import today
from gongkai.core.figures import CardSection, Figure

from .models import EnforcementBody, Officer


def _day(year: int) -> date:
    return min(date(year, 12, 31), today())


def card_figures(government, year: int) -> CardSection:
    day = _day(year)
    bodies = EnforcementBody.objects.filter(government__path__startswith=government.path).count()
    officers = (
        Officer.objects.active(day)
        .filter(body__government__path__startswith=government.path)
        .count()
    )
    url = f"{reverse('powers_portal:bodies')}?gov={government.code}"
    figures = (
        Figure("enforcement_bodies", "公布的行政执法主体", bodies, "个", url),
        Figure("enforcement_officers", "公布的行政执法人员", officers, "名", url),
    )
    sentence = (
        f"公布了{bodies}个行政执法主体和{officers}名行政执法人员的基本信息。" if bodies else ""
    )
    return CardSection("management", "管理公开：权责清单和行政执法公示", figures, sentence=sentence)


def card_years():
    """(government path, year) of the years officers' certificates were issued."""
    return sorted(
        set(
            Officer.objects.values_list("body__government__path", "issued_on__year")
            .order_by()
            .distinct()
        )
    )

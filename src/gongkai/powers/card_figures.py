"""权责清单's figures on the report card (成绩单, ``gongkai.core.figures``): section
七、管理公开：权责清单和行政执法公示, which this module owns.

The list in force on 31 December of the year (or today, for the year under way):
the government's own powers (行政权力), responsibility items and accountability
circumstances, and the powers of the governments under it — the seed's sentence
("公开了市级政府部门保留的行政权力2900项…7个县区…共计行政权力17977项").
The enforcement officers (行政执法人员名录) are not built yet: their figure is shown
as 暂未提供, never 0.
"""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from gongkai.core.dates import today
from gongkai.core.figures import CardSection, Figure

from .models import Adjustment, Company, ListEntry, ListKind, Power
from .queries import summary

NOT_BUILT = "暂未提供（该功能尚未上线）"


def _day(year: int) -> date:
    return min(date(year, 12, 31), today())


def card_figures(government, year: int) -> CardSection:
    day = _day(year)
    counted = summary(government, day)
    base = reverse("powers_portal:list")
    own = f"{base}?gov={government.code}" + ("" if day == today() else f"&date={day:%Y-%m-%d}")
    counts = reverse("powers_portal:counts")
    figures = (
        Figure("powers", "权责清单公布的行政权力", counted.powers, "项", own),
        Figure("powers_responsibilities", "编制责任事项", counted.responsibilities, "项", own),
        Figure("powers_accountabilities", "追责情形", counted.accountabilities, "项", own),
        Figure("powers_counties", "所辖县区公布的行政权力", counted.counties_powers, "项", counts),
        Figure(
            "negative_list",
            "负面清单事项",
            ListEntry.objects.filter(government=government, kind=ListKind.NEGATIVE)
            .as_of(day)
            .count(),
            "项",
            f"{reverse('powers_portal:negative_list')}?gov={government.code}",
        ),
        Figure(
            "funds_list",
            "财政专项资金管理清单",
            ListEntry.objects.filter(government=government, kind=ListKind.FUNDS).as_of(day).count(),
            "项",
            f"{reverse('powers_portal:funds_list')}?gov={government.code}",
        ),
        Figure(
            "credit_companies",
            "工程建设领域信用信息专栏的企业",
            Company.objects.filter(government=government).count(),
            "家",
            reverse("powers_portal:credit"),
        ),
        Figure(
            "enforcement_officers",
            "公布的行政执法人员",
            None,
            "名",
            reverse("powers_portal:index"),
            available=False,
            status=NOT_BUILT,
        ),
    )
    sentence = (
        f"公开了{government.name}政府部门保留的行政权力{counted.powers}项，"
        f"编制责任事项{counted.responsibilities}项、追责情形{counted.accountabilities}项"
    )
    if counted.counties_powers:
        sentence += f"；所辖县区权责清单共计行政权力{counted.counties_powers}项"
    return CardSection(
        "management", "管理公开：权责清单和行政执法公示", figures, sentence=sentence + "。"
    )


def card_years():
    """(government path, year) of every list published or adjusted."""
    published = (
        Power.objects.values_list("government__path", "valid_from__year").order_by().distinct()
    )
    adjusted = (
        Adjustment.objects.values_list("government__path", "decided_on__year").order_by().distinct()
    )
    return sorted(set(published) | set(adjusted))

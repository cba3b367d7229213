"""依申请公开's figures on the report card (成绩单, ``gongkai.core.figures``): section
三、依申请公开, the applications' series of the monthly chart, the chart of outcomes
and the chart of replies on time by unit.

* Table 三 over the government and the year (``stats.table_three``, 总计 column): new,
  carried in, concluded, disclosed (予以公开 + 部分公开), carried out; the outcomes
  chart is its non-zero outcome rows with short labels.
* Replies on time: reply clocks (答复期限, Art. 33, or the one set under Art. 35)
  finished in the year as met or overdue; on time = met (on or before the due date,
  extensions included); by unit as ``gongkai.orgs.units.rates_by_unit``.
* Monthly: applications received, by 收到申请之日.

Every figure links to the public statistics endpoint for the government and year.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.db.models.functions import ExtractMonth

from gongkai.core.figures import (
    CardSection,
    Contribution,
    Figure,
    per_month,
    rate,
    with_query,
    year_dates,
)
from gongkai.orgs.units import rates_by_unit
from gongkai.workdays.models import Clock, ClockState

from .models import Application
from .models.taxonomy import outcome_label
from .stats import OUTCOME_ROWS, table_three

STATISTICS = "/api/v1/applications/statistics"
REPLY_STAGES = ("reply", "reply_art35")
# Short labels of Table 三's outcome rows for the chart (the national wording is long).
OUTCOME_SHORT = {
    "disclose": "予以公开",
    "partial": "部分公开",
    "withhold.state_secret": "不予公开·国家秘密",
    "withhold.prohibited_by_law": "不予公开·法律禁止",
    "withhold.security_stability": "不予公开·危及安全",
    "withhold.third_party": "不予公开·第三方权益",
    "withhold.internal_affairs": "不予公开·内部事务",
    "withhold.process_information": "不予公开·过程性信息",
    "withhold.enforcement_file": "不予公开·执法案卷",
    "withhold.administrative_query": "不予公开·行政查询",
    "unable.not_held": "无法提供·不掌握",
    "unable.needs_creation": "无法提供·需另行制作",
    "unable.still_unclear": "无法提供·仍不明确",
    "refuse.petition": "不予处理·信访举报",
    "refuse.repeat": "不予处理·重复申请",
    "refuse.publication": "不予处理·公开出版物",
    "refuse.excessive": "不予处理·大量反复",
    "refuse.confirmation": "不予处理·要求确认",
    "other.no_correction": "其他·逾期不补正",
    "other.fee_unpaid": "其他·逾期未缴费",
    "other.other": "其他·其他",
}


def _replies(government, start, end) -> tuple[int, int, list]:
    """(replied, on time, [[unit, rate %], …]) from the reply clocks finished in
    [start, end] as met (按期) or overdue (超期)."""
    rows = list(
        Clock.objects.filter(
            content_type=ContentType.objects.get_for_model(Application),
            stage__in=REPLY_STAGES,
            department__government__path__startswith=government.path,
            finished_on__gte=start,
            finished_on__lte=end,
            state__in=[ClockState.MET, ClockState.OVERDUE],
        )
        .values_list("department_id")
        .order_by()
        .annotate(n=Count("pk"), met=Count("pk", filter=Q(state=ClockState.MET)))
    )
    replied = sum(n for _pk, n, _met in rows)
    on_time = sum(met for _pk, _n, met in rows)
    return replied, on_time, rates_by_unit(government, rows)


def card_figures(government, year: int) -> Contribution:
    start, end = year_dates(year)
    value = table_three(government, start, end).value
    source = with_query(STATISTICS, government=government.code, year=year)
    outcomes = [
        [OUTCOME_SHORT.get(outcome, outcome_label(outcome)), value(outcome, "total")]
        for outcome in OUTCOME_ROWS
        if value(outcome, "total")
    ]
    monthly = per_month(
        Application.objects.received()
        .in_government(government)
        .filter(received_on__gte=start, received_on__lte=end)
        .annotate(month=ExtractMonth("received_on"))
        .values_list("month")
        .order_by()
        .annotate(n=Count("pk"))
    )
    replied, on_time, by_unit = _replies(government, start, end)
    new, carried_in = value("new", "total"), value("carried_in", "total")
    concluded, carried_out = value("concluded", "total"), value("carried_out", "total")
    disclosed = value("disclose", "total") + value("partial", "total")
    figures = (
        Figure("applications_new", "本年新收政府信息公开申请", new, "件", source),
        Figure("applications_carried_in", "上年结转申请", carried_in, "件", source),
        Figure("applications_concluded", "本年办结申请", concluded, "件", source),
        Figure("applications_disclosed", "予以公开或部分公开", disclosed, "件", source),
        Figure("applications_carried_out", "结转下年度继续办理", carried_out, "件", source),
        Figure("applications_replied", "本年作出答复（计时结束）", replied, "件", source),
        Figure("applications_on_time_rate", "按期答复率", rate(on_time, replied), "%", source),
    )
    sentence = (
        f"全年新收政府信息公开申请{new}件，上年结转{carried_in}件，"
        f"办结{concluded}件，其中予以公开或部分公开{disclosed}件，"
        f"结转下年度{carried_out}件。"
    )
    section = CardSection(
        "applications",
        "依申请公开",
        figures,
        sentence=sentence,
        headline=("applications_new",),
    )
    return Contribution(
        sections=(section,),
        monthly=(("依申请公开申请", monthly),),
        charts={"outcomes": outcomes, "on_time_applications": by_unit},
    )


def card_years():
    """(government path, year) of every application received."""
    return (
        Application.objects.received()
        .values_list("department__government__path", "received_on__year")
        .order_by()
        .distinct()
    )

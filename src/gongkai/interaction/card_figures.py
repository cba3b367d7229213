"""互动交流's figures on the report card (成绩单, ``gongkai.core.figures``): section
四、留言办理和回应关切, the messages' series of the monthly chart and the chart of
answers on time by department.

The figures of ``stats.message_statistics`` (the module's statistics page) for the
year: messages written in the year (收到), of which taken on (受理), of which answered
by the year's end (答复, by their first reply), 按时 when on or before the due date;
ratings given in the year, (满意 + 基本满意) ÷ rated. Every reply counts with the
message it answers, so 按时答复 ≤ 答复 ≤ 受理 ≤ 收到. Monthly: messages by 留言时间.
Every figure links to the board's published messages written in the year.
"""

from __future__ import annotations

from django.db.models import Count
from django.db.models.functions import ExtractMonth
from django.urls import reverse

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

from .models import Message
from .stats import message_statistics


def card_figures(government, year: int) -> Contribution:
    start, end = year_dates(year)
    stats = message_statistics(government, start, end)
    total = stats.total
    monthly = per_month(
        Message.objects.filter(
            channel__government__path__startswith=government.path,
            submitted_at__date__gte=start,
            submitted_at__date__lte=end,
        )
        .annotate(month=ExtractMonth("submitted_at"))
        .values_list("month")
        .order_by()
        .annotate(n=Count("pk"))
    )
    source = with_query(reverse("interaction_portal:board"), year=year)
    satisfaction = rate(total.satisfied + total.basically, total.rated)
    replied, on_time = total.replied, total.on_time
    figures = (
        Figure("messages_received", "收到群众留言", total.received, "件", source),
        Figure("messages_accepted", "受理留言", total.accepted, "件", source),
        Figure("messages_replied", "答复留言", replied, "件", source),
        Figure("messages_on_time", "按时答复", on_time, "件", source),
        Figure("messages_on_time_rate", "按时答复率", rate(on_time, replied), "%", source),
        Figure("messages_satisfaction", "留言人满意率", satisfaction, "%", source),
    )
    sentence = (
        f"全年收到群众留言{total.received}件，受理{total.accepted}件，"
        f"答复{replied}件，其中按时答复{on_time}件"
    )
    if satisfaction is not None:
        sentence += f"，留言人满意率{satisfaction:g}%"
    section = CardSection(
        "messages",
        "留言办理和回应关切",
        figures,
        sentence=sentence + "。",
        headline=("messages_received",),
    )
    by_unit = rates_by_unit(
        government, ((row.key, row.replied, row.on_time) for row in stats.by_department)
    )
    return Contribution(
        sections=(section,),
        monthly=(("群众留言", monthly),),
        charts={"on_time_messages": by_unit},
    )


def card_years():
    """(government path, year) of every message written."""
    return (
        Message.objects.values_list("channel__government__path", "submitted_at__year")
        .order_by()
        .distinct()
    )

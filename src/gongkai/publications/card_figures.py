"""政府公报's figures on the report card (成绩单, ``gongkai.core.figures``): section
二、公开平台和载体. The issues of the gazettes of the government and those under it
published in the year, and the copies distributed (赠阅). The report card's own
``channels`` section keeps the figures of modules not built yet (政务公开栏, 政府网站检查).
"""

from __future__ import annotations

from django.urls import reverse

from gongkai.core.figures import CardSection, Figure

from .models import Issue, IssueState
from .services.distributing import copies_in_year


def _issues(government, year: int):
    return Issue.objects.filter(
        state=IssueState.PUBLISHED, year=year, gazette__government__path__startswith=government.path
    )


def card_figures(government, year: int) -> CardSection:
    issues = _issues(government, year).count()
    copies = copies_in_year(government, year)
    url = reverse("publications_portal:index")
    figures = (
        Figure("gazette_issues", "政府公报", issues, "期", url),
        Figure("gazette_copies", "政府公报赠阅", copies, "册", url),
    )
    sentence = f"全年编辑出版政府公报{issues}期，赠阅{copies}册。" if issues else ""
    return CardSection("channels", "公开平台和载体", figures, sentence=sentence)


def card_years():
    """(government path, year) of every published issue."""
    return (
        Issue.objects.filter(state=IssueState.PUBLISHED)
        .values_list("gazette__government__path", "year")
        .order_by()
        .distinct()
    )

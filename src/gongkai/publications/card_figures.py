"""政府公报's and 政务公开栏's figures on the report card (成绩单, ``gongkai.core.figures``):
section 二、公开平台和载体. The issues of the gazettes of the government and those under
it published in the year, the copies distributed (赠阅), and the bulletin-board issues
posted in the year. The report card's own ``channels`` provider adds the figure of the
module not built yet (政府网站检查) to the same section.
"""

from __future__ import annotations

from django.urls import reverse

from gongkai.core.figures import CardSection, Figure

from .models import BulletinIssue, Issue, IssueState
from .services.distributing import copies_in_year


def _issues(government, year: int):
    return Issue.objects.filter(
        state=IssueState.PUBLISHED, year=year, gazette__government__path__startswith=government.path
    )


def _bulletins(government, year: int):
    return BulletinIssue.objects.filter(year=year, government__path__startswith=government.path)


def card_figures(government, year: int) -> CardSection:
    issues = _issues(government, year).count()
    copies = copies_in_year(government, year)
    bulletins = _bulletins(government, year).count()
    url = reverse("publications_portal:index")
    figures = (
        Figure("gazette_issues", "政府公报", issues, "期", url),
        Figure("gazette_copies", "政府公报赠阅", copies, "册", url),
        Figure(
            "bulletin_issues",
            "政务公开栏",
            bulletins,
            "期",
            reverse("publications_portal:bulletins"),
        ),
    )
    said = []
    if issues:
        said.append(f"编辑出版政府公报{issues}期，赠阅{copies}册")
    if bulletins:
        said.append(f"更新政务公开栏{bulletins}期")
    sentence = f"全年{'；'.join(said)}。" if said else ""
    return CardSection("channels", "公开平台和载体", figures, sentence=sentence)


def card_years():
    """(government path, year) of every published issue and bulletin-board issue."""
    gazette = (
        Issue.objects.filter(state=IssueState.PUBLISHED)
        .values_list("gazette__government__path", "year")
        .order_by()
        .distinct()
    )
    boards = BulletinIssue.objects.values_list("government__path", "year").order_by().distinct()
    return sorted(set(gazette) | set(boards))

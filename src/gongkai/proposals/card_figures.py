"""建议提案's figures on the report card (成绩单, ``gongkai.core.figures``): section
八、结果公开：建议提案办理.

Sessions of the government (and those under it) opened in the year, counted by
``stats.summary`` — the figures of the module's summary sentence, which the section
shows. Figures link to the year's session when there is one, else to the list.
"""

from __future__ import annotations

from django.urls import reverse

from gongkai.core.figures import CardSection, Figure, rate

from .models import Body, Session
from .stats import summary, summary_sentence


def _link(sessions=None) -> str:
    if sessions is not None and len(sessions) == 1:
        return reverse("proposals_portal:session", args=[sessions[0].pk])
    return reverse("proposals_portal:index")


def card_figures(government, year: int) -> CardSection:
    sessions = list(
        Session.objects.filter(
            government__path__startswith=government.path, opened_on__year=year
        ).order_by("opened_on", "pk")
    )
    counted = summary(sessions)
    congress = [s for s in sessions if s.body == Body.CONGRESS]
    cppcc = [s for s in sessions if s.body == Body.CPPCC]
    every = _link()
    figures = (
        Figure("proposals_handled", "承办人大代表建议和政协提案", counted.handled, "件", every),
        Figure(
            "proposals_suggestions", "承办人大代表建议", counted.suggestions, "件", _link(congress)
        ),
        Figure("proposals_proposals", "承办政协提案", counted.proposals, "件", _link(cppcc)),
        Figure("proposals_done", "已办结", counted.done, "件", every),
        Figure(
            "proposals_satisfaction",
            "代表委员满意率",
            rate(counted.satisfied, counted.rated),
            "%",
            every,
        ),
    )
    sentence = summary_sentence(sessions)
    if not sentence.endswith("。"):
        sentence += "。"
    return CardSection(
        "proposals",
        "结果公开：建议提案办理",
        figures,
        sentence=sentence,
        headline=("proposals_handled",),
    )


def card_years():
    """(government path, year) of every session opened."""
    return Session.objects.values_list("government__path", "opened_on__year").order_by().distinct()

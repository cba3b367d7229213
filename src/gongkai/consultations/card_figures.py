"""意见征集's figures on the report card (成绩单, ``gongkai.core.figures``): section
五、决策公开：意见征集.

Published consultations of the government's departments (and those under it) whose
first round opened in the year (Beijing time), by kind; of those, with a published
feedback report (any round); comments and entries received on them (every one sent,
moderated or not). The section lists them. Figures link to the consultations list
filtered to the year (and kind).
"""

from __future__ import annotations

from django.db.models import Exists, Min, OuterRef
from django.urls import reverse

from gongkai.core.figures import CardSection, Figure, with_query, year_dates

from .models import Comment, Consultation, Entry, Kind, Round


def _list(year: int, kind: str = "") -> str:
    return with_query(reverse("consultations_portal:index"), kind=kind, year=year)


def card_figures(government, year: int) -> CardSection:
    start, end = year_dates(year)
    held = (
        Consultation.objects.published()
        .filter(department__government__path__startswith=government.path)
        .annotate(first_opens=Min("rounds__opens_at"))
        .filter(first_opens__date__gte=start, first_opens__date__lte=end)
    )
    rows = list(
        held.annotate(
            fed_back=Exists(
                Round.objects.filter(
                    consultation=OuterRef("pk"), feedback_published_at__isnull=False
                )
            )
        )
        .values("pk", "title", "kind", "subject", "fed_back", "first_opens")
        .order_by("first_opens", "pk")
    )
    ids = [r["pk"] for r in rows]
    comments = Comment.objects.filter(round__consultation__in=ids).count()
    entries = Entry.objects.filter(round__consultation__in=ids).count()
    drafts = sum(r["kind"] == Kind.DRAFT for r in rows)
    calls = sum(r["kind"] == Kind.CALL for r in rows)
    fed_back = sum(r["fed_back"] for r in rows)
    figures = (
        Figure("consultations_held", "开展意见征集", len(rows), "项", _list(year)),
        Figure("consultations_drafts", "草案征求意见", drafts, "项", _list(year, "draft")),
        Figure("consultations_calls", "方案、名称等征集", calls, "项", _list(year, "call")),
        Figure("consultations_fed_back", "公布意见采纳反馈", fed_back, "项", _list(year)),
        Figure("consultations_comments", "收到意见", comments, "条", _list(year, "draft")),
        Figure("consultations_entries", "收到应征作品和方案", entries, "件", _list(year, "call")),
    )
    listed = tuple(
        {
            "title": r["title"],
            "kind": Kind(r["kind"]).label,
            "fed_back": r["fed_back"],
            "url": reverse("consultations_portal:detail", args=[r["pk"]]),
        }
        for r in rows
    )
    sentence = (
        f"全年开展意见征集{len(rows)}项，其中草案征求意见{drafts}项、方案和名称等征集{calls}项，"
        f"收到意见{comments}条、应征作品和方案{entries}件，{fed_back}项已公布采纳情况反馈。"
    )
    return CardSection(
        "consultations",
        "决策公开：意见征集",
        figures,
        sentence=sentence,
        headline=("consultations_held",),
        listed=listed,
    )


def card_years():
    """(government path, year) of every consultation published."""
    return (
        Consultation.objects.published()
        .values_list("department__government__path", "published_at__year")
        .order_by()
        .distinct()
    )

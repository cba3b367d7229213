"""政府公报's items in 我的工作's 待办 (``gongkai.workbench.todos``): issues waiting for
review (审核出版), for the general office's reviewers, since submitted. One query: the
issues in review are few (a gazette has one at a time), each checked against the rules."""

from __future__ import annotations

from django.urls import reverse

from gongkai import access
from gongkai.workbench.todos import ToDo

from ..models import Issue, IssueState


def todos(user, department, *, now, limit: int) -> list[ToDo]:
    waiting = Issue.objects.filter(state=IssueState.REVIEW).select_related("gazette__government")
    items = []
    for issue in waiting.order_by("updated_at", "pk")[:limit]:
        if issue.access_department != department:
            continue
        if not access.can(user, "gazette.approve", issue):
            continue
        items.append(
            ToDo(
                "审核出版",
                f"《{issue.gazette.title}》待审核的一期",
                reverse("workbench:publications_staff:detail", args=[issue.pk]),
                issue.updated_at,
            )
        )
    return items

"""建议提案's items in 我的工作's 待办 (``gongkai.workbench.todos``), two queries:

* 交办 — items of a session waiting for the office to assign them, one line per
  session (an import brings hundreds at once), since the first was imported;
* 审签答复函 — reply letters waiting for the lead unit's leader to sign, since drafted.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.db.models import Count, Min, OuterRef, Subquery
from django.urls import reverse

from gongkai import access
from gongkai.workbench.todos import ToDo

from ..models import Body, Proposal, ProposalState, ReplyLetter, ReplyState


def _kind(body: str) -> tuple[str, str]:
    return ("代表建议", "建议") if body == Body.CONGRESS else ("政协提案", "提案")


def todos(user, department, *, now, limit: int) -> list[ToDo]:
    items = []
    pending = (
        access.scope(
            user,
            "proposals.assign",
            Proposal.objects.all(),
            department_field="session__office",
            member_of=department,
        )
        .values("session_id", "session__name", "session__body")
        .annotate(n=Count("pk"), since=Min("created_at"))
        .order_by("since", "session_id")[:limit]
    )
    for row in pending:
        query = urlencode({"session": row["session_id"], "state": ProposalState.PENDING})
        items.append(
            ToDo(
                "交办",
                f"{row['session__name']}：{row['n']}件{_kind(row['session__body'])[0]}待交办",
                f"{reverse('workbench:proposals_staff:items')}?{query}",
                row["since"],
            )
        )
    drafted = (
        ReplyLetter.objects.filter(proposal=OuterRef("pk"), state=ReplyState.APPROVAL)
        .order_by("-id")
        .values("drafted_on")[:1]
    )
    to_sign = (
        access.scope(
            user,
            "proposals.approve_reply",
            Proposal.objects.all(),
            department_field="lead_department",
            member_of=department,
        )
        .annotate(drafted_on=Subquery(drafted))
        .order_by("drafted_on", "pk")
        .values("pk", "number", "title", "session__body", "drafted_on", "updated_at")[:limit]
    )
    for p in to_sign:
        items.append(
            ToDo(
                "审签答复函",
                f"第{p['number']}号{_kind(p['session__body'])[1]}：{p['title']}",
                reverse("workbench:proposals_staff:detail", args=[p["pk"]]),
                p["drafted_on"] or p["updated_at"],
            )
        )
    return items

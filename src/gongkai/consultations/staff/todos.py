"""意见征集's items in 我的工作's 待办 (``gongkai.workbench.todos``), two queries over
the current department's published consultations with their phase as of now
(``with_workload``, the same rule as the list's 待办):

* 审核公众意见 — comments or entries of the current round awaiting moderation, since
  the oldest of them was sent (``consultations.moderate``);
* 反馈意见采纳情况 — the period is over and no feedback is out, since the period
  closed (``consultations.feedback``).
"""

from __future__ import annotations

from django.db.models import F, OuterRef, Q, Subquery
from django.urls import reverse

from gongkai import access
from gongkai.workbench.todos import ToDo

from ..models import Comment, Consultation, Entry, Moderation
from ..services.staff_queries import with_workload


def _oldest_pending(model):
    return Subquery(
        model.objects.filter(round=OuterRef("cur_round"), moderation=Moderation.PENDING)
        .order_by("submitted_at")
        .values("submitted_at")[:1]
    )


def todos(user, department, *, now, limit: int) -> list[ToDo]:
    # the rules are asked about each consultation's phase now, as its state
    consultations = with_workload(
        Consultation.objects.published().filter(department=department), now
    ).annotate(state=F("phase_now"))

    def scoped(action):
        return access.scope(user, action, consultations, member_of=department)

    items = []
    moderation = (
        scoped("consultations.moderate")
        .filter(Q(pending_comments__gt=0) | Q(pending_entries__gt=0))
        .annotate(comment_since=_oldest_pending(Comment), entry_since=_oldest_pending(Entry))
        .order_by("pk")
        .values(
            "pk", "title", "pending_comments", "pending_entries", "comment_since", "entry_since"
        )
    )[:limit]
    for c in moderation:
        waiting = c["pending_comments"] + c["pending_entries"]
        since = min(t for t in (c["comment_since"], c["entry_since"]) if t is not None)
        items.append(
            ToDo(
                "审核公众意见",
                f"{c['title']}（{waiting}条待审核）",
                reverse("workbench:consultations_staff:moderation", args=[c["pk"]]),
                since,
            )
        )
    feedback = (
        scoped("consultations.feedback")
        .order_by("cur_closes", "pk")
        .values("pk", "title", "cur_closes")[:limit]
    )
    items += [
        ToDo(
            "反馈意见采纳情况",
            c["title"],
            reverse("workbench:consultations_staff:feedback", args=[c["pk"]]),
            c["cur_closes"],
        )
        for c in feedback
    ]
    return items

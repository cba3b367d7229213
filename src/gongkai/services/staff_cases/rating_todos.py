"""待办 of 好差评: the named 差评 waiting for the call (回访) or the rectification (整改)
in the person's department (``gongkai.workbench.todos``)."""

from __future__ import annotations

from django.urls import reverse

from gongkai import access
from gongkai.workbench.todos import ToDo

from ..models import FollowUpState, RatingFollowUp

ACTIONS = {FollowUpState.CALLBACK: "差评回访", FollowUpState.RECTIFYING: "差评整改"}


def todos(user, department, *, now, limit: int) -> list[ToDo]:
    waiting = RatingFollowUp.objects.filter(state__in=list(ACTIONS)).select_related(
        "rating__case__item"
    )
    found = access.scope(user, "services.follow_up_rating", waiting, member_of=department)
    items = []
    for follow_up in found.order_by("created_at", "pk")[:limit]:
        case = follow_up.rating.case
        items.append(
            ToDo(
                ACTIONS[follow_up.state],
                f"{case.number} {case.item.name}（整改期限 {follow_up.rectify_due:%Y-%m-%d}）",
                reverse("workbench:services_cases:detail", args=[case.pk]) + "#ratings",
                follow_up.called_on or follow_up.created_at,
            )
        )
    return items

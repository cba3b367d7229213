"""行政执法公示's items in 我的工作's 待办 (``gongkai.workbench.todos``): decisions
entered and not yet published (公示), oldest decision first, since the decision
day; those past ``publication_due`` are the overdue ones (their kernel clock says
so too)."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from gongkai import access
from gongkai.workbench.todos import ToDo

from .models import Decision


def _url(pk: int) -> str:
    try:
        return reverse("workbench:enforcement_staff:decision", args=[pk])
    except NoReverseMatch:
        return ""


def todos(user, department, *, now, limit: int) -> list[ToDo]:
    waiting = access.scope(
        user,
        "enforcement.record_decision",  # the same people publish (no state column to filter)
        Decision.objects.unpublished(),
        department_field="body__department",
        member_of=department,
    ).order_by("decided_on", "pk")[:limit]
    items = []
    for d in waiting.select_related("body"):
        late = "（已超期）" if now.date() > d.publication_due else ""
        items.append(
            ToDo(
                "公示执法决定",
                f"{d.document_number} {d.case_name}{late}",
                _url(d.pk),
                d.decided_on,
                department=d.body.name,
            )
        )
    return items

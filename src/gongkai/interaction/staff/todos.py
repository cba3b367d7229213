"""互动交流's items in 我的工作's 待办 (``gongkai.workbench.todos``), four queries:

* 受理 / 核查 — new messages (and held ones) waiting for the board's office;
* 签收 — messages assigned to the person's department as lead, not signed for yet,
  since the day of assignment;
* 审核答复 — replies submitted to the board's office for review, since submitted;
* 审批延期 — extension requests waiting for the board's office.

Each goes through the rule of its action (``member_of`` the current department) and
through what the person may see (举报 and private messages only for those who may
read them).
"""

from __future__ import annotations

from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from gongkai import access
from gongkai.workbench.todos import ToDo
from gongkai.workdays.extensions import pending_extension_since
from gongkai.workflow.models import Entry

from ..models import (
    Assignment,
    AssignmentRole,
    Message,
    MessageState,
    StepKind,
)
from .common import messages_visible_to

OFFICE = "channel__office"
FIELDS = ("pk", "query_code", "subject", "lead_department__short_name")


def _url(pk: int) -> str:
    return reverse("workbench:interaction_staff:detail", args=[pk])


def _item(action: str, m: dict, since) -> ToDo:
    return ToDo(
        action,
        f"{m['query_code']} {m['subject']}",
        _url(m["pk"]),
        since,
        department=m.get("lead_department__short_name") or "",
    )


def todos(user, department, *, now, limit: int) -> list[ToDo]:
    visible = messages_visible_to(user).values("pk")

    def scoped(action, queryset, field=OFFICE):
        return access.scope(
            user, action, queryset, department_field=field, member_of=department
        ).filter(pk__in=visible)

    items = []
    new = (
        scoped("messages.triage", Message.objects.all())
        .order_by("submitted_at", "pk")
        .values(*FIELDS, "state", "submitted_at")[:limit]
    )
    items += [
        _item("核查" if m["state"] == MessageState.HELD else "受理", m, m["submitted_at"])
        for m in new
    ]
    assigned_on = Assignment.objects.filter(
        message=OuterRef("pk"), active=True, role=AssignmentRole.LEAD
    ).values("assigned_on")[:1]
    to_sign = (
        scoped(
            "messages.handle",
            Message.objects.filter(state=MessageState.ASSIGNED),
            field="lead_department",
        )
        .annotate(waiting_since=Subquery(assigned_on))
        .order_by("waiting_since", "pk")
        .values(*FIELDS, "waiting_since")[:limit]
    )
    items += [_item("签收", m, m["waiting_since"]) for m in to_sign if m["waiting_since"]]
    submitted = (
        Entry.objects.about_outer(Message)
        .filter(kind=StepKind.REPLY_SUBMITTED)
        .order_by("-at")
        .values("at")[:1]
    )
    review = (
        scoped("messages.review_reply", Message.objects.all())
        .annotate(waiting_since=Coalesce(Subquery(submitted), "updated_at"))
        .order_by("waiting_since", "pk")
        .values(*FIELDS, "waiting_since")[:limit]
    )
    items += [_item("审核答复", m, m["waiting_since"]) for m in review]
    extendable = scoped("messages.approve_extension", Message.objects.all())
    requests = (
        extendable.annotate(requested_at=pending_extension_since(Message))
        .filter(requested_at__isnull=False)
        .order_by("requested_at", "pk")
        .values(*FIELDS, "requested_at")[:limit]
    )
    items += [_item("审批延期", m, m["requested_at"]) for m in requests]
    return items

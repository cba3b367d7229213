"""依申请公开's items in 我的工作's 待办 (``gongkai.workbench.todos``), four queries:

* 确认收到 — online applications to the person's own department waiting for the
  confirmation of receipt (Art. 31); they have no reply clock yet, so no deadline
  list shows them. The 公开办 may confirm for its tree, but only its own
  department's wait for it;
* 保密审查 — replies that release information waiting for the department's
  保密审查员 (Art. 17, ``services.secrecy``), since the reply was submitted;
* 审核答复 — replies submitted for review, for the department's reviewers
  (``applications.approve_reply``), since the reply was submitted; a reply still
  waiting for its 保密审查 is not the reviewer's yet;
* 审批延期 — extension requests (Art. 33) waiting for the 公开办.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from gongkai import access
from gongkai.orgs.models import Membership
from gongkai.orgs.roles import Role
from gongkai.workbench.todos import ToDo
from gongkai.workdays.extensions import pending_extension_since
from gongkai.workflow.models import Entry

from ..models import Application, ApplicationState, StepKind
from ..models.taxonomy import DISCLOSING_OUTCOMES


def _url(pk: int) -> str:
    return reverse("workbench:applications_staff:detail", args=[pk])


def todos(user, department, *, now, limit: int) -> list[ToDo]:
    items = []
    waiting = (
        access.scope(
            user,
            "applications.intake",
            Application.objects.filter(state=ApplicationState.AWAITING_CONFIRMATION),
            member_of=department,
        )
        .filter(department=department)
        .order_by("submitted_at", "pk")
        .values("pk", "tracking_number", "name", "submitted_at")[:limit]
    )
    items += [
        ToDo("确认收到", f"{a['tracking_number']} {a['name']}", _url(a["pk"]), a["submitted_at"])
        for a in waiting
    ]
    submitted = (
        Entry.objects.about_outer(Application)
        .filter(kind=StepKind.REPLY_SUBMITTED)
        .order_by("-at")
        .values("at")[:1]
    )
    # as services.secrecy.secrecy_review_pending, in SQL
    has_secrecy_reviewer = Exists(
        Membership.objects.filter(
            department=OuterRef("department"),
            role=Role.CONFIDENTIALITY,
            active=True,
            user__is_active=True,
        )
    )
    secrecy_pending = Q(
        outcome__in=DISCLOSING_OUTCOMES, secrecy_review__isnull=True, has_secrecy_reviewer=True
    )

    def waiting_replies(label: str, action: str, pending: bool) -> list[ToDo]:
        replies = access.scope(user, action, Application.objects.all(), member_of=department)
        replies = replies.alias(has_secrecy_reviewer=has_secrecy_reviewer)
        replies = replies.filter(secrecy_pending) if pending else replies.exclude(secrecy_pending)
        rows = (
            replies.annotate(waiting_since=Coalesce(Subquery(submitted), "updated_at"))
            .order_by("waiting_since", "pk")
            .values("pk", "tracking_number", "name", "waiting_since")[:limit]
        )
        return [
            ToDo(label, f"{a['tracking_number']} {a['name']}", _url(a["pk"]), a["waiting_since"])
            for a in rows
        ]

    items += waiting_replies("保密审查", "applications.secrecy_review", pending=True)
    items += waiting_replies("审核答复", "applications.approve_reply", pending=False)
    extendable = access.scope(
        user, "applications.approve_extension", Application.objects.all(), member_of=department
    )
    requests = (
        extendable.annotate(requested_at=pending_extension_since(Application))
        .filter(requested_at__isnull=False)
        .order_by("requested_at", "pk")
        .values("pk", "tracking_number", "name", "department__short_name", "requested_at")[:limit]
    )
    items += [
        ToDo(
            "审批延期",
            f"{r['tracking_number']} {r['name']}",
            _url(r["pk"]),
            r["requested_at"],
            department=r["department__short_name"],
        )
        for r in requests
    ]
    return items

"""The queue (待办): the applications a person may see, soonest reply deadline
first, with counts at the top, filters, and working days left on each row."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.shortcuts import render
from django.views.decorators.http import require_safe

from gongkai import access
from gongkai.accounts.decorators import staff_required
from gongkai.orgs.models import Department
from gongkai.orgs.roles import Role
from gongkai.workdays import CalendarMissing
from gongkai.workdays.extensions import with_pending_extension
from gongkai.workdays.models import ClockState

from ..models import OPEN_STATES, Application, ApplicationState
from . import queries
from .common import applications_visible_to, menu
from .forms import QueueFilterForm

PAGE_SIZE = 25
# "待办": everything that still needs the agency (not closed or discarded).
ACTIVE_STATES = [
    ApplicationState.AWAITING_CONFIRMATION,
    *OPEN_STATES,
    ApplicationState.REPLIED,
]
ORDERS = {
    "due": [F("reply_due").asc(nulls_last=True), "submitted_at", "pk"],
    "-due": [F("reply_due").desc(nulls_last=True), "-submitted_at", "-pk"],
    "submitted": ["submitted_at", "pk"],
    "-submitted": ["-submitted_at", "-pk"],
}


def _filter_choices(user):
    departments = list(
        access.scope(user, "applications.view", Department.objects.all(), department_field=None)
        .select_related("government")
        .order_by("government__code", "sort_order", "pk")
    )
    assignees = (
        get_user_model()
        .objects.filter(
            memberships__department__in=[d.pk for d in departments],
            memberships__role__in=[Role.HANDLER, Role.REVIEWER],
            memberships__active=True,
        )
        .distinct()
        .order_by("full_name", "username")
    )
    return departments, list(assignees)


def _rows(page, day):
    rows = []
    for application in page.object_list:
        left = None
        due = application.reply_due
        finished = application.reply_finished is not None
        counting = application.reply_state in (ClockState.RUNNING, ClockState.OVERDUE)
        if due is not None and not finished:
            try:
                from gongkai.workdays import working_days_between

                left = working_days_between(day, due)
            except CalendarMissing:
                left = None
        rows.append(
            {
                "application": application,
                "left": left,
                "late": due is not None and not finished and counting and due < day,
                "today": due == day and not finished,
                "paused": application.reply_state == ClockState.PAUSED,
                "finished": finished,
                "overdue_days": -left if left is not None and left < 0 else 0,
            }
        )
    return rows


@staff_required
@require_safe
def queue(request):
    from ..services.common import today

    user = request.user
    day = today()
    departments, assignees = _filter_choices(user)
    form = QueueFilterForm(request.GET or None, assignees=assignees, departments=departments)
    visible = queries.with_reply_clock(applications_visible_to(user))
    problem = ""
    try:
        buckets = queries.bucket_filters(
            day,
            queries.horizons({d.government_id for d in departments}, day),
            due="reply_due",
            state="reply_state",
            finished="reply_finished",
        )
    except CalendarMissing as missing:
        problem = f"无法计算临期事项：{missing}"
        buckets = {key: Q(pk__in=[]) for key, _ in queries.BUCKETS}
    buckets["paused"] = Q(reply_state=ClockState.PAUSED, reply_finished__isnull=True)

    data = form.cleaned_data if form.is_valid() else {}
    # Filters other than state and due point narrow the counts too.
    narrowed = visible
    if data.get("department"):
        narrowed = narrowed.filter(department_id=data["department"])
    if data.get("channel"):
        narrowed = narrowed.filter(channel=data["channel"])
    assignee = data.get("assignee")
    if assignee == "me":
        narrowed = narrowed.filter(assignee=user)
    elif assignee == "none":
        narrowed = narrowed.filter(assignee__isnull=True)
    elif assignee:
        narrowed = narrowed.filter(assignee_id=int(assignee))
    if data.get("q"):
        q = data["q"].strip()
        narrowed = narrowed.filter(
            Q(tracking_number__icontains=q) | Q(name__icontains=q) | Q(description__icontains=q)
        )
    if data.get("extension"):
        narrowed = narrowed.filter(pk__in=with_pending_extension(Application))

    counts = narrowed.aggregate(
        active=Count("pk", filter=Q(state__in=ACTIVE_STATES)),
        all=Count("pk"),
        **{
            f"state_{value}": Count("pk", filter=Q(state=value))
            for value in ApplicationState.values
        },
        **{f"due_{key}": Count("pk", filter=q) for key, q in buckets.items()},
    )
    items = narrowed
    state = data.get("state") or ""
    if state == "":
        items = items.filter(state__in=ACTIVE_STATES)
    elif state != "all":
        items = items.filter(state=state)
    if data.get("due"):
        items = items.filter(buckets[data["due"]])
    sort = data.get("sort") or "due"
    items = items.order_by(*ORDERS[sort])
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    base = request.GET.copy()
    for key in ("page", "state", "due"):
        base.pop(key, None)
    return render(
        request,
        "applications/staff/queue.html",
        {
            "menu": menu(user),
            "form": form,
            "page": page,
            "rows": _rows(page, day),
            "query": query.urlencode(),
            "base_query": base.urlencode(),
            "counts": counts,
            "state_tabs": [
                ("", "待办", counts["active"]),
                *[
                    (value, label, counts[f"state_{value}"])
                    for value, label in ApplicationState.choices
                ],
                ("all", "全部", counts["all"]),
            ],
            "due_tabs": [
                ("soon", "临期", counts["due_soon"]),
                ("today", "今日到期", counts["due_today"]),
                ("overdue", "已超期", counts["due_overdue"]),
                ("paused", "暂停计时", counts["due_paused"]),
            ],
            "state": state,
            "due": data.get("due") or "",
            "sort": sort,
            "today": day,
            "problem": problem,
            "many_departments": len(departments) > 1,
        },
    )

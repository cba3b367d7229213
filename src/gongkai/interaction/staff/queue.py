"""The queue: what needs me now — 待受理 and 答复待审核 for the board's office,
待签收 and 办理中 for the lead department, 协办 for co-handlers, my messages due soon
or overdue — with counts, filters, sorting by the reply deadline and pages."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import CharField, Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.shortcuts import render
from django.views.decorators.http import require_safe

from gongkai import access
from gongkai.accounts.decorators import staff_required
from gongkai.orgs.models import Department
from gongkai.orgs.roles import Role
from gongkai.workbench.filters import bucket_filters
from gongkai.workdays import CalendarMissing, add_working_days, working_days_between
from gongkai.workdays.extensions import with_pending_extension
from gongkai.workdays.models import Clock, ClockState

from ..models import (
    OPEN_STATES,
    Assignment,
    AssignmentRole,
    Channel,
    InteractionRules,
    Message,
    MessageState,
)
from ..services.common import today
from .common import menu, messages_visible_to, office_governments
from .forms import QueueFilterForm

PAGE_SIZE = 25
ORDERS = {
    "due": [F("reply_due").asc(nulls_last=True), "submitted_at", "pk"],
    "-due": [F("reply_due").desc(nulls_last=True), "-submitted_at", "-pk"],
    "submitted": ["submitted_at", "pk"],
    "-submitted": ["-submitted_at", "-pk"],
}
DEPARTMENT_ROLES = (Role.HANDLER, Role.REVIEWER)


def with_reply_clock(messages):
    """Annotate ``reply_due``, ``reply_state``, ``reply_finished`` from the latest reply clock."""
    clocks = Clock.objects.filter(
        content_type=ContentType.objects.get_for_model(Message),
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
        stage__startswith="reply:",
    ).order_by("-id")
    return messages.annotate(
        reply_due=Subquery(clocks.values("due_date")[:1]),
        reply_state=Subquery(clocks.values("state")[:1]),
        reply_finished=Subquery(clocks.values("finished_on")[:1]),
    )


def horizons(government_ids, day):
    """The last day counted as "due soon" for each government (its own N working days)."""
    stored = dict(
        InteractionRules.objects.filter(government_id__in=government_ids).values_list(
            "government_id", "due_soon_days"
        )
    )
    default = InteractionRules._meta.get_field("due_soon_days").default
    return {gid: add_working_days(day, stored.get(gid, default)) for gid in set(government_ids)}


def due_filters(day, government_ids) -> dict[str, Q]:
    return bucket_filters(
        day,
        horizons(government_ids, day),
        due="reply_due",
        state="reply_state",
        finished="reply_finished",
        government="channel__government_id",
    )


def todo_filters(user) -> list[tuple[str, str, Q]]:
    """The "needs me now" tabs of this person: (key, label, filter)."""
    tabs = []
    if access.can(user, "messages.triage"):
        tabs += [
            ("triage", "待受理", Q(state__in=[MessageState.HELD, MessageState.TRIAGE])),
            ("review", "答复待审核", Q(state=MessageState.REPLY_REVIEW)),
            (
                "extension",
                "延期待审批",
                Q(pk__in=with_pending_extension(Message)),
            ),
            ("callback", "待回访", Q(state=MessageState.REPLIED)),
        ]
    mine = sorted(
        {m.department_id for m in access.memberships_of(user) if m.role in DEPARTMENT_ROLES}
    )
    if mine:
        co = Assignment.objects.filter(
            active=True, role=AssignmentRole.CO, department_id__in=mine
        ).values("message_id")
        tabs += [
            ("sign", "待签收", Q(state=MessageState.ASSIGNED, lead_department_id__in=mine)),
            ("handling", "办理中", Q(state=MessageState.HANDLING, lead_department_id__in=mine)),
            (
                "co",
                "协办",
                Q(
                    pk__in=co,
                    state__in=[
                        MessageState.ASSIGNED,
                        MessageState.HANDLING,
                        MessageState.REPLY_REVIEW,
                    ],
                ),
            ),
        ]
    return tabs


def search_filter(user, text: str) -> Q:
    """Query code or subject; the writer's name only where the person may see it."""
    found = Q(query_code__icontains=text) | Q(subject__icontains=text)
    name_visible = Q(identity_visible=True)
    for gov in office_governments(user):
        name_visible |= Q(channel__government__path__startswith=gov.path)
    return found | (Q(writer_name__icontains=text) & name_visible)


def _rows(page, day):
    rows = []
    for message in page.object_list:
        due = message.reply_due
        finished = message.reply_finished is not None or message.reply_state in (
            ClockState.MET,
            ClockState.STOPPED,
        )
        left = None
        if due is not None and not finished:
            try:
                left = working_days_between(day, due)
            except CalendarMissing:
                left = None
        rows.append(
            {
                "message": message,
                "left": left,
                "late": due is not None and not finished and due < day,
                "today": due == day and not finished,
                "finished": finished and due is not None,
                "overdue_days": -left if left is not None and left < 0 else 0,
            }
        )
    return rows


@staff_required
@require_safe
def queue(request):
    user = request.user
    day = today()
    visible = messages_visible_to(user)
    channels = list(
        Channel.objects.filter(pk__in=visible.values("channel")).order_by("sort_order", "pk")
    )
    departments = list(
        Department.objects.filter(pk__in=visible.values("lead_department"))
        .select_related("government")
        .order_by("government__code", "sort_order", "pk")
    )
    form = QueueFilterForm(request.GET or None, channels=channels, departments=departments)
    data = form.cleaned_data if form.is_valid() else {}
    narrowed = with_reply_clock(visible)
    if data.get("channel"):
        narrowed = narrowed.filter(channel_id=data["channel"])
    if data.get("message_type"):
        narrowed = narrowed.filter(message_type_id=data["message_type"])
    if data.get("department"):
        narrowed = narrowed.filter(lead_department_id=data["department"])
    if data.get("q"):
        narrowed = narrowed.filter(search_filter(user, data["q"].strip()))

    problem = ""
    try:
        buckets = due_filters(day, {c.government_id for c in channels})
    except CalendarMissing as missing:
        problem = f"无法计算临期事项：{missing}"
        buckets = {key: Q(pk__in=[]) for key in ("soon", "today", "overdue")}
    todos = todo_filters(user)
    counts = narrowed.aggregate(
        open=Count("pk", filter=Q(state__in=OPEN_STATES)),
        all=Count("pk"),
        **{f"state_{v}": Count("pk", filter=Q(state=v)) for v in MessageState.values},
        **{f"due_{k}": Count("pk", filter=q) for k, q in buckets.items()},
        **{f"todo_{k}": Count("pk", filter=q) for k, _label, q in todos},
    )

    todo = request.GET.get("todo", "")
    todo_q = {k: q for k, _label, q in todos}
    items = narrowed
    state = data.get("state") or ""
    if todo in todo_q:
        items = items.filter(todo_q[todo])
    else:
        todo = ""
        if state == "":
            items = items.filter(state__in=OPEN_STATES)
        elif state != "all":
            items = items.filter(state=state)
    due = data.get("due") or ""
    if due:
        items = items.filter(buckets[due])
    sort = data.get("sort") or "due"
    items = items.order_by(*ORDERS[sort])
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    base = request.GET.copy()
    for key in ("page", "state", "due", "todo"):
        base.pop(key, None)
    return render(
        request,
        "interaction/staff/queue.html",
        {
            "menu": menu(user),
            "form": form,
            "page": page,
            "rows": _rows(page, day),
            "query": query.urlencode(),
            "base_query": base.urlencode(),
            "todo_tabs": [(k, label, counts[f"todo_{k}"]) for k, label, _q in todos],
            "due_tabs": [
                ("soon", "临期", counts["due_soon"]),
                ("today", "今日到期", counts["due_today"]),
                ("overdue", "已超期", counts["due_overdue"]),
            ],
            "state_tabs": [
                ("", "未办结", counts["open"]),
                *[(v, label, counts[f"state_{v}"]) for v, label in MessageState.choices],
                ("all", "全部", counts["all"]),
            ],
            "todo": todo,
            "state": state,
            "due": due,
            "sort": sort,
            "today": day,
            "problem": problem,
            "many_departments": len(departments) > 1 or access.can(user, "messages.triage"),
        },
    )

"""The item list (overdue first) and the item page with exactly the actions the person may take."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.shortcuts import render
from django.views.decorators.http import require_safe

from gongkai import access
from gongkai.accounts.decorators import staff_required
from gongkai.orgs.models import Department
from gongkai.workdays.models import Clock

from ..flow import FLOW
from ..models import OPEN_STATES, AssignmentRole, Proposal
from ..services.common import today
from . import forms as f
from .common import items_visible_to, menu, sessions_visible_to, visible_item

PAGE_SIZE = 30
LEAD_FIRST = Case(
    When(role=AssignmentRole.LEAD, then=Value(0)),
    When(role=AssignmentRole.JOINT, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


@staff_required
@require_safe
def item_list(request):
    day = today()
    visible = items_visible_to(request.user)
    sessions = list(sessions_visible_to(request.user).order_by("-opened_on", "pk"))
    departments = Department.objects.filter(
        pk__in=visible.exclude(lead_department=None).values("lead_department_id")
    ).order_by("government__code", "sort_order", "pk")
    form = f.ItemFilterForm(request.GET or None, sessions=sessions, departments=departments)
    items = visible
    if form.is_valid():
        data = form.cleaned_data
        if data["session"]:
            items = items.filter(session_id=data["session"])
        if data["state"]:
            items = items.filter(state=data["state"])
        if data["unit"]:
            items = items.filter(lead_department_id=data["unit"])
        if data["overdue"]:
            items = items.filter(state__in=OPEN_STATES, due_date__lt=day)
        if data["q"]:
            items = items.filter(
                Q(number=data["q"].strip()) | Q(title__icontains=data["q"].strip())
            )
    overdue = Q(state__in=OPEN_STATES, due_date__lt=day)
    items = items.annotate(
        late=Case(When(overdue, then=Value(0)), default=Value(1), output_field=IntegerField())
    ).in_number_order("late", F("due_date").asc(nulls_last=True), "session_id")
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "proposals/staff/items.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "today": day,
            "menu": menu(request.user),
        },
    )


def allowed(user, item: Proposal) -> dict:
    """The forms to show: the transition table, the access rules and each step's preconditions."""
    lead = item.lead_assignment()
    found = {}
    if FLOW.available(item, user) and access.can(user, "proposals.assign", item):
        found["assign"] = True
    found["reassign"] = access.can(user, "proposals.reassign", item)
    # 更正 until the reply letter is sent (the rule's states; not in a re-handling round).
    found["correct"] = item.round == 1 and access.can(user, "proposals.correct", item)
    if lead is not None:
        lead_actions = {t.action for t in FLOW.available(item, user, access_object=lead)}
        found["reply"] = "submit_reply" in lead_actions
        found["approve"] = "approve_reply" in lead_actions
        found["satisfaction"] = "close" in lead_actions
    co = [
        a
        for a in item.co_assignments()
        if not a.opinion and access.can(user, "proposals.handle", a)
    ]
    if co:
        found["co_opinion"] = co
    found["visit"] = access.can(user, "proposals.record_visit", item.session)
    return found


def form_for(key: str, item: Proposal, bound=None):
    if bound and key in bound:
        return bound[key]
    if key == "assign":
        return f.AssignForm(session=item.session, prefix="assign")
    if key == "reassign":
        return f.ReassignForm(session=item.session, prefix="reassign")
    if key == "correct":
        return f.CorrectionForm(instance=item, prefix="correct")
    if key == "approve":
        reply = item.current_reply()
        return f.ApproveForm(prefix="approve", initial={"grade": reply.grade if reply else None})
    return {
        "reply": lambda: f.ReplyForm(prefix="reply"),
        "return_reply": lambda: f.ReturnReplyForm(prefix="return"),
        "satisfaction": lambda: f.SatisfactionForm(prefix="satisfaction"),
        "visit": lambda: f.VisitForm(prefix="visit"),
    }[key]()


def render_detail(request, item: Proposal, *, bound=None, status=200):
    can = allowed(request.user, item)
    forms = {}
    for key in ("assign", "reassign", "correct", "reply", "approve", "satisfaction", "visit"):
        if can.get(key) or (key == "correct" and bound and key in bound):
            # A refused correction stays on the page with its text, even once it
            # could no longer succeed (the letter was sent meanwhile).
            forms[key] = form_for(key, item, bound)
    if can.get("approve"):
        forms["return_reply"] = form_for("return_reply", item, bound)
    co_forms = [
        (a, (bound or {}).get(f"co:{a.pk}") or f.CoOpinionForm(prefix=f"co{a.pk}"))
        for a in can.get("co_opinion", [])
    ]
    clocks = []
    for clock in Clock.objects.for_subject(item).select_related("department").order_by("id"):
        left = clock.working_days_left()
        clocks.append({"clock": clock, "left": left, "late": left is not None and left < 0})
    publishable = [
        v
        for v in item.visits.filter(news_item__isnull=True)
        if access.can(request.user, "disclosure.create", v.session.office)
    ]
    return render(
        request,
        "proposals/staff/detail.html",
        {
            "item": item,
            "session": item.session,
            "state_label": FLOW.label(item.state),
            "assignments": item.assignments.select_related("department", "opinion_by").order_by(
                "-active", LEAD_FIRST, "pk"
            ),
            "lead_role": AssignmentRole.LEAD,
            "replies": item.replies.select_related("department", "drafted_by", "approved_by"),
            "ratings": item.ratings.select_related("recorded_by"),
            "visits": item.visits.select_related("news_item"),
            "timeline": item.timeline,
            "publishable": publishable,
            "clocks": clocks,
            "forms": forms,
            "co_forms": co_forms,
            "current_reply": item.current_reply(),
            "menu": menu(request.user),
        },
        status=status,
    )


@staff_required
@require_safe
def detail(request, pk: int):
    return render_detail(request, visible_item(request, pk))

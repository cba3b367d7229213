"""The queue (待办) of a department's cases: what is due first at the top.

Sorted by the earliest open due date (``Case.next_due``: the 补正 window, the
promise, the legal limit or the certificate, whichever comes first), so overdue
cases lead, then today's, then the rest; cases waiting for the applicant (待补正)
or paused by a special procedure have no running due date and come last. Each
row shows the promise and the legal due date side by side and the supervision
colour of the nearest one (``rules.card``).
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, F
from django.shortcuts import render
from django.views.decorators.http import require_safe

from gongkai import access
from gongkai.accounts.decorators import staff_required
from gongkai.core.dates import today
from gongkai.workdays import CalendarMissing, working_days_between

from .. import rules
from ..models.cases import OPEN_CASE_STATES, CaseState
from .common import cases_visible_to

PAGE_SIZE = 40
ACTIVE = [*OPEN_CASE_STATES, CaseState.COMPLETED]  # 待办: everything not delivered or refused


def _row(case, day):
    left = card = None
    if case.next_due is not None:
        try:
            left = working_days_between(day, case.next_due)
            yellow = case.item.yellow_days
            card = rules.card(case.next_due, day, rules.YELLOW_DAYS if yellow is None else yellow)
        except CalendarMissing:
            pass
    late = -left if left is not None and left < 0 else None
    return {"case": case, "left": left, "late": late, "card": card}


@staff_required
@require_safe
def queue(request):
    day = today()
    visible = cases_visible_to(request.user)
    state = request.GET.get("state") or "open"
    counts = dict(
        visible.order_by().values_list("state").annotate(n=Count("pk")).values_list("state", "n")
    )
    tabs = [("open", "待办", sum(counts.get(s, 0) for s in ACTIVE))]
    tabs += [(value, label, counts.get(value, 0)) for value, label in CaseState.choices]
    tabs.append(("all", "全部", sum(counts.values())))
    if state == "open":
        shown = visible.filter(state__in=ACTIVE)
    elif state in CaseState.values:
        shown = visible.filter(state=state)
    else:
        state, shown = "all", visible
    shown = shown.order_by(F("next_due").asc(nulls_last=True), "received_on", "pk")
    page = Paginator(shown, PAGE_SIZE).get_page(request.GET.get("page"))
    may_register = access.can(request.user, "services.register_case")
    return render(
        request,
        "services/staff/cases/queue.html",
        {
            "today": day,
            "tabs": tabs,
            "state": state,
            "page": page,
            "rows": [_row(c, day) for c in page.object_list],
            "many_departments": shown.values("department").distinct().count() > 1,
            "may_register": may_register,
        },
    )

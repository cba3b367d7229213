"""The list of consultations (意见征集) a person may see, what needs doing first.

待办 (to do) are those with comments or entries awaiting moderation (待审核) and
those whose period is over without published feedback (已截止、投票中); they
come first. The counts come from the one query of the page (annotations).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from gongkai import access
from gongkai.accounts.decorators import staff_required

from ..models import Phase
from ..services.staff_queries import AWAITING_FEEDBACK, with_workload
from .common import consultations_visible_to, department_ids_for_create
from .forms import ListFilterForm

PER_PAGE = 30


@staff_required
@require_safe
def index(request):
    now = timezone.now()
    base = with_workload(consultations_visible_to(request.user), now)
    form = ListFilterForm(request.GET or None)
    phase = q = ""
    if form.is_bound and form.is_valid():
        phase, q = form.cleaned_data["phase"], form.cleaned_data["q"].strip()
    counts = {
        "todo": base.filter(todo=True).count(),
        "all": base.count(),
    }
    rows = base
    if phase == "todo":
        rows = rows.filter(todo=True)
    elif phase:
        rows = rows.filter(phase_now=phase)
    if q:
        rows = rows.filter(Q(title__icontains=q) | Q(subject__icontains=q))
    rows = rows.order_by("-todo", "cur_closes", "-id")
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    for c in page.object_list:
        c.phase_label = Phase(c.phase_now).label
        c.pending = c.pending_comments + c.pending_entries
        c.awaits_feedback = c.phase_now in AWAITING_FEEDBACK
    return render(
        request,
        "consultations/staff/index.html",
        {
            "form": form,
            "page": page,
            "phase": phase,
            "q": q,
            "counts": counts,
            "phase_filters": [("", "全部"), ("todo", "待办"), *Phase.choices],
            "may_create": bool(department_ids_for_create(request.user)),
            "office": access.can(request.user, "consultations.supervise"),
            "now": now,
            "query": urlencode({"phase": phase, "q": q}),
        },
    )

"""The disclosure office's (公开办) statistics and backlog of 意见征集 (consultations):
``consultations.supervise``, the departments of its government and the governments under it.

* **needs attention** (待反馈): published consultations whose current round's period is
  over and whose feedback (反馈) is not out — phase 已截止 or 投票中, the same rule as the
  workbench list's 待办 (``staff_queries.with_workload``) — oldest closing first, whatever
  the year: what the office chases;
* **the year's table**, per department owning consultations in the office's reach, of the
  consultations held in the year (first round opened in the year, Beijing time — the
  public list's ``?year=`` and the report card count them the same way): held, drafts
  and calls, comments and entries received (every one sent, moderated or not), awaiting
  moderation now, awaiting feedback now with the longest wait since closing, with
  feedback published and the median days from a round's closing to its feedback;
  a totals row; ``?format=csv`` for Excel (UTF-8 with BOM).

Counts are SQL aggregates grouped by department; the query count does not depend on the
number of consultations.
"""

from __future__ import annotations

import csv
import io
import statistics
from dataclasses import dataclass, field
from datetime import date

from django import forms
from django.db.models import Count, Exists, F, IntegerField, Min, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from gongkai import access
from gongkai.accounts.decorators import staff_required
from gongkai.orgs.models import Department

from ..models import Comment, Consultation, Entry, Kind, Phase, Round
from ..portal.views_list import first_opened_in
from ..services.staff_queries import AWAITING_FEEDBACK, with_workload

ACTION = "consultations.supervise"
ATTENTION_LIMIT = 200
FIRST_YEAR, LAST_YEAR = 2000, 2100


class YearForm(forms.Form):
    year = forms.IntegerField(
        label="年度",
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        help_text="按第一轮征集期开始的日期（北京时间）归入年度。",
        error_messages={
            "invalid": "年度应为四位数字的年份，如 2016。",
            "required": "请填写年度，如 2016。",
            "min_value": f"年度应在 {FIRST_YEAR} 至 {LAST_YEAR} 年之间。",
            "max_value": f"年度应在 {FIRST_YEAR} 至 {LAST_YEAR} 年之间。",
        },
    )
    year.widget.attrs.update({"inputmode": "numeric", "class": "input-year"})


# -- figures ---------------------------------------------------------------------------


@dataclass
class Row:
    """One department's figures for the year (or the totals)."""

    label: str
    department: Department | None = None
    held: int = 0
    drafts: int = 0
    calls: int = 0
    comments: int = 0
    entries: int = 0
    pending: int = 0
    awaiting: int = 0
    longest_wait: int | None = None  # days since the oldest awaiting one closed
    fed_back: int = 0
    feedback_days: list[int] = field(default_factory=list, repr=False)

    @property
    def median_feedback_days(self) -> float | int | None:
        if not self.feedback_days:
            return None
        middle = statistics.median(self.feedback_days)
        return int(middle) if middle == int(middle) else round(middle, 1)


COLUMNS = [
    ("held", "开展征集（项）"),
    ("drafts", "其中草案征求意见"),
    ("calls", "其中方案征集"),
    ("comments", "收到意见（条）"),
    ("entries", "收到作品（件）"),
    ("pending", "待审核（条/件）"),
    ("awaiting", "已截止待反馈（项）"),
    ("longest_wait", "待反馈最久（截止后天数）"),
    ("fed_back", "已发布反馈（项）"),
    ("median_feedback_days", "截止至反馈（中位天数）"),
]


def _received(model):
    """Comments or entries sent to any round of the consultation, moderated or not."""
    rows = (
        model.objects.filter(round__consultation=OuterRef("pk"))
        .order_by()
        .values("round__consultation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def _days(since, until: date) -> int:
    return (until - timezone.localdate(since)).days


def supervised(user):
    """The consultations within the office's reach (``consultations.supervise``)."""
    return access.scope(user, ACTION, Consultation.objects.all())


def needs_attention(consultations, now):
    """Published consultations awaiting feedback now, the longest waiting first."""
    return (
        with_workload(consultations.published(), now)
        .filter(phase_now__in=AWAITING_FEEDBACK)
        .select_related("department")
        .order_by("cur_closes", "pk")
    )


def year_table(consultations, year: int, now) -> tuple[list[Row], Row]:
    """Per-department rows (every department owning a published consultation in reach, in
    the organisation's order) and the totals, for the consultations held in ``year``."""
    today = timezone.localdate(now)
    held = first_opened_in(with_workload(consultations.published(), now), year)
    awaiting = Q(phase_now__in=AWAITING_FEEDBACK)
    grouped = (
        held.annotate(
            comments_sent=_received(Comment),
            entries_sent=_received(Entry),
            has_feedback=Exists(
                Round.objects.filter(
                    consultation=OuterRef("pk"), feedback_published_at__isnull=False
                )
            ),
        )
        .order_by()
        .values("department")
        .annotate(
            n_held=Count("pk"),
            n_drafts=Count("pk", filter=Q(kind=Kind.DRAFT)),
            n_calls=Count("pk", filter=Q(kind=Kind.CALL)),
            n_comments=Sum("comments_sent"),
            n_entries=Sum("entries_sent"),
            n_pending=Sum(F("pending_comments") + F("pending_entries")),
            n_awaiting=Count("pk", filter=awaiting),
            oldest_close=Min("cur_closes", filter=awaiting),
            n_fed_back=Count("pk", filter=Q(has_feedback=True)),
        )
    )
    feedback = Round.objects.filter(
        consultation__in=held.values("pk"), feedback_published_at__isnull=False
    ).values_list("consultation__department", "closes_at", "feedback_published_at")
    departments = Department.objects.filter(
        pk__in=consultations.published().values("department")
    ).select_related("government")

    rows = {d.pk: Row(label=d.name, department=d) for d in departments}
    for g in grouped:
        row = rows[g["department"]]
        row.held, row.drafts, row.calls = g["n_held"], g["n_drafts"], g["n_calls"]
        row.comments, row.entries = g["n_comments"] or 0, g["n_entries"] or 0
        row.pending, row.awaiting = g["n_pending"] or 0, g["n_awaiting"]
        row.fed_back = g["n_fed_back"]
        if g["oldest_close"] is not None:
            row.longest_wait = _days(g["oldest_close"], today)
    for department_id, closes_at, published_at in feedback:
        rows[department_id].feedback_days.append(_days(closes_at, timezone.localdate(published_at)))

    ordered = sorted(
        rows.values(),
        key=lambda r: (r.department.government.path, r.department.sort_order, r.label),
    )
    total = Row(label="合计")
    for row in ordered:
        for name in ("held", "drafts", "calls", "comments", "entries", "pending", "awaiting"):
            setattr(total, name, getattr(total, name) + getattr(row, name))
        total.fed_back += row.fed_back
        total.feedback_days += row.feedback_days
        if row.longest_wait is not None:
            total.longest_wait = max(total.longest_wait or 0, row.longest_wait)
    return ordered, total


# -- the page and the CSV ------------------------------------------------------------


def _csv(year: int, rows: list[Row], total: Row) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["部门", *(label for _name, label in COLUMNS)])
    for row in [*rows, total]:
        values = [getattr(row, name) for name, _label in COLUMNS]
        writer.writerow([row.label, *("" if v is None else v for v in values)])
    response = HttpResponse(
        ("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="consultations-{year}.csv"'
    return response


@staff_required
@require_safe
def stats(request):
    access.require(request.user, ACTION)
    now = timezone.now()
    this_year = timezone.localdate(now).year
    form = YearForm(request.GET if "year" in request.GET else None, initial={"year": this_year})
    if form.is_bound and not form.is_valid():
        context = {"form": form, "year": None, "now": now, "office": True}
        return render(request, "consultations/staff/stats.html", context, status=400)
    year = form.cleaned_data["year"] if form.is_bound else this_year
    consultations = supervised(request.user)
    rows, total = year_table(consultations, year, now)
    if request.GET.get("format") == "csv":
        return _csv(year, rows, total)
    attention = needs_attention(consultations, now)
    listed = list(attention[:ATTENTION_LIMIT])
    today = timezone.localdate(now)
    for c in listed:
        c.phase_label = Phase(c.phase_now).label
        c.waiting_days = _days(c.cur_closes, today)
    return render(
        request,
        "consultations/staff/stats.html",
        {
            "form": form,
            "year": year,
            "now": now,
            "office": True,  # the module menu shows this page
            "rows": rows,
            "total": total,
            "columns": COLUMNS,
            "attention": listed,
            "attention_count": (
                len(listed) if len(listed) < ATTENTION_LIMIT else attention.count()
            ),
        },
    )

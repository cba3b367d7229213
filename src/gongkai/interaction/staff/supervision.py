"""督办 (supervision) pages of the board's office: the supervision list (escalated
messages still unanswered), the printable 督办专报 (supervision bulletin) for a date
range, and the statistics dashboard with its chart and the same figures as tables."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_safe

from gongkai.accounts.decorators import staff_required
from gongkai.workdays import CalendarMissing, working_days_between

from ..models import Message
from ..services.common import today
from ..stats import message_statistics
from ..supervision import bulletin as make_bulletin
from ..supervision import supervision_list
from .chart import bar_chart
from .common import menu, supervised_government
from .forms import PeriodForm


def _office_government(request):
    government = supervised_government(request)
    if government is None:
        raise PermissionDenied("无权执行此操作：留言督办、督办专报与统计。")
    return government


def _period(request, default_start: date, default_end: date):
    """The period asked for, or the default; the bound form carries any errors."""
    form = PeriodForm(request.GET if "start" in request.GET or "end" in request.GET else None)
    form.fields["start"].initial = default_start
    form.fields["end"].initial = default_end
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"]
    if form.is_bound:
        return form, None, None
    return form, default_start, default_end


@staff_required
@require_safe
def supervision(request):
    government = _office_government(request)
    day = today()
    clocks = list(supervision_list(government, on=day))
    messages = Message.objects.select_related("message_type", "channel").in_bulk(
        [int(c.object_id) for c in clocks]
    )
    rows = []
    for clock in clocks:
        try:
            late = -working_days_between(day, clock.due_date)
        except CalendarMissing:
            late = None
        rows.append({"clock": clock, "message": messages.get(int(clock.object_id)), "late": late})
    return render(
        request,
        "interaction/staff/supervision.html",
        {
            "menu": menu(request.user),
            "government": government,
            "rows": rows,
            "today": day,
        },
    )


@staff_required
@require_safe
def bulletin(request):
    """督办专报: overdue and 不满意 messages of a period, by department; printable."""
    government = _office_government(request)
    day = today()
    form, start, end = _period(request, day.replace(day=1), day)
    report = make_bulletin(government, start, end) if start and end else None
    return render(
        request,
        "interaction/staff/bulletin.html",
        {
            "menu": menu(request.user),
            "government": government,
            "form": form,
            "report": report,
            "today": day,
        },
        status=200 if report is not None else 400,
    )


SERIES = [("on-time", "按时答复"), ("late", "超期答复"), ("open", "超期未答复")]


@staff_required
@require_safe
def statistics(request):
    """Received, accepted, replied on time, overdue, average working days to reply and
    satisfaction per channel and per department, with a chart of the departments."""
    government = _office_government(request)
    day = today()
    form, start, end = _period(request, day.replace(month=1, day=1), day)
    stats = chart = None
    if start and end:
        stats = message_statistics(government, start, end)
        chart = bar_chart(
            "各部门答复情况",
            SERIES,
            [(row.label, [row.on_time, row.late, row.overdue_open]) for row in stats.by_department],
        )
    return render(
        request,
        "interaction/staff/statistics.html",
        {
            "menu": menu(request.user),
            "government": government,
            "form": form,
            "stats": stats,
            "chart": chart,
            "today": day,
        },
        status=200 if stats is not None else 400,
    )

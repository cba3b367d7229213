"""Sessions (届次): the list, a new session, the XLSX import with its report, statistics."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from gongkai import access
from gongkai.accounts.decorators import staff_required
from gongkai.workbench.departments import current_department

from .. import services
from ..models import DONE_STATES, Proposal
from ..services.importing import ImportProblem
from ..services.sessions import SessionInvalid
from ..stats import by_unit, summary_sentence, totals
from .common import items_visible_to, menu, sessions_visible_to, visible_session
from .forms import ImportForm, SessionForm


def office_department(user, request=None):
    """The department through which the person acts as 公开办 (the current one first)."""
    current = current_department(request) if request is not None else None
    if current is not None and access.can(user, "proposals.import", current):
        return current
    for membership in access.memberships_of(user):
        if access.can(user, "proposals.import", membership.department):
            return membership.department
    return None


@staff_required
@require_http_methods(["GET", "POST"])
def session_list(request):
    office = office_department(request.user, request)
    form = None
    status = 200
    if office is not None:
        form = SessionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                session = services.create_session(
                    actor=request.user, office=office, **form.cleaned_data
                )
            except SessionInvalid as error:
                for name, text in error.errors.items():
                    form.add_error(name if name in form.fields else None, text)
            else:
                messages.success(request, f"已新建“{session.name}”，请导入建议、提案清单。")
                return redirect("workbench:proposals_staff:import", pk=session.pk)
        if request.method == "POST":
            status = 400
    elif request.method == "POST":
        raise PermissionDenied("无权执行此操作：新建届次。")
    visible = items_visible_to(request.user)
    sessions = sessions_visible_to(request.user).order_by("-opened_on", "body", "pk")
    counts = {
        row["session_id"]: row
        for row in visible.values("session_id").annotate(
            total=Count("id"),
            pending=Count("id", filter=Q(state="pending")),
            done=Count("id", filter=Q(state__in=DONE_STATES)),
        )
    }
    rows = [(s, counts.get(s.pk, {"total": 0, "pending": 0, "done": 0})) for s in sessions]
    return render(
        request,
        "proposals/staff/sessions.html",
        {"rows": rows, "form": form, "office": office, "menu": menu(request.user)},
        status=status,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def import_items(request, pk: int):
    session = visible_session(request, pk)
    access.require(request.user, "proposals.import", session)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                report = services.import_items(
                    session, form.cleaned_data["file"], actor=request.user
                )
            except ImportProblem as problem:
                form.add_error("file", problem.message)
            else:
                if report.imported:
                    messages.success(request, report.summary())
                    return redirect(f"{_items_url()}?session={session.pk}&state=pending")
    return render(
        request,
        "proposals/staff/import.html",
        {"session": session, "form": form, "report": report, "menu": menu(request.user)},
        status=status,
    )


@staff_required
@require_safe
def import_template(request):
    """The import template: the header row and one example row."""
    import io

    import openpyxl
    from django.http import HttpResponse

    access.require(request.user, "proposals.import")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "建议提案清单"
    sheet.append(["编号", "标题", "领衔人及附议人", "内容", "建议承办单位"])
    sheet.append(
        [
            "1",
            "关于加快城区老旧小区改造的建议",
            "王建国（领衔），李秀英、张卫东",
            "城区仍有大量老旧小区管网老化、停车困难，建议加快改造进度。",
            "市住房和城乡建设局、市财政局",
        ]
    )
    for column, width in zip("ABCDE", (8, 40, 30, 60, 30), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="proposals-template.xlsx"'
    return response


def _items_url() -> str:
    from django.urls import reverse

    return reverse("workbench:proposals_staff:items")


@staff_required
@require_safe
def statistics(request):
    access.require(request.user, "proposals.supervise")
    sessions = list(sessions_visible_to(request.user).order_by("-opened_on", "body", "pk"))
    tables = []
    for session in sessions:
        rows = by_unit(Proposal.objects.filter(session=session))
        tables.append((session, rows, totals(rows)))
    by_year: dict[int, list] = {}
    for session in sessions:
        by_year.setdefault(session.opened_on.year, []).append(session)
    summaries = [
        (year, summary_sentence(group)) for year, group in sorted(by_year.items(), reverse=True)
    ]
    return render(
        request,
        "proposals/staff/statistics.html",
        {"tables": tables, "summaries": summaries, "menu": menu(request.user)},
    )

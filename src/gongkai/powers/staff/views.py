"""The workbench's 权责清单: the powers a person keeps, the XLSX import with its
row-by-row report, and recording an adjustment. Access through the one policy:
``powers.view``, ``powers.import``, ``powers.adjust`` (a department its own
powers, the 公开办 its tree)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from gongkai import access
from gongkai.accounts.decorators import staff_required
from gongkai.orgs.models import Department, Government
from gongkai.portal.paging import page_links, paginate

from ..models import AdjustmentKind, Power
from ..services import credit, lists
from ..services.adjusting import AdjustmentRefused, Change, record_adjustment
from ..services.importing import import_list
from ..services.workbook import POWERS, WorkbookProblem, write_workbook
from .forms import AdjustmentForm, CreditImportForm, ImportForm, ListChangeForm


def governments_for(user, action: str):
    """Governments with at least one department the person may ``action`` for."""
    departments = access.scope(user, action, Department.objects.all(), department_field=None)
    return Government.objects.filter(
        pk__in=departments.values("government_id").order_by().distinct()
    ).order_by("path")


def _page(request, template, context, status=200):
    menu = {
        "import": governments_for(request.user, "powers.import").exists(),
        "adjust": governments_for(request.user, "powers.adjust").exists(),
        "credit": governments_for(request.user, "powers.credit_import").exists(),
    }  # the other lists are changed by the same people as 权责清单 adjustments
    return render(request, f"powers/staff/{template}", {"menu": menu, **context}, status=status)


@staff_required
@require_safe
def power_list(request):
    powers = access.scope(request.user, "powers.view", Power.objects.current())
    if not governments_for(request.user, "powers.view").exists():
        raise PermissionDenied("无权查看权责清单。")
    query = (request.GET.get("q") or "").strip()[:60]
    if query:
        powers = powers.filter(name__icontains=query) | powers.filter(code=query)
    powers = powers.select_related("government", "department", "power_type").order_by(
        "government__path", "code"
    )
    page_obj = paginate(request, powers, per_page=50)
    return _page(
        request,
        "list.html",
        {"page_obj": page_obj, "pagination": page_links(request, page_obj), "query": query},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def import_view(request):
    governments = governments_for(request.user, "powers.import")
    if not governments.exists():
        raise PermissionDenied("无权导入权责清单。")
    form = ImportForm(request.POST or None, request.FILES or None, governments=governments)
    report, status = None, 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                report = import_list(
                    data["government"],
                    data["file"],
                    valid_from=data["valid_from"],
                    valid_rows_only=data["valid_rows_only"],
                    actor=request.user,
                )
            except WorkbookProblem as problem:
                form.add_error("file", problem.message)
            else:
                if report.imported:
                    messages.success(request, report.summary())
                    status = 200
    return _page(request, "import.html", {"form": form, "report": report}, status=status)


@staff_required
@require_safe
def template(request):
    """The empty workbook with its four sheets and one example power."""
    if not governments_for(request.user, "powers.import").exists():
        raise PermissionDenied("无权导入权责清单。")
    example = (
        "62052400MZ-XK-0001",
        "社会团体成立、变更、注销登记",
        "行政许可",
        "武山县民政局",
        "县级",
        "受理—审查—决定—送达",
        "20个工作日",
        "不收费",
        "0938-3321234",
    )
    response = HttpResponse(
        write_workbook({POWERS: [example]}),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = "attachment; filename*=UTF-8''powers-template.xlsx"
    return response


@staff_required
@require_http_methods(["GET", "POST"])
def adjust(request):
    governments = governments_for(request.user, "powers.adjust")
    if not governments.exists():
        raise PermissionDenied("无权登记权责清单调整。")
    form = AdjustmentForm(request.POST or None, governments=governments)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                adjustment = record_adjustment(
                    form.cleaned_data["government"],
                    document_number=form.cleaned_data["document_number"],
                    document_title=form.cleaned_data["document_title"],
                    decided_on=form.cleaned_data["decided_on"],
                    effective_on=form.cleaned_data["effective_on"],
                    changes=_changes(form),
                    actor=request.user,
                )
            except AdjustmentRefused as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(
                    request,
                    f"已登记{adjustment.document_number}，调整{adjustment.items.count()}项。",
                )
                return redirect("powers_portal:adjustment", adjustment.pk)
    return _page(request, "adjust.html", {"form": form}, status=status)


def _changes(form) -> list[Change]:
    data = form.cleaned_data
    found = {
        p.code: p
        for p in Power.objects.current().filter(
            government=data["government"], code__in=data["codes"]
        )
    }
    missing = [c for c in data["codes"] if c not in found]
    if missing:
        raise AdjustmentRefused(
            f"职权编码“{missing[0]}”不在{data['government'].name}的现行清单中。"
        )
    powers = [found[c] for c in data["codes"]]
    kind = data["kind"]
    recipient, note = data["recipient"], data["note"]
    if kind in (AdjustmentKind.AMEND, AdjustmentKind.MERGE):
        if not data["new_name"].strip():
            raise AdjustmentRefused("请填写调整（合并）后的职权名称。")
        changes = {"name": data["new_name"].strip()}
        return [Change(kind, powers, note=note, changes=changes)]
    return [Change(kind, [power], recipient=recipient, note=note) for power in powers]


@staff_required
@require_http_methods(["GET", "POST"])
def list_change(request):
    """Publish or change a 负面清单 or 财政专项资金管理清单 from an XLSX of changes."""
    governments = governments_for(request.user, "powers.adjust")
    if not governments.exists():
        raise PermissionDenied("无权登记清单调整。")
    form = ListChangeForm(request.POST or None, request.FILES or None, governments=governments)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                changes = lists.changes_from_workbook(
                    data["government"], data["kind"], data["file"]
                )
                document = lists.record_list_change(
                    data["government"],
                    data["kind"],
                    number=data["number"],
                    title=data["title"],
                    effective_on=data["effective_on"],
                    changes=changes,
                    actor=request.user,
                )
            except (lists.ListChangeRefused, WorkbookProblem) as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(request, f"已登记{document.number}，共{len(changes)}项变化。")
                target = "negative_list" if data["kind"] == "negative" else "funds_list"
                return redirect(f"powers_portal:{target}")
    return _page(request, "list_change.html", {"form": form}, status=status)


@staff_required
@require_safe
def list_template(request):
    if not governments_for(request.user, "powers.adjust").exists():
        raise PermissionDenied("无权登记清单调整。")
    response = HttpResponse(
        lists.template(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = "attachment; filename*=UTF-8''list-changes-template.xlsx"
    return response


def _credit_departments(user):
    return access.scope(
        user, "powers.credit_import", Department.objects.all(), department_field=None
    ).order_by("government__path", "pk")


@staff_required
@require_http_methods(["GET", "POST"])
def credit_import(request):
    """工程建设领域信用信息: a department imports the companies, practitioners and records
    it is the source of."""
    departments = _credit_departments(request.user)
    if not departments.exists():
        raise PermissionDenied("无权导入工程建设领域信用信息。")
    form = CreditImportForm(request.POST or None, request.FILES or None, departments=departments)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                done = credit.import_credit(
                    form.cleaned_data["department"], form.cleaned_data["file"], actor=request.user
                )
            except (credit.CreditImportRefused, WorkbookProblem) as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(request, done.summary())
                return redirect("workbench:powers_staff:credit_import")
    return _page(request, "credit_import.html", {"form": form}, status=status)


@staff_required
@require_safe
def credit_template(request):
    if not _credit_departments(request.user).exists():
        raise PermissionDenied("无权导入工程建设领域信用信息。")
    response = HttpResponse(
        credit.template(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = "attachment; filename*=UTF-8''credit-template.xlsx"
    return response

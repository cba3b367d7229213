"""The report page (/workbench/reports/<pk>/) and its actions.

At the top: the state, the office's return comment and what stands in the way
of submitting (``services.problems_of``), in words. Then the form for sections
一, 五, 六 and the four entered figures of Table 二, which remembers the version
it was opened at (a colleague's save in between is refused, nothing is
overwritten); its second button fills 一 with the computed draft and shows the
form again with everything else as typed. Then the buttons each person may use
(报送, 审核通过 / 退回修改, 发布到公开目录), once approved where today's records
differ from the frozen figures (定稿后数据变化), and a read-only preview of the six
sections in the national order 一 … 六 (Table 二's cells marked 计算, 填报 or 汇总).
A refusal is shown beside its form with status 400.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongkai import access
from gongkai.accounts.decorators import staff_required
from gongkai.core.errors import DomainError

from .. import services
from ..models import EDITABLE, AnnualReport
from ..rendering import table_html
from .common import refused, to_report, visible_report
from .forms import ReportForm, ReturnForm

SOURCE_LABELS = {"computed": "计算", "entered": "填报", "aggregated": "汇总"}
TWO, THREE, FOUR = (
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
)


def _cell(cell: dict | None) -> dict:
    if cell is None:
        return {"present": False}
    value = cell.get("value")
    if value is None:
        value = "未填报"
    elif isinstance(value, float):
        value = f"{value:g}"
    return {
        "present": True,
        "value": value,
        "source": SOURCE_LABELS.get(cell.get("source"), ""),
        "entered": cell.get("source") == "entered",
    }


def table_two_blocks(section: dict) -> list[dict]:
    """Table 二 as blocks of rows of cells, each cell with its value and source in words."""
    blocks = []
    for block, rows in section.items():
        columns: list[str] = []
        for cells in rows.values():
            columns += [c for c in cells if c not in columns]
        blocks.append(
            {
                "heading": block,
                "columns": columns,
                "rows": [
                    {"heading": row, "cells": [_cell(cells.get(c)) for c in columns]}
                    for row, cells in rows.items()
                ],
            }
        )
    return blocks


def preview(data: dict) -> list[dict]:
    """The six sections in the content's (the national) order 一 … 六: texts as written,
    Table 二 as blocks (``table_two_blocks``, in the template), Tables 三 and 四 as HTML."""
    out = []
    for heading, section in data["sections"].items():
        if heading == TWO:
            out.append({"heading": heading, "kind": "two"})
        elif heading in (THREE, FOUR):
            table = mark_safe(table_html(heading, section))  # noqa: S308 (escaped there)
            note = data.get("carry_over_note", "") if heading == THREE else ""
            out.append({"heading": heading, "kind": "table", "table": table, "note": note})
        else:
            out.append({"heading": heading, "kind": "text", "text": section.get("text", "")})
    return out


def _parts(data: dict, year: int) -> list[dict]:
    """A government's agencies (``data["parts"]``), each with its report's id to link to."""
    if not data.get("parts"):
        return []
    ids = dict(
        AnnualReport.objects.filter(
            department_id__in=[p["id"] for p in data["parts"]], year=year
        ).values_list("department_id", "pk")
    )
    return [{**p, "report": ids.get(p["id"])} for p in data["parts"]]


def _page(request, report: AnnualReport, *, status: int = 200, **forms_and_errors):
    user = request.user
    data = services.content(report)
    can = {
        "edit": access.can(user, "reports.edit", report),
        "submit": access.can(user, "reports.submit", report),
        "review": access.can(user, "reports.review", report),
        "publish": access.can(user, "reports.publish", report) and report.item_id is None,
    }
    form = forms_and_errors.pop("form", None)
    if form is None and can["edit"]:
        form = ReportForm(instance=report)
    context = {
        "report": report,
        "data": data,
        "problems": services.problems_of(report, data)
        if report.state in EDITABLE or report.state == "submitted"
        else [],
        "can": can,
        "form": form,
        "return_form": forms_and_errors.pop("return_form", None) or ReturnForm(),
        "table_two": table_two_blocks(data["sections"][TWO]),
        "preview": preview(data),
        "differences": services.differences(report) if report.snapshot is not None else [],
        "parts": _parts(data, report.year),
        **forms_and_errors,
    }
    return render(request, "reports/staff/detail.html", context, status=status)


@staff_required
@require_safe
def detail(request, pk: int):
    return _page(request, visible_report(request, pk))


@staff_required
@require_http_methods(["POST"])
def save(request, pk: int):
    """Save 一, 五, 六 and the entered figures; or, with the draft button, show the form
    again with 一 filled from the computed draft and nothing else changed."""
    report = visible_report(request, pk)
    denied = refused(request, "reports.edit", report, "修改")
    if denied is not None:
        return denied
    if "fill_draft" in request.POST:
        draft = services.content(report)["sections"]["一、总体情况"]["draft"]
        typed = {name: request.POST.get(name, "") for name in ReportForm._meta.fields}
        typed["overview"] = draft
        typed["expected_version"] = request.POST.get("expected_version", "")
        form = ReportForm(instance=report, initial=typed)
        messages.info(request, "已用自动生成的草稿填入“一、总体情况”，请修改后保存。")
        return _page(request, report, form=form)
    form = ReportForm(request.POST, instance=AnnualReport.objects.get(pk=report.pk))
    if form.is_valid():
        try:
            services.save_inputs(
                AnnualReport.objects.get(pk=report.pk),
                expected_version=form.cleaned_data["expected_version"],
                actor=request.user,
                overview=form.cleaned_data["overview"],
                problems=form.cleaned_data["problems"],
                other=form.cleaned_data["other"],
                entered=form.entered(),
                carry_over_note=form.cleaned_data["carry_over_note"],
            )
        except PermissionDenied:
            raise
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "已保存。")
            return to_report(report)
    return _page(request, report, form=form, status=400)


def _act(request, pk: int, action: str, label: str, call, *, error_key: str, **extra):
    """Take an action without fields: its refusal (with the problems) shown beside its button."""
    report = visible_report(request, pk)
    denied = refused(request, action, report, label)
    if denied is not None:
        return denied
    try:
        text = call(report)
    except PermissionDenied:
        raise
    except services.ReportBlocked as blocked:
        return _page(request, report, status=400, **{error_key: blocked.problems}, **extra)
    except DomainError as error:
        return _page(request, report, status=400, **{error_key: [error.message]}, **extra)
    messages.success(request, text)
    return to_report(report)


@staff_required
@require_POST
def submit(request, pk: int):
    def call(report):
        services.submit(report, actor=request.user)
        return "已报送公开办审核。"

    return _act(request, pk, "reports.submit", "报送", call, error_key="submit_errors")


@staff_required
@require_POST
def approve(request, pk: int):
    def call(report):
        services.approve(report, actor=request.user)
        return "已审核通过，报告内容已定稿。"

    return _act(request, pk, "reports.review", "审核", call, error_key="review_errors")


@staff_required
@require_POST
def return_(request, pk: int):
    report = visible_report(request, pk)
    denied = refused(request, "reports.review", report, "退回")
    if denied is not None:
        return denied
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.return_report(report, comment=form.cleaned_data["comment"], actor=request.user)
        except PermissionDenied:
            raise
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "已退回修改。")
            return to_report(report)
    return _page(request, report, return_form=form, status=400)


@staff_required
@require_POST
def publish(request, pk: int):
    def call(report):
        services.publish_to_catalogue(report, actor=request.user)
        return "已提交公开目录，经保密审查和领导审批后发布。"

    return _act(request, pk, "reports.publish", "提交公开目录", call, error_key="publish_errors")

"""Workbench pages of the catalogue import: upload → report → confirm → result.

The uploaded file is kept in storage (``imports/``) between the report and the
confirmation, named by a random id; the confirm form carries a signed ticket
(who, which department, which file), valid for a day. At confirmation the
file is read and checked again — the catalogue may have changed meanwhile —
and then imported. Files left behind by abandoned imports are swept on the
next upload.
"""

from __future__ import annotations

import os
import uuid
from datetime import timedelta

from django import forms
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongkai.accounts.decorators import staff_required
from gongkai.audit.services import client_ip
from gongkai.orgs.models import Department
from gongkai.workbench.departments import current_department, departments_of

from . import FileProblem, check_file, import_rows, may_import
from .columns import COLUMNS
from .template import CONTENT_TYPE, FILENAME, template_bytes

TICKET_SALT = "gongkai.disclosure.import"
TICKET_AGE = timedelta(days=1)
FOLDER = "imports"
PREVIEW_ROWS = 20


def _url(request, name: str) -> str:
    namespace = request.resolver_match.namespace if request.resolver_match else ""
    return reverse(f"{namespace}:{name}" if namespace else name)


def _importable_departments(user) -> list[Department]:
    return [d for d in departments_of(user) if may_import(user, d)]


class UploadForm(forms.Form):
    department = forms.ModelChoiceField(
        label="主办机构", queryset=Department.objects.none(), empty_label=None
    )
    file = forms.FileField(label="目录文件（.xlsx 或 .csv）")

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(
            pk__in=[d.pk for d in departments]
        ).order_by("government__code", "sort_order", "pk")


def _sweep() -> None:
    """Remove files of imports abandoned more than a day ago."""
    try:
        _, names = default_storage.listdir(FOLDER)
    except (FileNotFoundError, NotImplementedError, OSError):
        return
    cutoff = timezone.now() - TICKET_AGE
    for name in names:
        path = f"{FOLDER}/{name}"
        try:
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
        except (OSError, NotImplementedError):
            continue


def _page(request, template: str, context: dict, status: int = 200):
    context.setdefault("template_url", _url(request, "template"))
    context.setdefault("upload_url", _url(request, "upload"))
    context.setdefault("columns", COLUMNS)
    return render(request, f"disclosure/importing/{template}", context, status=status)


@staff_required
@require_safe
def template(request):
    response = HttpResponse(template_bytes(), content_type=CONTENT_TYPE)
    from gongkai.files.downloads import content_disposition

    response["Content-Disposition"] = content_disposition(FILENAME)
    return response


@staff_required
@require_http_methods(["GET", "POST"])
def upload(request):
    departments = _importable_departments(request.user)
    if not departments:
        raise PermissionDenied("只有部门的审核人可以导入已公开的信息目录。")
    initial = current_department(request)
    form = UploadForm(
        request.POST or None,
        request.FILES or None,
        departments=departments,
        initial={"department": initial.pk if initial in departments else departments[0].pk},
    )
    if request.method == "GET" or not form.is_valid():
        return _page(request, "upload.html", {"form": form})
    department = form.cleaned_data["department"]
    uploaded = form.cleaned_data["file"]
    try:
        rows = check_file(uploaded, department)
    except FileProblem as problem:
        form.add_error("file", str(problem))
        return _page(request, "upload.html", {"form": form}, status=422)
    _sweep()
    extension = os.path.splitext(uploaded.name)[1].lower() or ".xlsx"
    uploaded.seek(0)
    path = default_storage.save(f"{FOLDER}/{uuid.uuid4().hex}{extension}", uploaded)
    ticket = signing.dumps(
        {"p": path, "d": department.pk, "u": request.user.pk, "n": uploaded.name[:200]},
        salt=TICKET_SALT,
    )
    return _report(request, department, uploaded.name, rows, ticket)


def _report(request, department, filename, rows, ticket):
    invalid = [row for row in rows if not row.valid]
    valid = [row for row in rows if row.valid]
    return _page(
        request,
        "report.html",
        {
            "department": department,
            "filename": filename,
            "rows": rows,
            "invalid": invalid,
            "valid_count": len(valid),
            "preview": valid[:PREVIEW_ROWS],
            "ticket": ticket,
            "confirm_url": _url(request, "confirm"),
        },
        status=200,
    )


@staff_required
@require_POST
def confirm(request):
    try:
        ticket = signing.loads(
            request.POST.get("ticket", ""), salt=TICKET_SALT, max_age=TICKET_AGE.total_seconds()
        )
    except signing.SignatureExpired:
        return _page(
            request,
            "result.html",
            {"problem": "确认已超时（超过一天），请重新上传文件。"},
            status=400,
        )
    except signing.BadSignature:
        return _page(
            request, "result.html", {"problem": "确认信息无效，请重新上传文件。"}, status=400
        )
    if ticket.get("u") != request.user.pk:
        raise PermissionDenied("只能确认自己上传的导入。")
    department = Department.objects.select_related("government").filter(pk=ticket.get("d")).first()
    if department is None or not may_import(request.user, department):
        raise PermissionDenied("只有部门的审核人可以导入已公开的信息目录。")
    path, filename = ticket["p"], ticket.get("n", "")
    if request.POST.get("action") == "cancel":
        default_storage.delete(path)
        return _page(request, "result.html", {"cancelled": True, "department": department})
    if not default_storage.exists(path):
        return _page(
            request,
            "result.html",
            {"problem": "该导入已经处理过或文件已被清理，请重新上传。"},
            status=409,
        )
    valid_rows_only = request.POST.get("action") == "valid_only"
    with default_storage.open(path, "rb") as handle:
        try:
            rows = check_file(File(handle, name=filename), department)
        except FileProblem as problem:
            return _page(request, "result.html", {"problem": str(problem)}, status=422)
    if any(not row.valid for row in rows) and not valid_rows_only:
        # Something changed since the report (e.g. an index number was taken meanwhile).
        return _report(request, department, filename, rows, request.POST["ticket"])
    outcome = import_rows(
        rows,
        actor=request.user,
        department=department,
        valid_rows_only=valid_rows_only,
        filename=filename,
        ip=client_ip(request),
    )
    if not outcome.rolled_back:
        default_storage.delete(path)
    return _page(
        request,
        "result.html",
        {"department": department, "filename": filename, "outcome": outcome},
    )

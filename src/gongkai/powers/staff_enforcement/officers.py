"""The officers' list in the workbench: the bodies a person keeps, and the import of
the provincial export — upload, the changes shown (new, changed fields, gone, bad
rows by row number), then applied on confirmation in one transaction."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongkai import access
from gongkai.accounts.decorators import staff_required
from gongkai.core.errors import DomainError
from gongkai.workbench.departments import current_department

from ..models import EnforcementBody, OfficerImport
from ..services.officers import LABELS, apply_officers, preview_officers
from ..services.officers_file import MAX_BYTES

SHOWN = 200


class UploadForm(forms.Form):
    file = forms.FileField(
        label="执法人员名录（.xlsx 或 .csv）",
        help_text="省行政执法证件管理系统导出的文件。上传后先显示将要新增、变更和移出的人员，确认后才导入。",
        error_messages={"required": "请选择要导入的文件。", "empty": "文件是空的。"},
    )


def _department(request):
    department = current_department(request)
    if department is None or not access.can(
        request.user, "enforcement.edit_officers", EnforcementBody(department=department)
    ):
        raise PermissionDenied("无权维护行政执法人员名录。")
    return department


def _bodies(user):
    return access.scope(user, "enforcement.view", EnforcementBody.objects.all())


@staff_required
@require_safe
def home(request):
    bodies = _bodies(request.user).select_related("government").annotate(n=Count("officers"))
    return render(
        request,
        "powers/staff_enforcement/home.html",
        {"bodies": bodies.order_by("government__path", "sort_order", "pk")[:500]},
    )


@staff_required
@require_http_methods(["GET", "POST"])
def upload(request):
    department = _department(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        if uploaded.size > MAX_BYTES:
            form.add_error("file", "文件过大（最大30MB）。")
        else:
            found = OfficerImport.objects.create(
                government=department.government,
                department=department,
                uploaded_by=request.user,
                filename=uploaded.name[:200],
                content=uploaded.read(),
            )
            return redirect("workbench:enforcement_staff:preview", found.pk)
    return render(
        request,
        "powers/staff_enforcement/upload.html",
        {"form": form, "department": department},
        status=400 if request.method == "POST" else 200,
    )


def _pending(request, pk: int) -> OfficerImport:
    found = get_object_or_404(OfficerImport, pk=pk)
    if found.uploaded_by_id != request.user.pk:
        raise Http404("没有该导入")
    return found


def _preview(found: OfficerImport, user):
    upload = ContentFile(bytes(found.content), name=found.filename)
    return preview_officers(found.government, upload, user)


@staff_required
@require_safe
def preview(request, pk: int):
    found = _pending(request, pk)
    if found.applied_at is not None:
        return render(request, "powers/staff_enforcement/preview.html", {"upload": found})
    problem = None
    result = None
    try:
        result = _preview(found, request.user)
    except DomainError as bad:
        problem = bad.message
    new = []
    if result is not None:
        new = [result.rows[n] for n in result.new[:SHOWN]]
    changes = []
    if result is not None:
        body_names = dict(EnforcementBody.objects.values_list("pk", "name"))
        for change in result.changed[:SHOWN]:
            fields = []
            for key, (old, new_value) in change.fields.items():
                if key == "id_digest":
                    fields.append((LABELS[key], "（已变更，不显示）", ""))
                elif key == "body_id":
                    fields.append(
                        (LABELS[key], body_names.get(old, ""), body_names.get(new_value, ""))
                    )
                else:
                    fields.append((LABELS[key], old or "—", new_value or "—"))
            changes.append((change.officer, fields))
    return render(
        request,
        "powers/staff_enforcement/preview.html",
        {
            "upload": found,
            "problem": problem,
            "result": result,
            "new": new,
            "changes": changes,
            "gone": result.gone[:SHOWN] if result else [],
            "shown": SHOWN,
        },
    )


@staff_required
@require_POST
def apply(request, pk: int):
    found = _pending(request, pk)
    if found.applied_at is not None:
        messages.info(request, "该文件已导入。")
        return redirect("workbench:enforcement_staff:preview", found.pk)
    if request.POST.get("action") == "cancel":
        found.delete()
        messages.info(request, "已取消导入。")
        return redirect("workbench:enforcement_staff:home")
    try:
        counts = apply_officers(
            _preview(found, request.user),
            request.user,
            valid_only=bool(request.POST.get("valid_only")),
        )
    except DomainError as bad:
        messages.error(request, bad.message)
        return redirect("workbench:enforcement_staff:preview", found.pk)
    found.applied_at = timezone.now()
    found.result = counts
    found.content = b""
    found.save(update_fields=["applied_at", "result", "content"])
    messages.success(
        request,
        f"已导入：新增{counts['new']}名，变更{counts['changed']}名，移出{counts['gone']}名"
        + (f"，跳过有误的{counts['skipped']}行" if counts["skipped"] else "")
        + "。",
    )
    return redirect("workbench:enforcement_staff:home")

"""The draft's attachments in the workbench: upload and remove (before publication),
and downloads of attachments and of entries' files for whoever may see the consultation."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST, require_safe

from gongkai.accounts.decorators import staff_required
from gongkai.files.downloads import file_response

from .. import services
from . import forms as f
from .common import visible_consultation
from .detail import DESK


@staff_required
@require_POST
def attach(request, pk: int):
    consultation = visible_consultation(request, pk)
    form = f.AttachForm(request.POST, request.FILES, prefix="attach")

    def call(data):
        made = services.attach_files(consultation, data["files"], actor=request.user)
        return f"已上传{len(made)}个附件。"

    return DESK.run(
        request,
        consultation,
        permission="consultations.edit",
        label="上传附件",
        form=form,
        call=call,
        anchor="files-heading",
        key="attach",
    )


@staff_required
@require_POST
def remove(request, pk: int, file_id: int):
    consultation = visible_consultation(request, pk)

    def call(_data):
        services.remove_file(consultation, file_id, actor=request.user)
        return "已删除附件。"

    return DESK.run(
        request,
        consultation,
        permission="consultations.edit",
        label="删除附件",
        form=f.RemoveFileForm(request.POST),
        call=call,
        anchor="files-heading",
        key="remove_file",
    )


@staff_required
@require_safe
def download(request, pk: int, file_id: int):
    consultation = visible_consultation(request, pk)
    attached = get_object_or_404(
        consultation.current_round().files.select_related("file"), pk=file_id
    )
    return file_response(attached.file)


@staff_required
@require_safe
def entry_file(request, pk: int, entry_id: int, file_id: int):
    consultation = visible_consultation(request, pk)
    entry = get_object_or_404(consultation.current_round().entries, pk=entry_id)
    attached = get_object_or_404(entry.files.select_related("file"), pk=file_id)
    return file_response(attached.file)

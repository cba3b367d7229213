"""The files of a formal notice (告知书): DOCX in the official layout.

``render_notice_files(notice_id)`` is run by a job after the notice is
issued; it is idempotent (a notice that has its files is left alone).
"""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from django.db import transaction

from gongkai.files.kinds import FileKind

from .models import FormalNotice


def notice_docx(notice: FormalNotice) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    department = notice.application.department
    doc = Document()
    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = head.add_run(department.name)
    run.bold = True
    run.font.size = Pt(22)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(notice.title).font.size = Pt(18)
    number = doc.add_paragraph()
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    number.add_run(notice.number)
    for line in notice.body.splitlines():
        doc.add_paragraph(line)
    sign = doc.add_paragraph()
    sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    sign.add_run(f"{department.name}（印章）\n{notice.issued_on:%Y年%m月%d日}")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def render_notice_files(notice_id: int) -> None:
    from gongkai.files.services import store_upload

    notice = FormalNotice.objects.select_related("application__department").get(pk=notice_id)
    if notice.docx_id:
        return
    stored = store_upload(
        ContentFile(notice_docx(notice), name=f"{notice.number}.docx"),
        allowed_kinds=frozenset({FileKind.DOCX}),
    )
    with transaction.atomic():
        FormalNotice.objects.filter(pk=notice.pk, docx__isnull=True).update(docx=stored)

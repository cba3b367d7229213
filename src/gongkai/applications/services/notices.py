"""Issuing formal notices (告知书): numbered, fixed text, DOCX/PDF generated after commit."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai.numbering import next_value, render_pattern

from ..models import Application, FormalNotice, NoticeKind
from .common import rules_for, today


def notice_number(application: Application, on: date) -> str:
    rules = rules_for(application)
    department = application.department
    serial = next_value(f"applications.notice:{department.pk}", str(on.year))
    return render_pattern(
        rules.notice_number_pattern,
        {"机关简称": department.short_name, "年份": on.year, "流水号": serial},
    )


def issue_notice(
    application: Application,
    kind: str,
    *,
    body: str,
    actor,
    on: date | None = None,
    addressee: str | None = None,
    public: bool = True,
) -> FormalNotice:
    """Number and store a notice; its DOCX and PDF are made by a job once committed."""
    from ..jobs import render_notice_files

    on = on or today()
    notice = FormalNotice.objects.create(
        application=application,
        kind=kind,
        number=notice_number(application, on),
        title=NoticeKind(kind).label,
        addressee=addressee or application.name,
        body=body.strip(),
        issued_on=on,
        public=public,
        issued_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    transaction.on_commit(lambda: render_notice_files.enqueue(notice.pk), robust=True)
    return notice

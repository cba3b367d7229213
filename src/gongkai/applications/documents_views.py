"""The reviewer's preview of a reply (答复书) before it is issued: HTML and PDF.

Staff pages under /workbench/applications/ (add ``urlpatterns`` to the
module's staff URLs). Who may see the application (``applications.view``)
may see its preview; others get 404. The preview carries no 文号 — it is given
when the reviewer approves — and is marked as a preview on the page and in the
PDF. The HTML page may be shown in a frame of the workbench (same origin only)
and carries its own Content-Security-Policy: nothing but its one <style>.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_safe

from gongkai import access
from gongkai.accounts.decorators import staff_required
from gongkai.core.errors import DomainError
from gongkai.core.pdf import render_pdf
from gongkai.files.downloads import content_disposition

from . import documents
from .models import Application

PREVIEW_CSP = "; ".join(
    [
        "default-src 'none'",
        "style-src {style}",
        "img-src data:",
        "frame-ancestors 'self'",
        "base-uri 'none'",
        "form-action 'none'",
    ]
)


def _application(request, pk: int) -> Application:
    visible = access.scope(request.user, "applications.view", Application.objects.all())
    return get_object_or_404(visible.select_related("department__government"), pk=pk)


def _refused(error: DomainError) -> HttpResponse:
    return HttpResponse(error.message, status=409, content_type="text/plain; charset=utf-8")


@staff_required
@require_safe
@never_cache
@xframe_options_sameorigin
def reply_preview(request, pk: int):
    application = _application(request, pk)
    try:
        doc = documents.preview_reply_document(application)
    except DomainError as error:
        return _refused(error)
    response = HttpResponse(
        documents.notice_html(doc, screen=True), content_type="text/html; charset=utf-8"
    )
    response["Content-Security-Policy"] = PREVIEW_CSP.format(style=documents.style_hash(doc))
    return response


@staff_required
@require_safe
@never_cache
def reply_preview_pdf(request, pk: int):
    application = _application(request, pk)
    try:
        doc = documents.preview_reply_document(application)
    except DomainError as error:
        return _refused(error)
    pdf = render_pdf(documents.notice_html(doc), what="告知书")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(
        f"答复书预览 {application.tracking_number}.pdf", as_attachment=False
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


urlpatterns = [
    path("<int:pk>/reply-preview/", reply_preview, name="reply_preview"),
    path("<int:pk>/reply-preview.pdf", reply_preview_pdf, name="reply_preview_pdf"),
]

"""What the applicant does online after the lookup: correct, pay, give reasons,
withdraw, and download the agency's notices and disclosed files."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_POST, require_safe

from gongkai.core.errors import DomainError
from gongkai.files.downloads import file_response

from .. import services
from ..models import Application, DeliveryMethod, NoticeKind
from . import session
from .forms import CorrectionForm, PaymentForm, ReasonsForm, WithdrawForm
from .summary import disclosed_files, public_notices, read_download_token
from .views_lookup import status_page


def _action(request, form_class, key: str, run, done: str):
    application = session.verified(request)
    if application is None:
        messages.error(request, "查询已过期，请重新输入受理编号和查询密码后再操作。")
        return redirect("applications_portal:lookup")
    form = form_class(request.POST, request.FILES)
    if form.is_valid():
        try:
            with transaction.atomic():
                run(application, form.cleaned_data)
        except DomainError as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, done)
            return redirect("applications_portal:status")
    return status_page(request, application, {key: form}, status=400)


@require_POST
def correct(request):
    def run(application, data):
        services.receive_correction(
            application, answer=data.get("answer") or "", files=data.get("files") or [], actor=None
        )

    return _action(
        request, CorrectionForm, "correction", run, "补正已提交，答复期限自今日次日起重新计算。"
    )


@require_POST
def pay(request):
    def run(application, data):
        services.declare_payment(
            application, reference=data.get("reference") or "", files=data.get("files") or []
        )

    return _action(
        request, PaymentForm, "payment", run, "已告知受理机关您已缴费，受理机关核实后将继续办理。"
    )


@require_POST
def reasons(request):
    def run(application, data):
        services.record_reasons(application, reasons=data["reasons"], actor=None)

    return _action(request, ReasonsForm, "reasons", run, "理由已提交给受理机关。")


@require_POST
def withdraw(request):
    def run(application, data):
        services.withdraw(application, reason=data.get("reason", ""))

    return _action(request, WithdrawForm, "withdraw", run, "申请已撤回。")


@require_safe
def download(request, token: str):
    """A notice (DOCX/PDF) or a disclosed file of one application, by signed link."""
    parsed = read_download_token(token)
    if parsed is None:
        raise Http404("下载链接无效或已过期，请重新查询后下载。")
    app_id, what, pk, fmt = parsed
    application = Application.objects.filter(pk=app_id).first()
    if application is None:
        raise Http404("下载链接无效。")
    if what == "notice":
        notice = public_notices(application).filter(pk=pk).first()
        stored = getattr(notice, fmt, None) if notice and fmt in ("docx", "pdf") else None
        if stored is None:
            raise Http404("该文书不存在或尚未生成。")
        if notice.kind == NoticeKind.REPLY and application.delivery_method == DeliveryMethod.ONLINE:
            services.mark_downloaded(application)
        return file_response(stored, filename=f"{notice.number}{notice.title}.{fmt}")
    if what == "file":
        found = disclosed_files(application).filter(pk=pk).first()
        if found is None:
            raise Http404("该文件不存在。")
        return file_response(found.file)
    raise Http404("下载链接无效。")

"""The disclosure office's live check of its own site (网站检查), from the records."""

from __future__ import annotations

from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from gongkai import access
from gongkai.accounts.decorators import staff_required
from gongkai.audit.services import client_ip, record
from gongkai.portal.site import site_government

from .. import bulletin as circular
from ..models import MediaUpdate
from ..platform import inspect_platform
from ..tasking import office_target


class MediaForm(forms.Form):
    posted_on = forms.DateField(
        label="最近发布日期",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "请填写最近发布日期。", "invalid": "请按 年-月-日 填写日期。"},
    )

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_posted_on(self):
        day = self.cleaned_data["posted_on"]
        if day > self.today:
            raise forms.ValidationError(f"最近发布日期不能晚于今天（{self.today:%Y-%m-%d}）。")
        return day


@staff_required
@require_safe
def site_check(request):
    government = site_government()
    access.require(request.user, "supervision.inspect", office_target(government))
    today = timezone.localdate()
    report = inspect_platform(government, today)
    may_record = access.can(request.user, "supervision.record_media", office_target(government))
    return render(
        request,
        "supervision/staff/site.html",
        {
            "report": report,
            "government": government,
            "may_record": may_record,
            "office": True,
            "media_form": MediaForm(today=today),
        },
    )


@staff_required
@require_POST
def record_media(request, pk: int):
    """The office enters the day an account last posted (read on its platform)."""
    from gongkai.portal.models import NewMediaAccount

    access.require(request.user, "supervision.record_media", office_target(site_government()))
    account = get_object_or_404(NewMediaAccount, pk=pk, active=True)
    form = MediaForm(request.POST, today=timezone.localdate())
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, f"{account}：{error}")
        return redirect("workbench:supervision_staff:site")
    entry = MediaUpdate.objects.create(
        account=account, posted_on=form.cleaned_data["posted_on"], entered_by=request.user
    )
    record(
        "supervision.media_update",
        actor=request.user,
        obj=entry,
        after={"account": str(account), "posted_on": entry.posted_on},
        ip=client_ip(request),
    )
    messages.success(request, f"已登记{account}最近发布日期：{entry.posted_on:%Y-%m-%d}。")
    return redirect("workbench:supervision_staff:site")


class PeriodForm(forms.Form):
    start = forms.DateField(
        label="起始日期",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "请填写起始日期。", "invalid": "请按 年-月-日 填写日期。"},
    )
    end = forms.DateField(
        label="截止日期",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "请填写截止日期。", "invalid": "请按 年-月-日 填写日期。"},
    )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError("起始日期不能晚于截止日期。")
        return data


def _period(request) -> PeriodForm:
    today = timezone.localdate()
    first = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)  # this quarter
    data = request.GET if "start" in request.GET else {"start": first, "end": today}
    return PeriodForm(data)


@staff_required
@require_safe
def bulletin_page(request):
    government = site_government()
    office = office_target(government)
    access.require(request.user, "supervision.inspect", office)
    form = _period(request)
    doc = None
    if form.is_valid():
        doc = circular.bulletin(
            form.cleaned_data["start"], form.cleaned_data["end"], issuer=_issuer(office)
        )
    return render(
        request, "supervision/staff/bulletin.html", {"form": form, "doc": doc, "office": True}
    )


@staff_required
@require_safe
def bulletin_file(request, kind: str):
    government = site_government()
    office = office_target(government)
    access.require(request.user, "supervision.inspect", office)
    form = _period(request)
    if not form.is_valid():
        return redirect("workbench:supervision_staff:bulletin")
    doc = circular.bulletin(
        form.cleaned_data["start"], form.cleaned_data["end"], issuer=_issuer(office)
    )
    if kind == "pdf":
        body, content_type = circular.pdf_bytes(doc), "application/pdf"
    else:
        body = circular.docx_bytes(doc)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    response = HttpResponse(body, content_type=content_type)
    name = f"网站检查通报-{doc.start:%Y%m%d}-{doc.end:%Y%m%d}.{kind}"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


def _issuer(office) -> str:
    return office.access_department.name if office.access_department else "政务公开办公室"

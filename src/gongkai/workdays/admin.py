"""The holiday calendar in the system administration (系统管理后台).

Administrators with ``calendar.manage`` edit years and special days here. Every
save and delete goes through ``calendar_changes``: audited, and every open
clock is recomputed with the administrator as the actor.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path

from gongkai import access

from . import calendar_changes
from .importing import ImportFormatError, import_arrangement_text, parse_arrangement
from .models import CalendarYear, SpecialDay

MAX_FILE_BYTES = 64 * 1024


class ImportForm(forms.Form):
    """The arrangement typed in, or a UTF-8 text file of it (gongkai.workdays.importing)."""

    text = forms.CharField(
        label="节假日安排",
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "cols": 70, "spellcheck": "false"}),
        help_text="每行一条，如：year 2027 / holiday 2027-01-01 元旦 / workday 2027-02-07 春节。",
    )
    file = forms.FileField(label="或上传文本文件（UTF-8）", required=False)

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload is not None:
            if upload.size > MAX_FILE_BYTES:
                raise forms.ValidationError("文件过大：节假日安排文本不超过64KB。")
            try:
                data["text"] = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError(
                    "文件不是UTF-8编码的文本，请另存为UTF-8后重试。"
                ) from None
            data["filename"] = upload.name
        if not (data.get("text") or "").strip():
            raise forms.ValidationError("请填写或上传节假日安排。")
        return data


class CalendarPermissionMixin:
    def _may(self, request) -> bool:
        return access.can(request.user, "calendar.manage")

    def has_view_permission(self, request, obj=None):
        return self._may(request)

    def has_module_permission(self, request):
        return self._may(request)

    def has_add_permission(self, request):
        return self._may(request)

    def has_change_permission(self, request, obj=None):
        return self._may(request)

    def has_delete_permission(self, request, obj=None):
        return self._may(request)

    def _report(self, request, changed: int) -> None:
        self.message_user(
            request, f"日历已更新，{changed}个未结办理时限的到期日随之调整。", messages.INFO
        )


@admin.register(CalendarYear)
class CalendarYearAdmin(CalendarPermissionMixin, admin.ModelAdmin):
    list_display = ["year", "source", "loaded_at", "note"]
    search_fields = ["year", "source"]
    readonly_fields = ["loaded_at"]
    change_list_template = "admin/workdays/calendaryear/change_list.html"

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name="workdays_calendaryear_import"), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        from .coverage import calendar_warning
        from .engine import get_engine

        extra = {
            "provisional_years": sorted(get_engine().provisional),
            "calendar_warning": calendar_warning(),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context=extra)

    def import_view(self, request):
        """导入节假日安排: check (检查) or import (导入) the State Council's arrangement."""
        if not self._may(request):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        checked = errors = None
        if request.method == "POST" and form.is_valid():
            text, filename = form.cleaned_data["text"], form.cleaned_data.get("filename", "")
            try:
                if "import" in request.POST:
                    result = import_arrangement_text(text, actor=request.user, filename=filename)
                    self.message_user(
                        request,
                        f"已导入{result.year}年节假日安排：放假{result.holidays}个工作日，"
                        f"调休上班{result.workdays}天；{result.clocks_changed}个未结办理时限的"
                        f"到期日随之调整（均有记录）。",
                        messages.SUCCESS,
                    )
                    for note in result.notes:
                        self.message_user(request, note, messages.WARNING)
                    return redirect("admin:workdays_calendaryear_changelist")
                checked = parse_arrangement(text, filename=filename)
            except ImportFormatError as error:
                errors = error.errors
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "导入节假日安排",
            "form": form,
            "checked": checked,
            "errors": errors,
        }
        return TemplateResponse(request, "admin/workdays/calendaryear/import.html", context)

    def save_model(self, request, obj, form, change):
        self._report(request, calendar_changes.save_calendar_year(obj, actor=request.user))

    def delete_model(self, request, obj):
        self._report(request, calendar_changes.delete_calendar_years([obj], actor=request.user))

    def delete_queryset(self, request, queryset):
        self._report(request, calendar_changes.delete_calendar_years(queryset, actor=request.user))


@admin.register(SpecialDay)
class SpecialDayAdmin(CalendarPermissionMixin, admin.ModelAdmin):
    list_display = ["date", "weekday", "kind", "name", "year"]
    list_filter = ["year", "kind"]
    search_fields = ["name", "date"]
    date_hierarchy = "date"
    fields = ["date", "kind", "name"]

    @admin.display(description="星期")
    def weekday(self, obj):
        return "星期" + "一二三四五六日"[obj.date.weekday()]

    def save_model(self, request, obj, form, change):
        self._report(request, calendar_changes.save_special_day(obj, actor=request.user))

    def delete_model(self, request, obj):
        self._report(request, calendar_changes.delete_special_days([obj], actor=request.user))

    def delete_queryset(self, request, queryset):
        self._report(request, calendar_changes.delete_special_days(queryset, actor=request.user))

"""The holiday calendar in the system administration (系统管理后台).

Administrators with ``calendar.manage`` edit years and special days here. Every
save and delete goes through ``calendar_changes``: audited, and every open
clock is recomputed with the administrator as the actor.
"""

from django.contrib import admin, messages

from gongkai import access

from . import calendar_changes
from .models import CalendarYear, SpecialDay


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

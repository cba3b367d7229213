from django.contrib import admin
from django.utils.html import format_html

from gongkai.core.concurrency import VersionedAdminMixin

from .models import NewMediaAccount, SiteProfile


class NewMediaAccountInline(admin.TabularInline):
    model = NewMediaAccount
    extra = 1
    fields = ["name", "platform", "url", "sort_order", "active"]


@admin.register(SiteProfile)
class SiteProfileAdmin(VersionedAdminMixin, admin.ModelAdmin):
    list_display = ["site_name", "government", "site_code", "icp_record"]
    inlines = [NewMediaAccountInline]
    fieldsets = [
        (None, {"fields": ["government", "site_name", "site_code"]}),
        ("备案信息", {"fields": ["icp_record", "police_record", "police_record_code"]}),
        ("主办与联系", {"fields": ["sponsor", "operator", "phone", "email", "address"]}),
    ]

    def has_add_permission(self, request):
        # One row only: the site the platform serves.
        return not SiteProfile.objects.exists() and super().has_add_permission(request)


@admin.register(NewMediaAccount)
class NewMediaAccountAdmin(admin.ModelAdmin):
    list_display = ["name", "platform", "url", "sort_order", "active", "qr_code"]
    list_filter = ["platform", "active"]
    list_editable = ["sort_order", "active"]
    search_fields = ["name", "url"]
    fields = ["profile", "name", "platform", "url", "sort_order", "active"]

    @admin.display(description="二维码")
    def qr_code(self, obj):
        return format_html(
            '<img src="{}" alt="{}二维码" width="96" height="96">', obj.qr_data_uri, obj.label
        )

"""Reference data of the catalogue in the administration (items are edited in the workbench)."""

from django.contrib import admin

from gongkai.core.concurrency import VersionedAdminMixin

from .models import (
    CategoryRequirement,
    ContentCategory,
    DisclosureSettings,
    Genre,
    KeyArea,
    SubjectCategory,
)


@admin.register(SubjectCategory)
class SubjectCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "sort_order", "active"]
    list_editable = ["sort_order", "active"]


@admin.register(Genre)
class GenreAdmin(admin.ModelAdmin):
    list_display = ["name", "sort_order", "active"]
    list_editable = ["sort_order", "active"]


class CategoryRequirementInline(admin.TabularInline):
    model = CategoryRequirement
    extra = 1
    autocomplete_fields = ["department"]


@admin.register(ContentCategory)
class ContentCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "legal_basis", "code", "sort_order", "active"]
    list_filter = ["article", "active"]
    inlines = [CategoryRequirementInline]

    @admin.display(description="法律依据")
    def legal_basis(self, obj):
        return obj.legal_basis


@admin.register(KeyArea)
class KeyAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "responsible_department", "sort_order", "active"]
    autocomplete_fields = ["responsible_department"]


@admin.register(DisclosureSettings)
class DisclosureSettingsAdmin(VersionedAdminMixin, admin.ModelAdmin):
    list_display = [
        "government",
        "index_number_pattern",
        "interpretation_alert_working_days",
        "expiry_warning_months",
    ]


from .api import admin as _api_admin  # noqa: E402, F401 - registers the API token admin

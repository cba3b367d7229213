"""Administration of the inspection: the indicator table, the wording list and the
sites outside the platform with their columns. Probes and inspections are records:
read only."""

from django.contrib import admin

from .models import Indicator, Inspection, Probe, SeriousWording, Site, SiteColumnEntry


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "kind", "label", "threshold", "points", "cap", "confirmed"]
    list_filter = ["kind", "confirmed"]
    readonly_fields = ["code"]
    search_fields = ["code", "label"]

    def has_add_permission(self, request):
        return False  # the rules read these codes: no others

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SeriousWording)
class SeriousWordingAdmin(admin.ModelAdmin):
    list_display = ["wrong", "right", "active"]
    list_filter = ["active"]
    search_fields = ["wrong", "right"]


class ColumnInline(admin.TabularInline):
    model = SiteColumnEntry
    extra = 1


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ["name", "home_url", "government", "with_services", "active"]
    list_filter = ["active", "with_services"]
    search_fields = ["name", "home_url"]
    inlines = [ColumnInline]


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Probe)
class ProbeAdmin(ReadOnly):
    list_display = ["site", "at", "status", "seconds", "failed"]
    list_filter = ["failed", "site"]
    date_hierarchy = "at"


@admin.register(Inspection)
class InspectionAdmin(ReadOnly):
    list_display = ["site", "inspected_on", "score", "passed"]
    list_filter = ["passed", "site"]
    date_hierarchy = "inspected_on"

"""Administration of 行政执法公示's reference data and bodies: the display periods
(公示期限), the enforcement bodies with their random-inspection lists. Officers come
from the import, decisions through the services (clocks, audit)."""

from django.contrib import admin

from .models import DisplayPeriod, EnforcementBody, InspectionItem


@admin.register(DisplayPeriod)
class DisplayPeriodAdmin(admin.ModelAdmin):
    list_display = ["kind", "severity", "field", "min_months", "max_months", "basis"]
    list_filter = ["kind", "severity"]


class InspectionItemInline(admin.TabularInline):
    model = InspectionItem
    extra = 0


@admin.register(EnforcementBody)
class EnforcementBodyAdmin(admin.ModelAdmin):
    list_display = ["name", "government", "department", "kind", "uscc"]
    list_select_related = ["government", "department"]
    list_filter = ["kind"]
    search_fields = ["name", "uscc"]
    raw_id_fields = ["powers"]
    inlines = [InspectionItemInline]

"""Administration of 权责清单's reference data: power types (职权类型), code patterns,
implementing bodies' codes and the publication periods. Powers and adjustments
change only through the import and the adjustment action (workbench)."""

from django.contrib import admin

from .models import BodyCode, PowerListRules, PowerType, PublicationPeriod


@admin.register(PowerType)
class PowerTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "government", "sort_order"]
    list_select_related = ["government"]
    ordering = ["government__path", "sort_order"]


@admin.register(PowerListRules)
class PowerListRulesAdmin(admin.ModelAdmin):
    list_display = ["government", "code_pattern", "body_length", "sequence_digits"]
    list_select_related = ["government"]


@admin.register(BodyCode)
class BodyCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "department"]
    list_select_related = ["department"]
    search_fields = ["code", "department__name"]
    autocomplete_fields = ["department"]


@admin.register(PublicationPeriod)
class PublicationPeriodAdmin(admin.ModelAdmin):
    list_display = ["kind", "working_days", "basis"]

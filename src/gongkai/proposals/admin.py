"""Administration of the handling rules per government and body (办理期限 as data).
Sessions and items change only through the actions and the workbench."""

from django.contrib import admin

from gongkai.core.concurrency import VersionedAdminMixin

from .models import ProposalRules


@admin.register(ProposalRules)
class ProposalRulesAdmin(VersionedAdminMixin, admin.ModelAdmin):
    list_display = [
        "government",
        "body",
        "limit_months",
        "complex_limit_months",
        "co_opinion_days",
        "rehandle_months",
        "max_rehandling",
    ]
    list_filter = ["body"]
    list_select_related = ["government"]

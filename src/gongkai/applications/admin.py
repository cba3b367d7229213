"""Administration: the per-government rules are edited here; applications are read only
(they change only through the workflow in the workbench)."""

from django.contrib import admin

from gongkai.core.concurrency import VersionedAdminMixin

from .models import Application, ApplicationRules, Challenge, FormalNotice


@admin.register(ApplicationRules)
class ApplicationRulesAdmin(VersionedAdminMixin, admin.ModelAdmin):
    list_display = [
        "government",
        "correction_period_days",
        "fee_payment_days",
        "fee_pauses_reply",
        "due_soon_days",
    ]


class ReadOnlyAdmin(admin.ModelAdmin):
    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ["tracking_number", "department", "name", "state", "received_on", "outcome"]
    list_filter = ["state", "channel", "outcome"]
    search_fields = ["tracking_number", "name", "description"]
    list_select_related = ["department"]
    exclude = ["password_hash"]


@admin.register(FormalNotice)
class FormalNoticeAdmin(ReadOnlyAdmin):
    list_display = ["number", "title", "application", "issued_on", "state"]
    search_fields = ["number", "application__tracking_number"]


@admin.register(Challenge)
class ChallengeAdmin(ReadOnlyAdmin):
    list_display = ["application", "kind", "filed_on", "result", "decided_on"]
    list_filter = ["kind", "result"]

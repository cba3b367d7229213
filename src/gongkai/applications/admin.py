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


# -- 告知书版式 (notice layouts): letterhead, signature, contact block per agency --------
from .models.layouts import NoticeLayout  # noqa: E402


@admin.register(NoticeLayout)
class NoticeLayoutAdmin(VersionedAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "government", "department", "letterhead", "issuer_name"]
    list_filter = ["government"]
    list_select_related = ["government", "department"]
    search_fields = ["department__name", "government__name", "letterhead"]
    autocomplete_fields = ["department"]
    fieldsets = [
        (None, {"fields": ["government", "department"]}),
        ("版头与落款", {"fields": ["letterhead", "issuer_name", "seal_caption"]}),
        (
            "联系方式（附注）",
            {"fields": ["contact_office", "contact_address", "contact_phone", "contact_postcode"]},
        ),
        (
            "结束语",
            {
                "fields": [
                    "closing_reply",
                    "closing_correction",
                    "closing_extension",
                    "closing_fee",
                    "closing_consultation",
                    "closing_art35",
                ]
            },
        ),
        ("版记", {"fields": ["copy_to"]}),
    ]

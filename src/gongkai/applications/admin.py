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
from .models.layouts import NoticeLayout, agencies_lacking_remedies  # noqa: E402

NAMES_SHOWN = 12


def _names(departments) -> str:
    names = "、".join(d.name for d in departments[:NAMES_SHOWN])
    more = len(departments) - NAMES_SHOWN
    return names + (f"等{len(departments)}个" if more > 0 else "")


@admin.register(NoticeLayout)
class NoticeLayoutAdmin(VersionedAdminMixin, admin.ModelAdmin):
    list_display = [
        "__str__",
        "government",
        "department",
        "letterhead",
        "issuer_name",
        "reconsideration_body",
        "court",
    ]
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
        (
            "救济途径（答复书）",
            {
                "fields": ["reconsideration_body", "court"],
                "description": (
                    "答复书写明：如对本答复不服，可以自收到本答复之日起六十日内向复议机关申请"
                    "行政复议，或者自收到本答复之日起六个月内向人民法院提起行政诉讼。"
                ),
            },
        ),
    ]

    def changelist_view(self, request, extra_context=None):
        """Warn, above the list, of the agencies whose replies would name no court."""
        from django.contrib import messages

        from gongkai.orgs.models import Department

        if request.method == "GET":
            departments = Department.objects.filter(active=True).select_related(
                "government__parent"
            )
            no_court, no_body = agencies_lacking_remedies(departments)
            if no_court:
                messages.warning(
                    request,
                    f"{len(no_court)}个机关尚未设置管辖法院，答复书将写“有管辖权的人民法院”："
                    f"{_names(no_court)}。请在其政府的默认版式或本机关的版式中填写。",
                )
            if no_body:
                messages.warning(
                    request,
                    f"{len(no_body)}个机关无法确定行政复议机关（上一级政府不在本平台），"
                    f"答复书将只写“依法申请行政复议”：{_names(no_body)}。",
                )
        return super().changelist_view(request, extra_context)

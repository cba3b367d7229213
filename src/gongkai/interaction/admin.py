"""Administration of the message boards' reference data (channels, types, routing rules,
refusal reasons, per-government rules). Messages change only through the workflow."""

from django.contrib import admin

from gongkai.core.concurrency import VersionedAdminMixin

from .models import Channel, InteractionRules, MessageType, RefusalReason, RoutingRule


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "government",
        "kind",
        "office",
        "private_by_nature",
        "staff_recorded",
        "active",
    ]
    list_filter = ["kind", "active", "government"]
    list_select_related = ["government", "office"]


@admin.register(MessageType)
class MessageTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "reply_limit_days", "confidential", "sort_order"]
    list_editable = ["reply_limit_days"]


@admin.register(RefusalReason)
class RefusalReasonAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "is_duplicate", "sort_order"]


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ["order", "message_type", "keywords", "place", "department", "active"]
    list_editable = ["active"]
    list_filter = ["active", "message_type"]
    list_select_related = ["message_type", "place", "department"]
    filter_horizontal = ["co_departments"]
    search_fields = ["keywords", "department__name"]


@admin.register(InteractionRules)
class InteractionRulesAdmin(VersionedAdminMixin, admin.ModelAdmin):
    list_display = [
        "government",
        "sign_for_days",
        "return_days",
        "extension_max_days",
        "rating_days",
    ]

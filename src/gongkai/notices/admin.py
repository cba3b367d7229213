from django.contrib import admin, messages

from .models import Notice, NoticeState
from .services import resend_failed, settle_uncertain


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "channel",
        "recipient",
        "address",
        "subject",
        "state",
        "attempts",
        "created_at",
        "sent_at",
    ]
    list_filter = ["state", "channel", "created_at"]
    search_fields = ["subject", "address", "recipient__username", "recipient__full_name"]
    date_hierarchy = "created_at"
    list_select_related = ["recipient"]
    actions = ["resend", "uncertain_delivered", "uncertain_resend"]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="重新发送所选的发送失败通知", permissions=["change"])
    def resend(self, request, queryset):
        count = resend_failed(
            queryset.filter(state=NoticeState.FAILED).values_list("pk", flat=True),
            actor=request.user,
        )
        self.message_user(request, f"已重新排队发送 {count} 条通知。", messages.SUCCESS)

    @admin.action(description="待人工核实的通知：已核实送达，标记为已发送", permissions=["change"])
    def uncertain_delivered(self, request, queryset):
        count = settle_uncertain(
            queryset.values_list("pk", flat=True), delivered=True, actor=request.user
        )
        self.message_user(request, f"已将 {count} 条通知标记为已发送。", messages.SUCCESS)

    @admin.action(description="待人工核实的通知：已核实未送达，重新发送", permissions=["change"])
    def uncertain_resend(self, request, queryset):
        count = settle_uncertain(
            queryset.values_list("pk", flat=True), delivered=False, actor=request.user
        )
        self.message_user(request, f"已重新排队发送 {count} 条通知。", messages.SUCCESS)

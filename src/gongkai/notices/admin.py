from django.contrib import admin, messages

from .models import Notice, NoticeState
from .services import resend_failed


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
    actions = ["resend"]

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

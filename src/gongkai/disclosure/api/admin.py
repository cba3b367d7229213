"""Administration of the write API's tokens: create (shown once) and revoke.

Imported by ``gongkai.disclosure.admin`` so the admin site registers it.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from gongkai.audit.services import client_ip

from ..api_tokens import (
    ApiToken,
    TokenRefused,
    check_acting_user,
    create_api_token,
    revoke_api_token,
)


class ApiTokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name", "department", "user"]

    def clean(self):
        data = super().clean()
        department, user = data.get("department"), data.get("user")
        if department is not None and user is not None:
            try:
                check_acting_user(user, department)
            except TokenRefused as refused:
                raise ValidationError({"user": refused.message}) from None
        return data


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    form = ApiTokenForm
    list_display = [
        "name",
        "department",
        "user",
        "key_prefix",
        "created_at",
        "last_used_at",
        "status",
    ]
    list_filter = ["department__government"]
    search_fields = ["name", "department__name", "user__username", "user__full_name", "key_prefix"]
    autocomplete_fields = ["department", "user"]
    actions = ["revoke_selected"]
    readonly_fields = [
        "key_prefix",
        "created_at",
        "created_by",
        "last_used_at",
        "revoked_at",
        "revoked_by",
    ]

    @admin.display(description="状态")
    def status(self, obj):
        return "有效" if obj.is_active else "已撤销"

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:  # a token's owner never changes: revoke it and create another
            return ["name", "department", "user", *self.readonly_fields]
        return []

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["name", "department", "user"]
        return ["name", "department", "user", *self.readonly_fields]

    def has_delete_permission(self, request, obj=None):
        return False  # revoked tokens stay, so the audit trail can name them

    def save_model(self, request, obj, form, change):
        if change:
            return
        token, raw = create_api_token(
            actor=request.user,
            department=form.cleaned_data["department"],
            user=form.cleaned_data["user"],
            name=form.cleaned_data["name"],
            ip=client_ip(request),
        )
        obj.pk = token.pk
        obj.refresh_from_db()
        messages.warning(
            request,
            f"接口令牌已创建：{raw} —— 请立即复制并交给调用方系统。此令牌只显示这一次，"
            "系统只保存其摘要，遗失后只能撤销并重新创建。",
        )

    @admin.action(description="撤销所选令牌（立即失效）")
    def revoke_selected(self, request, queryset):
        count = 0
        for token in queryset.filter(revoked_at__isnull=True):
            revoke_api_token(token, actor=request.user, ip=client_ip(request))
            count += 1
        self.message_user(request, f"已撤销 {count} 个接口令牌。", messages.SUCCESS)

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from gongkai.accounts.models import User
from gongkai.core.concurrency import VersionedAdminMixin

from .models import Department, Government, Membership


@admin.register(Government)
class GovernmentAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "full_name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name", "full_name"]
    ordering = ["code"]


@admin.register(Department)
class DepartmentAdmin(VersionedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "short_name", "government", "kind", "uscc", "phone", "active"]
    list_filter = ["government", "kind", "active"]
    search_fields = ["name", "short_name", "uscc"]
    autocomplete_fields = ["parent"]
    fieldsets = [
        (None, {"fields": ["government", "name", "short_name", "kind", "parent", "uscc"]}),
        (
            "对外公开的机构信息",
            {"fields": ["address", "postcode", "phone", "fax", "email", "office_hours", "website"]},
        ),
        ("其他", {"fields": ["active", "sort_order"]}),
    ]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["department"]
    fields = ["department", "role", "active"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "department", "role", "active"]
    list_filter = ["role", "active", "department__government"]
    search_fields = ["user__username", "user__full_name", "department__name"]
    autocomplete_fields = ["user", "department"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "full_name", "mobile", "is_active", "last_login"]
    search_fields = ["username", "full_name", "mobile"]
    ordering = ["username"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        ("个人信息", {"fields": ["full_name", "mobile", "email"]}),
        (
            "状态",
            {"fields": ["is_active", "is_staff", "is_superuser", "last_login", "date_joined"]},
        ),
    ]
    add_fieldsets = [
        (
            None,
            {"classes": ["wide"], "fields": ["username", "full_name", "password1", "password2"]},
        ),
    ]
    readonly_fields = ["last_login", "date_joined"]

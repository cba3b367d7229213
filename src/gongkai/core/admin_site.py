"""The Django admin, entered only with the access policy's ``admin.access``."""

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig


class GongkaiAdminSite(AdminSite):
    site_header = "政务公开平台 · 系统管理"
    site_title = "政务公开平台"
    index_title = "基础数据管理"

    def has_permission(self, request):
        from gongkai import access

        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        if hasattr(user, "is_verified") and _has_device(user) and not user.is_verified():
            return False
        return access.can(user, "admin.access")


def _has_device(user) -> bool:
    from django_otp import user_has_device

    return user_has_device(user)


class GongkaiAdminConfig(AdminConfig):
    default_site = "gongkai.core.admin_site.GongkaiAdminSite"

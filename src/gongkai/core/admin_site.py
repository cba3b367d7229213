"""The Django admin, entered only with the access policy's ``admin.access``."""

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig


class GongkaiAdminSite(AdminSite):
    site_header = "政务公开平台 · 系统管理"
    site_title = "政务公开平台"
    index_title = "基础数据管理"

    def login(self, request, extra_context=None):
        """One login for all staff: the workbench's, with lockout and the TOTP step."""
        from django.contrib.auth import REDIRECT_FIELD_NAME
        from django.contrib.auth.views import redirect_to_login
        from django.core.exceptions import PermissionDenied
        from django.urls import reverse

        if request.user.is_authenticated:
            # Signed in but not allowed here: say so instead of asking again.
            raise PermissionDenied("无权进入系统管理后台。")
        next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index")
        return redirect_to_login(next_url, reverse("accounts:login"))

    def has_permission(self, request):
        from gongkai import access

        user = request.user
        if not user.is_active:
            return False
        if hasattr(user, "is_verified") and _has_device(user) and not user.is_verified():
            return False
        return access.can(user, "admin.access")


def _has_device(user) -> bool:
    from django_otp import user_has_device

    return user_has_device(user)


class GongkaiAdminConfig(AdminConfig):
    default_site = "gongkai.core.admin_site.GongkaiAdminSite"

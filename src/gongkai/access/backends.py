"""Django permissions answered by the access policy.

The Django admin asks ``user.has_perm("app.change_model")``. Rather than keep a
second, per-user set of permission rows, this backend answers from the policy:
whoever may enter the administration (``admin.access``, i.e. the 系统管理员
role) may manage the reference data there. It authenticates no one.
"""

from __future__ import annotations


class PolicyPermissionBackend:
    def authenticate(self, request, **credentials):
        return None

    def get_user(self, user_id):
        return None

    def has_perm(self, user, perm, obj=None) -> bool:
        from gongkai import access

        return bool(user.is_active) and access.can(user, "admin.access")

    def has_module_perms(self, user, app_label) -> bool:
        return self.has_perm(user, f"{app_label}.*")

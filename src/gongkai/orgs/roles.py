"""The staff roles. A person holds roles through memberships ``(department, role)``."""

from django.db import models


class Role(models.TextChoices):
    HANDLER = "handler", "经办人"
    REVIEWER = "reviewer", "审核人"
    CONFIDENTIALITY = "confidentiality", "保密审查员"
    DISCLOSURE_OFFICE = "disclosure_office", "公开办"
    SYSADMIN = "sysadmin", "系统管理员"
    # 监察 (electronic supervision of government services): reads the cases of its
    # government and those under it, changes nothing but supervision cards.
    SUPERVISOR = "supervisor", "监察"


DEPARTMENT_ROLES = frozenset({Role.HANDLER, Role.REVIEWER, Role.CONFIDENTIALITY})

"""Governments, departments and memberships.

A government (行政区划) has a 6-digit division code; a city has counties and
districts under it. Departments belong to one government and may have a parent
department (e.g. a centre under a bureau). Staff hold roles in departments
through memberships; the 公开办 (disclosure office) role held in a department
of a government supervises that government and every government under it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q

from gongkai.core.concurrency import Versioned
from gongkai.core.validators import validate_division_code, validate_phone, validate_uscc

from .roles import Role


class GovernmentLevel(models.TextChoices):
    PROVINCE = "province", "省级"
    CITY = "city", "市级"
    COUNTY = "county", "县级"
    TOWNSHIP = "township", "乡镇级"


class Government(models.Model):
    code = models.CharField(
        "行政区划代码", max_length=6, unique=True, validators=[validate_division_code]
    )
    name = models.CharField("名称", max_length=64, help_text="如 天水市人民政府 所辖的“天水市”")
    full_name = models.CharField("政府全称", max_length=100, help_text="如 天水市人民政府")
    level = models.CharField("层级", max_length=16, choices=GovernmentLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path of division codes ("620000/620500/620502/"), so that
    # "this government and all under it" is one indexed prefix query.
    path = models.CharField(max_length=255, editable=False, db_index=True)

    class Meta:
        verbose_name = "政府（行政区划）"
        verbose_name_plural = "政府（行政区划）"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.path = (self.parent.path if self.parent_id else "") + f"{self.code}/"
        super().save(*args, **kwargs)
        # Keep descendants' paths true if this government moved.
        for child in self.children.all():
            if not child.path.startswith(self.path):
                child.save()

    def subtree_q(self, prefix: str = "") -> Q:
        """A filter for this government and every government under it."""
        return Q(**{f"{prefix}path__startswith": self.path})

    def is_within(self, other: Government) -> bool:
        """True when this government is ``other`` or lies under it."""
        return self.path.startswith(other.path)


class DepartmentType(models.TextChoices):
    GENERAL_OFFICE = "general_office", "政府办公室"
    CONSTITUENT = "constituent", "政府工作部门"
    DIRECT = "direct", "直属机构"
    INSTITUTION = "institution", "直属事业单位"
    AGENCY = "agency", "部门管理机构"
    PUBLIC_SERVICE = "public_service", "公共企事业单位"
    OTHER = "other", "其他"


class Department(Versioned):
    government = models.ForeignKey(
        Government, verbose_name="所属政府", on_delete=models.PROTECT, related_name="departments"
    )
    name = models.CharField("名称", max_length=100)
    short_name = models.CharField("简称", max_length=32)
    uscc = models.CharField(
        "统一社会信用代码", max_length=18, unique=True, validators=[validate_uscc]
    )
    kind = models.CharField("类型", max_length=32, choices=DepartmentType.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    address = models.CharField("办公地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True, validators=[validate_phone])
    fax = models.CharField("传真", max_length=40, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    office_hours = models.CharField(
        "办公时间", max_length=200, blank=True, help_text="如 工作日 8:30-12:00，14:30-18:00"
    )
    website = models.URLField(
        "网站", blank=True, validators=[URLValidator(schemes=["http", "https"])]
    )
    active = models.BooleanField("在用", default=True)
    sort_order = models.PositiveIntegerField("排序", default=100)

    class Meta:
        verbose_name = "部门"
        verbose_name_plural = "部门"
        ordering = ["government__code", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["government", "name"], name="department_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.uscc = self.uscc.strip().upper()
        super().save(*args, **kwargs)

    @property
    def access_department(self) -> Department:
        return self


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="人员",
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    department = models.ForeignKey(
        Department, verbose_name="部门", on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField("角色", max_length=32, choices=Role.choices)
    active = models.BooleanField("有效", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "岗位"
        verbose_name_plural = "岗位"
        ordering = ["department__government__code", "department__sort_order", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "department", "role"], name="membership_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.department.short_name}·{self.get_role_display()}"

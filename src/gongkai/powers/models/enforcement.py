"""行政执法主体 (enforcement bodies), their 随机抽查事项清单 (random-inspection
lists) and 行政执法人员 (enforcement officers).

An officer is *active* on a day when the status is 在岗 (or was changed only that
day: a withdrawal takes effect from the next day), the certificate was issued
on or before that day and expires on or after it. This is computed by date in
``OfficerQuerySet.active(day)``, never by a job that may not have run.

No ID number is stored: the import keeps a salted hash of it (``id_digest``,
``services.officers.id_digest``) only to tell a renumbered certificate of the
same person; it is never shown anywhere.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q

from gongkai.core.validators import validate_uscc


class BodyKind(models.TextChoices):
    AGENCY = "agency", "法定行政机关"
    AUTHORIZED = "authorized", "法律法规授权组织"
    ENTRUSTED = "entrusted", "受委托组织"


class EnforcementBody(models.Model):
    """A 行政执法主体. ``department`` is the department whose staff keep its
    records (the body itself, or the department it sits under); access is
    decided through it (``gongkai.access``)."""

    government = models.ForeignKey(
        "orgs.Government", verbose_name="所属政府", on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        "orgs.Department", verbose_name="主管部门", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("执法主体名称", max_length=100)
    uscc = models.CharField(
        "统一社会信用代码", max_length=18, unique=True, validators=[validate_uscc]
    )
    kind = models.CharField("主体类别", max_length=16, choices=BodyKind.choices)
    basis = models.TextField("执法依据", help_text="执法权限的法律法规依据")
    address = models.CharField("办公地址", max_length=200, blank=True)
    phone = models.CharField("监督电话", max_length=40, blank=True)
    powers = models.ManyToManyField(
        "powers.Power", verbose_name="行使的行政权力", blank=True, related_name="+"
    )
    sort_order = models.PositiveIntegerField("排序", default=100)

    class Meta:
        verbose_name = "行政执法主体"
        verbose_name_plural = "行政执法主体"
        ordering = ["government__path", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["government", "name"], name="enforcement_body_name")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def access_department(self):
        return self.department


class InspectionItem(models.Model):
    """One item of a body's 随机抽查事项清单 (random-inspection list)."""

    body = models.ForeignKey(EnforcementBody, on_delete=models.CASCADE, related_name="inspections")
    position = models.PositiveSmallIntegerField("序号")
    name = models.CharField("抽查事项", max_length=200)
    inspected = models.CharField("检查对象", max_length=200)
    basis = models.TextField("检查依据")
    method = models.CharField("检查方式", max_length=100, blank=True)
    ratio = models.CharField("抽查比例", max_length=60)
    frequency = models.CharField("抽查频次", max_length=60)

    class Meta:
        verbose_name = "随机抽查事项"
        verbose_name_plural = "随机抽查事项"
        ordering = ["body", "position"]

    def __str__(self) -> str:
        return self.name


class OfficerStatus(models.TextChoices):
    ACTIVE = "active", "在岗"
    SUSPENDED = "suspended", "暂扣"
    CANCELLED = "cancelled", "注销"
    REVOKED = "revoked", "吊销"


class OfficerQuerySet(models.QuerySet):
    def active(self, day: date):
        """Officers whose certificate is valid on ``day`` (Beijing date)."""
        still = Q(status=OfficerStatus.ACTIVE) | Q(status_since__gte=day)
        return self.filter(still, issued_on__lte=day, expires_on__gte=day)


class Officer(models.Model):
    body = models.ForeignKey(EnforcementBody, on_delete=models.PROTECT, related_name="officers")
    name = models.CharField("姓名", max_length=40)
    certificate_number = models.CharField("执法证号", max_length=32, unique=True)
    field = models.CharField("执法领域", max_length=60)
    issued_on = models.DateField("发证日期")
    expires_on = models.DateField("有效期至")
    status = models.CharField(
        "证件状态", max_length=16, choices=OfficerStatus.choices, default=OfficerStatus.ACTIVE
    )
    status_since = models.DateField(
        "状态变更日期", null=True, blank=True, help_text="注销、暂扣、吊销自次日起不再显示为有效"
    )
    id_digest = models.CharField(
        "身份证号摘要", max_length=64, blank=True, editable=False, help_text="加盐摘要，不公开"
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = OfficerQuerySet.as_manager()

    class Meta:
        verbose_name = "行政执法人员"
        verbose_name_plural = "行政执法人员"
        ordering = ["body", "name", "certificate_number"]
        indexes = [models.Index(fields=["body", "name"], name="officer_body_name")]

    def __str__(self) -> str:
        return f"{self.name}（{self.certificate_number}）"

    @property
    def access_department(self):
        return self.body.department

    def is_active(self, day: date) -> bool:
        still = self.status == OfficerStatus.ACTIVE or (
            self.status_since is not None and self.status_since >= day
        )
        return still and self.issued_on <= day <= self.expires_on

    def public_status(self, day: date) -> str:
        if self.is_active(day):
            return "有效"
        if self.status != OfficerStatus.ACTIVE and (
            self.status_since is None or self.status_since < day
        ):
            return f"已{self.get_status_display()}"
        if self.expires_on < day:
            return "已过期"
        return "未生效"

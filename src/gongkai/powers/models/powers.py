"""Powers (行政权力), their legal basis (设定依据), responsibility items (责任事项)
and accountability circumstances (追责情形).

History: a power row is one version of an item, valid from ``valid_from`` until
``valid_to`` (exclusive; empty while in force). Adjustments close rows and open
new ones, never edit a closed row, so "the list as it stood on a date" is one
indexed filter (``Power.objects.as_of(day)``) and the current list is
``valid_to IS NULL``.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q


class Level(models.TextChoices):
    CITY = "city", "市级"
    COUNTY = "county", "县级"
    TOWNSHIP = "township", "乡级"


class PowerQuerySet(models.QuerySet):
    def current(self):
        return self.filter(valid_to__isnull=True)

    def as_of(self, day: date):
        """The rows in force on ``day``."""
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day), valid_from__lte=day)


class Power(models.Model):
    government = models.ForeignKey(
        "orgs.Government", verbose_name="政府", on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        "orgs.Department", verbose_name="实施主体", on_delete=models.PROTECT, related_name="+"
    )
    power_type = models.ForeignKey(
        "powers.PowerType", verbose_name="职权类型", on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField("职权编码", max_length=40)
    name = models.CharField("职权名称", max_length=300)
    level = models.CharField("行使层级", max_length=16, choices=Level.choices)
    process = models.TextField("运行流程", blank=True)
    time_limit = models.CharField("办理期限", max_length=200, blank=True)
    fees = models.TextField("收费依据和标准", blank=True)
    phone = models.CharField("监督电话", max_length=40, blank=True)
    valid_from = models.DateField("生效日期")
    valid_to = models.DateField("失效日期", null=True, blank=True)

    objects = PowerQuerySet.as_manager()

    class Meta:
        verbose_name = "行政权力"
        verbose_name_plural = "行政权力"
        ordering = ["code", "valid_from"]
        indexes = [
            models.Index(fields=["government", "valid_to", "valid_from"], name="power_gov_asof"),
            models.Index(fields=["department", "valid_to"], name="power_dept_current"),
            models.Index(fields=["government", "code"], name="power_gov_code"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "code"],
                condition=Q(valid_to__isnull=True),
                name="power_code_once_in_force",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="power_valid_to_after_from",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def in_force(self) -> bool:
        return self.valid_to is None


class LegalBasis(models.Model):
    power = models.ForeignKey(Power, on_delete=models.CASCADE, related_name="bases")
    position = models.PositiveSmallIntegerField("序号")
    law = models.CharField("法律法规名称", max_length=200)
    article = models.CharField("条款", max_length=100, blank=True)
    text = models.TextField("条文内容", blank=True)

    class Meta:
        verbose_name = "设定依据"
        verbose_name_plural = "设定依据"
        ordering = ["power", "position"]

    def __str__(self) -> str:
        return f"《{self.law}》{self.article}"


class Responsibility(models.Model):
    power = models.ForeignKey(Power, on_delete=models.CASCADE, related_name="responsibilities")
    position = models.PositiveSmallIntegerField("序号")
    name = models.CharField("责任事项", max_length=300)
    content = models.TextField("责任内容", blank=True)

    class Meta:
        verbose_name = "责任事项"
        verbose_name_plural = "责任事项"
        ordering = ["power", "position"]

    def __str__(self) -> str:
        return self.name


class Accountability(models.Model):
    responsibility = models.ForeignKey(
        Responsibility, on_delete=models.CASCADE, related_name="accountabilities"
    )
    position = models.PositiveSmallIntegerField("序号")
    text = models.TextField("追责情形")

    class Meta:
        verbose_name = "追责情形"
        verbose_name_plural = "追责情形"
        ordering = ["responsibility", "position"]

    def __str__(self) -> str:
        return self.text[:40]

"""The reference data of 权责清单, kept as data: power types (职权类型), code
patterns, implementing bodies' codes and the publication periods of ``rules``."""

from __future__ import annotations

import re
import string

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

SEQUENCE_DIGITS = 4


class PowerType(models.Model):
    """A 职权类型 (power type). Rows without a government are the national ten;
    a government (usually a province) adds its own (e.g. 行政监督), which apply to
    it and every government under it."""

    government = models.ForeignKey(
        "orgs.Government",
        verbose_name="适用地区",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="留空为全国通用类型",
    )
    abbreviation = models.CharField(
        "类型简码",
        max_length=4,
        validators=[RegexValidator(r"^[A-Z]{2,4}$", "类型简码应为2至4个大写字母")],
    )
    name = models.CharField("类型名称", max_length=20)
    sort_order = models.PositiveSmallIntegerField("排序", default=100)

    class Meta:
        verbose_name = "职权类型"
        verbose_name_plural = "职权类型"
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "abbreviation"], name="power_type_abbreviation_once"
            ),
            models.UniqueConstraint(fields=["government", "name"], name="power_type_name_once"),
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def table_for(cls, government) -> list[PowerType]:
        """The types a government may use: the national ones and those of it and above."""
        ancestors = [code for code in government.path.split("/") if code]
        return list(
            cls.objects.filter(
                Q(government__isnull=True) | Q(government__code__in=ancestors)
            ).order_by("sort_order", "pk")
        )


class PublicationPeriod(models.Model):
    """The working days of a 公示 rule (see ``gongkai.powers.rules``)."""

    kind = models.CharField("决定类别", max_length=16, unique=True)
    working_days = models.PositiveSmallIntegerField("工作日数")
    basis = models.CharField("依据", max_length=200)

    class Meta:
        verbose_name = "公示时限"
        verbose_name_plural = "公示时限"

    def __str__(self) -> str:
        return f"{self.kind}：{self.working_days}个工作日"


class PowerListRules(models.Model):
    """How a government numbers its powers (职权编码).

    The pattern names three parts: ``{body}`` the implementing body's code
    (办理主体编码, ``body_length`` characters), ``{type}`` the type's abbreviation
    and ``{seq}`` a zero-padded sequence of ``sequence_digits``. The 武山县
    pattern ``{body}-{type}-{seq}`` gives ``62052400MZ-XK-0001``.
    """

    government = models.OneToOneField(
        "orgs.Government", verbose_name="政府", on_delete=models.CASCADE, related_name="+"
    )
    code_pattern = models.CharField("编码规则", max_length=60, default="{body}-{type}-{seq}")
    body_length = models.PositiveSmallIntegerField("办理主体编码位数", default=10)
    sequence_digits = models.PositiveSmallIntegerField("顺序号位数", default=SEQUENCE_DIGITS)

    class Meta:
        verbose_name = "权责清单编码规则"
        verbose_name_plural = "权责清单编码规则"

    def __str__(self) -> str:
        return f"{self.government.name}：{self.code_pattern}"

    @classmethod
    def for_government(cls, government) -> PowerListRules:
        found = cls.objects.filter(government=government).first()
        return found or cls(government=government)

    def regex(self, type_abbreviation: str) -> re.Pattern:
        parts = {
            "body": f"(?P<body>[0-9A-Z]{{{self.body_length}}})",
            "type": re.escape(type_abbreviation),
            "seq": f"(?P<seq>[0-9]{{{self.sequence_digits}}})",
        }
        pattern = ""
        for literal, field, _spec, _conv in string.Formatter().parse(self.code_pattern):
            pattern += re.escape(literal)
            if field:
                pattern += parts[field]
        return re.compile(f"^{pattern}$")

    def format(self, body: str, type_abbreviation: str, sequence: int) -> str:
        return self.code_pattern.format(
            body=body, type=type_abbreviation, seq=f"{sequence:0{self.sequence_digits}d}"
        )


class BodyCode(models.Model):
    """A department's 办理主体编码 (e.g. 武山县民政局 ``62052400MZ``)."""

    department = models.OneToOneField(
        "orgs.Department", verbose_name="部门", on_delete=models.CASCADE, related_name="+"
    )
    code = models.CharField(
        "办理主体编码",
        max_length=20,
        unique=True,
        validators=[RegexValidator(r"^[0-9A-Z]+$", "办理主体编码由数字和大写字母组成")],
    )

    class Meta:
        verbose_name = "办理主体编码"
        verbose_name_plural = "办理主体编码"

    def __str__(self) -> str:
        return self.code

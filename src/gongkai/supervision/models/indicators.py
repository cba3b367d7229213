"""The inspection indicators as data (国办秘函〔2019〕19号, 政府网站与政务新媒体检查指标).

Each row is one indicator: a single-veto item (单项否决) with its threshold, or a
deduction (扣分) with points per finding and a cap. The rules in
``gongkai.supervision.rules`` read them by code; the values the national text
leaves open (how long is 长期未更新, points per broken link) are rows an
administrator can change, seeded with the defaults in ``DEFAULTS``.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models


class IndicatorKind(models.TextChoices):
    VETO = "veto", "单项否决"
    DEDUCTION = "deduction", "扣分"
    SCORING = "scoring", "计分规则"


class Indicator(models.Model):
    code = models.SlugField("代码", max_length=40, unique=True)
    kind = models.CharField("类别", max_length=16, choices=IndicatorKind.choices)
    label = models.CharField("指标", max_length=100)
    threshold = models.DecimalField(
        "阈值", max_digits=8, decimal_places=3, help_text="含义见说明，如天数、个数、比例"
    )
    points = models.DecimalField("每项扣分", max_digits=5, decimal_places=2, default=Decimal(0))
    cap = models.DecimalField("扣分上限", max_digits=5, decimal_places=2, default=Decimal(0))
    explanation = models.CharField("说明", max_length=300)
    confirmed = models.BooleanField(
        "已核实", default=True, help_text="否：国家文本未给出确切数值，此为可调整的默认值"
    )

    class Meta:
        verbose_name = "检查指标"
        verbose_name_plural = "检查指标"
        ordering = ["kind", "code"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.label}"


class SeriousWording(models.Model):
    """A serious wording error (严重表述错误) the inspection looks for in a site's text:
    the wrong form, and the right one shown beside it in the finding."""

    wrong = models.CharField("错误表述", max_length=100, unique=True)
    right = models.CharField("正确表述", max_length=100)
    active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "严重表述错误"
        verbose_name_plural = "严重表述错误"
        ordering = ["wrong"]

    def __str__(self) -> str:
        return f"{self.wrong} → {self.right}"

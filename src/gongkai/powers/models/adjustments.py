"""Adjustments (清单调整) of a government's list: each records the decision
document (文号), its date and the powers it changed, item by item. The year's
取消调整和下放的行政审批事项 is read from these rows."""

from __future__ import annotations

from django.db import models


class AdjustmentKind(models.TextChoices):
    ADD = "add", "新增"
    CANCEL = "cancel", "取消"
    DEVOLVE = "devolve", "下放"
    AMEND = "amend", "调整"
    MERGE = "merge", "合并"


class Adjustment(models.Model):
    government = models.ForeignKey(
        "orgs.Government", verbose_name="政府", on_delete=models.PROTECT, related_name="+"
    )
    document_number = models.CharField("决定文号", max_length=60)
    document_title = models.CharField("决定名称", max_length=200)
    decided_on = models.DateField("决定日期")
    effective_on = models.DateField("生效日期")
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "清单调整"
        verbose_name_plural = "清单调整"
        ordering = ["-effective_on", "-pk"]
        indexes = [models.Index(fields=["government", "decided_on"], name="adjustment_gov_day")]

    def __str__(self) -> str:
        return f"{self.document_title}（{self.document_number}）"


class AdjustmentItem(models.Model):
    adjustment = models.ForeignKey(Adjustment, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField("调整方式", max_length=16, choices=AdjustmentKind.choices)
    before = models.ForeignKey(
        "powers.Power",
        verbose_name="调整前",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ended_by",
    )
    after = models.ForeignKey(
        "powers.Power",
        verbose_name="调整后",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="started_by",
    )
    recipient = models.CharField("下放至", max_length=200, blank=True)
    note = models.CharField("调整说明", max_length=300, blank=True)

    class Meta:
        verbose_name = "调整事项"
        verbose_name_plural = "调整事项"
        ordering = ["adjustment", "pk"]

    def __str__(self) -> str:
        power = self.before or self.after
        return f"{self.get_kind_display()}：{power.name if power else ''}"

    @property
    def power(self):
        return self.before or self.after

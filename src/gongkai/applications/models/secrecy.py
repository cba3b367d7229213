"""保密审查 (secrecy review) of a reply that releases information (条例 Art. 17).

Each review of a drafted reply leaves a row (who, when, the conclusion, the
note); rows are never changed. ``Application.secrecy_review`` points at the
passed review of the draft now in review and is cleared when a draft is
submitted again, so an approval always rests on a review of what it issues.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from .applications import Application


class SecrecyConclusion(models.TextChoices):
    PASSED = "passed", "通过：不涉及国家秘密及其他不得公开的内容，同意按拟答复公开"
    RETURNED = "returned", "不通过：退回经办人修改"


class SecrecyReview(models.Model):
    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.CASCADE, related_name="secrecy_reviews"
    )
    outcome = models.CharField("审查的拟答复结果", max_length=40)
    conclusion = models.CharField("审查结论", max_length=16, choices=SecrecyConclusion.choices)
    note = models.TextField("审查意见", blank=True)
    on = models.DateField("审查日期")
    at = models.DateTimeField("记录时间", default=timezone.now)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="保密审查员",
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "答复保密审查"
        verbose_name_plural = "答复保密审查"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.application.tracking_number} 保密审查：{self.get_conclusion_display()}"

    @property
    def passed(self) -> bool:
        return self.conclusion == SecrecyConclusion.PASSED

    @property
    def outcome_display(self) -> str:
        from .taxonomy import outcome_label

        return outcome_label(self.outcome) if self.outcome else ""

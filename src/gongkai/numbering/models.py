from django.db import models


class Sequence(models.Model):
    """The last value handed out for a scope (e.g. one agency's index numbers) and period."""

    scope = models.CharField("编号范围", max_length=100)
    period = models.CharField(
        "期间", max_length=20, blank=True, help_text="如年份 2026；不分期为空"
    )
    last_value = models.PositiveBigIntegerField("已发放至", default=0)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "编号序列"
        verbose_name_plural = "编号序列"
        constraints = [
            models.UniqueConstraint(fields=["scope", "period"], name="sequence_scope_period_unique")
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.period}: {self.last_value}"

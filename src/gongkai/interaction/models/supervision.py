"""督办 (supervision) marks: which reminder or escalation a deadline has already had."""

from django.db import models
from django.utils import timezone


class SupervisionPoint(models.TextChoices):
    DUE_SOON = "due_soon", "临期提醒"
    DUE_TODAY = "due_today", "到期提醒"
    OVERDUE = "overdue", "超期催办"
    ESCALATED = "escalated", "提请部门负责人督办"


class SupervisionMark(models.Model):
    """One reminder or escalation of one reply clock, recorded so it is sent once."""

    message = models.ForeignKey(
        "interaction.Message",
        verbose_name="留言",
        on_delete=models.CASCADE,
        related_name="supervision",
    )
    clock = models.ForeignKey(
        "workdays.Clock", verbose_name="时限", on_delete=models.CASCADE, related_name="+"
    )
    point = models.CharField("督办节点", max_length=16, choices=SupervisionPoint.choices)
    on = models.DateField("日期")
    at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "督办记录"
        verbose_name_plural = "督办记录"
        ordering = ["on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["clock", "point"], name="supervision_once_per_point"),
        ]

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d} {self.get_point_display()}"

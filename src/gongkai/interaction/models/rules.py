"""Per-government settings of the message boards (the 办理工作规定 as data)."""

from django.db import models

from gongkai.core.concurrency import Versioned


class InteractionRules(Versioned):
    government = models.OneToOneField(
        "orgs.Government",
        verbose_name="政府",
        on_delete=models.CASCADE,
        related_name="interaction_rules",
    )
    sign_for_days = models.PositiveSmallIntegerField("签收时限（工作日）", default=1)
    return_days = models.PositiveSmallIntegerField("交办有误退回时限（工作日）", default=2)
    extension_max_days = models.PositiveSmallIntegerField(
        "延期最多（工作日）", default=10, help_text="每件留言只能申请延期一次"
    )
    due_soon_days = models.PositiveSmallIntegerField("临期提醒（工作日）", default=2)
    escalate_after_days = models.PositiveSmallIntegerField(
        "超期后提请部门负责人督办（工作日）", default=0, help_text="0 表示超期当日即督办"
    )
    rating_days = models.PositiveSmallIntegerField(
        "评价期限（工作日）", default=10, help_text="答复后留言人未评价的，期满自动办结"
    )
    duplicate_window_minutes = models.PositiveSmallIntegerField(
        "重复提交判定时长（分钟）", default=10
    )

    class Meta:
        verbose_name = "留言办理设置"
        verbose_name_plural = "留言办理设置"

    def __str__(self) -> str:
        return f"{self.government.name}留言办理设置"

    @classmethod
    def for_government(cls, government):
        return cls.objects.filter(government=government).first() or cls(government=government)

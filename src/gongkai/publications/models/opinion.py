"""舆情回应 (responses to public opinion): the response limits in hours, as data."""

from __future__ import annotations

from django.db import models


class OpinionLevel(models.TextChoices):
    MAJOR = "major", "重大突发事件"
    HOT = "hot", "一般热点"


class ResponseLimit(models.Model):
    """How many hours after an event is known a kind of response is due (自然小时:
    nights and holidays count), 国办发〔2016〕61号 and 80号."""

    level = models.CharField("级别", max_length=16, choices=OpinionLevel.choices)
    kind = models.SlugField(
        "回应方式代码", max_length=40, help_text="如 information、press_conference、response"
    )
    label = models.CharField("回应方式", max_length=60)
    hours = models.PositiveSmallIntegerField("时限（小时）")
    basis = models.CharField("依据", max_length=200)

    class Meta:
        verbose_name = "舆情回应时限"
        verbose_name_plural = "舆情回应时限"
        ordering = ["level", "hours"]
        constraints = [
            models.UniqueConstraint(fields=["level", "kind"], name="response_limit_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()}：{self.label}{self.hours}小时"

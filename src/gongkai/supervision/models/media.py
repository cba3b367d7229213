"""政务新媒体 (government new-media accounts): the day of each account's last post,
entered by the office (their platforms cannot be read from here), kept as a history."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class MediaUpdate(models.Model):
    account = models.ForeignKey(
        "portal.NewMediaAccount",
        verbose_name="新媒体账号",
        on_delete=models.CASCADE,
        related_name="+",
    )
    posted_on = models.DateField("最近发布日期")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "新媒体更新登记"
        verbose_name_plural = "新媒体更新登记"
        ordering = ["-entered_at", "-id"]
        indexes = [models.Index(fields=["account", "-entered_at"], name="media_update_latest_idx")]

    def __str__(self) -> str:
        return f"{self.account} {self.posted_on}"

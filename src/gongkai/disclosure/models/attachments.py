"""Attachments (附件) of an item: stored files from ``gongkai.files``, in order."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ItemAttachment(models.Model):
    item = models.ForeignKey(
        "disclosure.InformationItem",
        verbose_name="政府信息",
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.ForeignKey(
        "files.StoredFile", verbose_name="文件", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("附件名称", max_length=200)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    added_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.title

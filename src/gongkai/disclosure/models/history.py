"""Published versions of an item: one row per publication or correction (更正)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class VersionKind(models.TextChoices):
    PUBLISHED = "published", "首次发布"
    CORRECTED = "corrected", "更正"
    VALIDITY = "validity", "有效性变更"


class ItemVersion(models.Model):
    """A snapshot of the public fields as they stood from ``at`` on.

    Rows are only appended: the public page lists them as the change history,
    and ``revision`` 1 is what was first published.
    """

    item = models.ForeignKey(
        "disclosure.InformationItem",
        verbose_name="政府信息",
        on_delete=models.PROTECT,
        related_name="versions",
    )
    revision = models.PositiveIntegerField("版本号")
    kind = models.CharField("类型", max_length=16, choices=VersionKind.choices)
    reason = models.TextField("说明", blank=True)
    snapshot = models.JSONField("内容快照")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # When this version became public: the publication's or correction's own time.
    at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "发布版本"
        verbose_name_plural = "发布版本"
        ordering = ["item", "revision"]
        constraints = [
            models.UniqueConstraint(fields=["item", "revision"], name="item_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.item} 第{self.revision}版（{self.get_kind_display()}）"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("发布版本只能追加，不能修改。")
        super().save(*args, **kwargs)

"""Append-only history of workflow transitions: the latest row is the current state's origin."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class StateChange(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    subject = GenericForeignKey("content_type", "object_id")
    workflow = models.CharField("流程", max_length=80)
    action = models.CharField("操作", max_length=40)
    from_state = models.CharField("原状态", max_length=40)
    to_state = models.CharField("新状态", max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    comment = models.TextField("意见", blank=True)
    # When the transition happened: now, unless the caller replays a past one (``apply(at=)``).
    at = models.DateTimeField("时间", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "流程记录"
        verbose_name_plural = "流程记录"
        ordering = ["id"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="statechange_subject_idx")
        ]

    def __str__(self) -> str:
        return f"{self.workflow}.{self.action}: {self.from_state} → {self.to_state}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("流程记录只能追加，不能修改。")
        super().save(*args, **kwargs)

    @classmethod
    def history_of(cls, obj):
        ct = ContentType.objects.get_for_model(obj)
        return cls.objects.filter(content_type=ct, object_id=str(obj.pk)).select_related("actor")

"""The audit trail: append-only, hash-chained events.

Each event stores the hash of the event before it and its own hash over its
content and that link, an HMAC keyed with ``settings.AUDIT_KEY`` (``key_id``
names the key; events written before keys existed have none and a plain
SHA-256). ``ChainHead`` holds the number of events and the last hash, so
removing the newest rows is detected as well as altering or removing one in
the middle; daily signed heads kept outside the database (``anchors``) catch a
rewrite by someone who also holds the key. ``gongkai audit verify`` walks the
chain.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

GENESIS_HASH = "0" * 64


class AppendOnlyError(Exception):
    pass


class AuditEvent(models.Model):
    at = models.DateTimeField("时间", db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
    )
    # Who acted, as written at the time: survives renames of the account.
    actor_label = models.CharField("操作人（记录时）", max_length=150)
    action = models.CharField("动作", max_length=80, db_index=True)
    object_type = models.CharField("对象类型", max_length=80, blank=True)
    object_id = models.CharField("对象编号", max_length=64, blank=True)
    object_repr = models.CharField("对象", max_length=255, blank=True)
    before = models.JSONField("变更前", null=True, blank=True)
    after = models.JSONField("变更后", null=True, blank=True)
    ip = models.GenericIPAddressField("IP", null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    # Which key made ``hash`` (gongkai.audit.keys.key_id); NULL: an unkeyed
    # SHA-256 from before the chain was keyed. Nullable so that adding it is a
    # plain ADD COLUMN that keeps the append-only trigger.
    key_id = models.CharField("密钥标识", max_length=16, null=True, blank=True)  # noqa: DJ001

    class Meta:
        verbose_name = "审计事件"
        verbose_name_plural = "审计日志"
        ordering = ["id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_label} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("审计事件只能追加，不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("审计事件只能追加，不能删除。")


class ChainHead(models.Model):
    """One row: how many events the chain holds and the hash of the newest."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    count = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = "审计链头"

    def __str__(self) -> str:
        return f"{self.count} events, last {self.last_hash[:12]}"

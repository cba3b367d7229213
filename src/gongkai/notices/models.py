"""The notices outbox.

A ``Notice`` row is written in the same transaction as the change it reports
(``services.send_notice``); email and SMS rows are then delivered by a job
(``jobs.deliver_notice``), in-app rows are delivered by being written. The row
is also the record of what was sent to whom, and when.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone


class NoticeChannel(models.TextChoices):
    EMAIL = "email", "邮件"
    SMS = "sms", "短信"
    INAPP = "inapp", "站内"


class NoticeState(models.TextChoices):
    PENDING = "pending", "待发送"
    SENDING = "sending", "发送中"
    SENT = "sent", "已发送"
    FAILED = "failed", "发送失败"
    # A send was interrupted and the provider cannot say whether it accepted
    # the message: a person decides, rather than the citizen getting it twice.
    UNCERTAIN = "uncertain", "待人工核实"


class Notice(models.Model):
    channel = models.CharField("渠道", max_length=8, choices=NoticeChannel.choices)
    # Staff get in-app notices (and may get email/SMS); citizens have no
    # account and are reached by address only.
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="接收人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notices",
        db_index=False,  # the inbox indexes below start with recipient
    )
    address = models.CharField("地址", max_length=254, blank=True, help_text="电子邮箱或手机号码")
    subject = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    url = models.CharField("链接", max_length=500, blank=True)
    state = models.CharField(
        "状态", max_length=10, choices=NoticeState.choices, default=NoticeState.PENDING
    )
    # The client reference given to the provider with every attempt (SMS
    # reference, e-mail Message-ID): after an interrupted send, the provider
    # is asked whether it accepted this reference before anything is resent.
    reference = models.UUIDField("发送参考号", default=uuid.uuid4, unique=True, editable=False)
    attempts = models.PositiveSmallIntegerField("发送次数", default=0)
    last_error = models.TextField("最近一次错误", blank=True)
    provider_message_id = models.CharField("发送方消息编号", max_length=128, blank=True)
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    # When and by which job worker the row was claimed (state sending). A
    # claim whose worker is gone (its lease expired), or older than
    # delivery.STUCK_AFTER, is taken over by asking the provider first.
    claimed_at = models.DateTimeField("开始发送时间", null=True, blank=True)
    claimed_by = models.CharField("发送进程", max_length=64, blank=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)
    read_at = models.DateTimeField("阅读时间", null=True, blank=True)
    content_type = models.ForeignKey(
        ContentType, verbose_name="相关对象类型", null=True, blank=True, on_delete=models.PROTECT
    )
    object_id = models.CharField("相关对象编号", max_length=64, blank=True)
    related = GenericForeignKey("content_type", "object_id")

    class Meta:
        verbose_name = "通知"
        verbose_name_plural = "通知"
        ordering = ["-created_at", "-id"]
        indexes = [
            # The sweep: pending rows by age, sending rows by claim time.
            models.Index(
                fields=["state", "created_at"],
                name="notice_outbox_idx",
                condition=Q(state__in=["pending", "sending"]),
            ),
            # A user's in-app inbox, newest first; and the unread ones.
            models.Index(fields=["recipient", "channel", "-created_at"], name="notice_inbox_idx"),
            models.Index(
                fields=["recipient", "-created_at"],
                name="notice_unread_idx",
                condition=Q(channel="inapp", read_at__isnull=True),
            ),
            models.Index(fields=["content_type", "object_id"], name="notice_related_idx"),
        ]

    def __str__(self) -> str:
        return f"[{self.get_channel_display()}] {self.subject}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

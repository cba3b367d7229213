"""What the public sends and how the department answers it.

* ``Comment`` — an opinion on a round, on one clause of the draft or on the
  whole; moderated (审核) before it can appear; the participant's name, phone
  and email are never public.
* ``Entry`` — a submission to a call (应征作品/方案/名称) with its files;
  entries the department shortlists (入围) can go to a public vote.
* ``Vote`` — one per phone per round, the phone checked by an SMS code
  (``PhoneCode``).
* ``FeedbackGroup`` — the department's grouping of the comments (归类) with
  its decision: 采纳 (adopted) / 部分采纳 (partly adopted) / 未采纳 (not
  adopted) and the reason. Groups are suggested by text similarity
  (``grouping``) and confirmed by a person.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.core.concurrency import Versioned

from .consultations import Clause, Round


class Moderation(models.TextChoices):
    PENDING = "pending", "待审核"
    APPROVED = "approved", "已通过"
    REJECTED = "rejected", "不予采用"  # abuse, advertising, unrelated: kept, never shown


class Outcome(models.TextChoices):
    ADOPTED = "adopted", "采纳"
    PARTLY = "partly", "部分采纳"
    NOT_ADOPTED = "not_adopted", "未采纳"


class Participation(models.Model):
    """What comments and entries share: who sent it, when, and the moderation."""

    name = models.CharField("姓名", max_length=50)
    phone = models.CharField("联系电话", max_length=20, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    wants_public = models.BooleanField("同意公开", default=True)
    moderation = models.CharField(
        "审核", max_length=10, choices=Moderation.choices, default=Moderation.PENDING
    )
    moderation_note = models.CharField("审核说明", max_length=200, blank=True)
    moderated_at = models.DateTimeField("审核时间", null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField("提交时间", default=timezone.now, db_index=True)
    source_ip = models.GenericIPAddressField("来源地址", null=True, blank=True)
    idempotency_key = models.CharField("提交标识", max_length=64, blank=True)
    # SHA-256 of the whole request made under ``idempotency_key`` (every field and
    # attachment): the key replays only that request (gongkai.core.idempotency).
    request_fingerprint = models.CharField("请求指纹", max_length=64, blank=True)
    fingerprint = models.CharField("内容指纹", max_length=64, db_index=True)

    class Meta:
        abstract = True

    @property
    def shown(self) -> bool:
        """May the public see it?"""
        return self.moderation == Moderation.APPROVED and self.wants_public


class FeedbackGroup(Versioned):
    round = models.ForeignKey(
        Round, verbose_name="轮次", on_delete=models.CASCADE, related_name="groups"
    )
    position = models.PositiveIntegerField("顺序", default=0)
    title = models.CharField("意见概要", max_length=200)
    clause = models.ForeignKey(
        Clause,
        verbose_name="涉及条款",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    outcome = models.CharField("采纳情况", max_length=12, choices=Outcome.choices, blank=True)
    reason = models.TextField("理由", blank=True)
    suggested = models.BooleanField(
        "系统建议", default=False, help_text="按文本相似度自动归类，尚待人工确认"
    )
    confirmed_at = models.DateTimeField("确认时间", null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="确认人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "意见归类"
        verbose_name_plural = "意见归类"
        ordering = ["round", "position", "id"]

    def __str__(self) -> str:
        return self.title


class Comment(Participation):
    round = models.ForeignKey(
        Round, verbose_name="轮次", on_delete=models.PROTECT, related_name="comments"
    )
    clause = models.ForeignKey(
        Clause,
        verbose_name="条款",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="comments",
        help_text="空：对草案的整体意见",
    )
    text = models.TextField("意见")
    group = models.ForeignKey(
        FeedbackGroup,
        verbose_name="归类",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )

    class Meta:
        verbose_name = "公众意见"
        verbose_name_plural = "公众意见"
        ordering = ["submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="comment_idempotency_key",
            ),
        ]
        indexes = [models.Index(fields=["round", "moderation"], name="comment_round_mod_idx")]

    def __str__(self) -> str:
        return self.text[:30]


class Entry(Participation, Versioned):
    round = models.ForeignKey(
        Round, verbose_name="轮次", on_delete=models.PROTECT, related_name="entries"
    )
    title = models.CharField("作品名称", max_length=100)
    description = models.TextField("作品说明")
    shortlisted = models.BooleanField("入围", default=False)
    ballot_number = models.PositiveSmallIntegerField("投票编号", null=True, blank=True)
    outcome = models.CharField("采纳情况", max_length=12, choices=Outcome.choices, blank=True)
    reason = models.TextField("理由", blank=True)

    class Meta:
        verbose_name = "应征作品"
        verbose_name_plural = "应征作品"
        ordering = ["submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="entry_idempotency_key",
            ),
            models.UniqueConstraint(
                fields=["round", "ballot_number"],
                condition=models.Q(ballot_number__isnull=False),
                name="entry_ballot_number",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class EntryFile(models.Model):
    entry = models.ForeignKey(
        Entry, verbose_name="作品", on_delete=models.CASCADE, related_name="files"
    )
    file = models.ForeignKey("files.StoredFile", verbose_name="文件", on_delete=models.PROTECT)

    class Meta:
        verbose_name = "作品附件"
        verbose_name_plural = "作品附件"
        ordering = ["id"]

    def __str__(self) -> str:
        return str(self.file_id)


class Vote(models.Model):
    round = models.ForeignKey(
        Round, verbose_name="轮次", on_delete=models.PROTECT, related_name="votes"
    )
    entry = models.ForeignKey(
        Entry, verbose_name="作品", on_delete=models.PROTECT, related_name="votes"
    )
    phone = models.CharField("手机号", max_length=20)
    cast_at = models.DateTimeField("投票时间", default=timezone.now)
    source_ip = models.GenericIPAddressField("来源地址", null=True, blank=True)

    class Meta:
        verbose_name = "投票"
        verbose_name_plural = "投票"
        constraints = [
            models.UniqueConstraint(fields=["round", "phone"], name="one_vote_per_phone"),
        ]

    def __str__(self) -> str:
        return f"{self.entry} ← {self.phone[-4:]}"


class PhoneCode(models.Model):
    """An SMS code proving that a voter holds the phone (hashed; a few tries; minutes long)."""

    phone = models.CharField("手机号", max_length=20)
    purpose = models.CharField("用途", max_length=40)
    code_hash = models.CharField("验证码（散列）", max_length=128)
    created_at = models.DateTimeField("发送时间", default=timezone.now)
    expires_at = models.DateTimeField("失效时间")
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    used_at = models.DateTimeField("使用时间", null=True, blank=True)

    class Meta:
        verbose_name = "短信验证码"
        verbose_name_plural = "短信验证码"
        indexes = [models.Index(fields=["phone", "purpose"], name="phonecode_phone_idx")]

    def __str__(self) -> str:
        return f"{self.purpose} {self.phone[-4:]}"

"""A citizen's message and what happens to it: assignments, replies, steps, ratings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.core.concurrency import Versioned
from gongkai.workflow.models import HasTimeline

from .reference import Channel, MessageType, RefusalReason


class MessageState(models.TextChoices):
    HELD = "held", "待人工核查"  # only links / repeated text: held for the office
    TRIAGE = "triage", "待受理"
    REFUSED = "refused", "不予受理"
    MERGED = "merged", "已合并（重复留言）"
    ASSIGNED = "assigned", "已交办，待签收"
    HANDLING = "handling", "办理中"
    REPLY_REVIEW = "reply_review", "答复待审核"
    REPLIED = "replied", "已回复"
    CLOSED = "closed", "已办结"


OPEN_STATES = frozenset(
    {
        MessageState.HELD,
        MessageState.TRIAGE,
        MessageState.ASSIGNED,
        MessageState.HANDLING,
        MessageState.REPLY_REVIEW,
    }
)


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASICALLY = "basically", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


class MessageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)


class Message(HasTimeline, Versioned):
    channel = models.ForeignKey(
        Channel, verbose_name="渠道", on_delete=models.PROTECT, related_name="messages"
    )
    message_type = models.ForeignKey(
        MessageType, verbose_name="类型", on_delete=models.PROTECT, related_name="messages"
    )
    query_code = models.CharField("查询码", max_length=24, unique=True)
    password_hash = models.CharField("查询密码（散列）", max_length=128)
    state = models.CharField(
        "状态",
        max_length=16,
        choices=MessageState.choices,
        default=MessageState.TRIAGE,
        db_index=True,
    )
    subject = models.CharField("标题", max_length=100)
    text = models.TextField("内容")
    place = models.ForeignKey(
        "orgs.Government",
        verbose_name="所涉地区",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    writer_name = models.CharField("姓名", max_length=50)
    writer_phone = models.CharField("联系电话", max_length=40)
    wants_public = models.BooleanField("同意公开", default=True)
    submitted_at = models.DateTimeField("留言时间", default=timezone.now, db_index=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="热线来电由话务员登记",
    )
    idempotency_key = models.CharField("提交标识", max_length=64, blank=True)
    # SHA-256 of the whole request made under ``idempotency_key`` (every field and
    # attachment): the key replays only that request (gongkai.core.idempotency).
    request_fingerprint = models.CharField("请求指纹", max_length=64, blank=True)
    fingerprint = models.CharField("内容指纹", max_length=64, db_index=True)
    source_ip = models.GenericIPAddressField("来源地址", null=True, blank=True)
    hold_reason = models.CharField("待核查原因", max_length=200, blank=True)
    # -- triage -----------------------------------------------------------------
    accepted_at = models.DateTimeField("受理时间", null=True, blank=True)
    refusal_reason = models.ForeignKey(
        RefusalReason, verbose_name="不予受理理由", null=True, blank=True, on_delete=models.PROTECT
    )
    refusal_note = models.TextField("不予受理说明", blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name="重复于",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duplicates",
    )
    # -- handling ---------------------------------------------------------------
    lead_department = models.ForeignKey(
        "orgs.Department",
        verbose_name="主办部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lead_messages",
    )
    identity_visible = models.BooleanField(
        "承办部门可见留言人身份", default=True, help_text="由受理办公室决定；举报默认不可见"
    )
    round = models.PositiveSmallIntegerField("办理轮次", default=1, help_text="不满意重办后为2")
    reply_text = models.TextField("答复内容", blank=True)
    replied_at = models.DateTimeField("答复时间", null=True, blank=True)
    replied_by_department = models.ForeignKey(
        "orgs.Department",
        verbose_name="答复单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # -- publication --------------------------------------------------------------
    masked_subject = models.CharField("公开标题", max_length=100, blank=True)
    masked_text = models.TextField("公开内容（已遮蔽个人信息）", blank=True)
    masked_reply = models.TextField("公开答复（已遮蔽个人信息）", blank=True)
    published_at = models.DateTimeField("公开时间", null=True, blank=True, db_index=True)
    # -- rating -----------------------------------------------------------------------
    rating_due = models.DateField(
        "评价截止日", null=True, blank=True, help_text="期满未评价的，自动办结"
    )
    satisfaction = models.CharField(
        "满意度", max_length=16, choices=Satisfaction.choices, blank=True
    )
    satisfaction_reason = models.TextField("评价说明", blank=True)
    rated_at = models.DateTimeField("评价时间", null=True, blank=True)
    rated_on = models.DateField("评价日期", null=True, blank=True, db_index=True)
    rated_by_callback = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="回访人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = "留言"
        verbose_name_plural = "留言"
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="message_idempotency_key",
            ),
        ]
        indexes = [
            models.Index(fields=["lead_department", "state"], name="message_dept_state_idx"),
            models.Index(fields=["channel", "published_at"], name="message_channel_pub_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.query_code} {self.subject}"

    def get_public_url(self) -> str:
        """The message's page on the public board (only published messages have one)."""
        from django.urls import reverse

        return reverse("interaction_portal:message", args=[self.pk])

    @property
    def access_departments(self) -> list:
        """The board's office and every department the message is assigned to now."""
        departments = [self.channel.office]
        if self.pk is not None:
            departments += [
                a.department
                for a in self.assignments.filter(active=True).select_related(
                    "department__government"
                )
            ]
        return departments

    def lead_assignment(self):
        return (
            self.assignments.filter(active=True, role="lead").select_related("department").first()
        )

    def reply_clock(self):
        """The open (or latest) reply clock of the current round and assignment."""
        from gongkai.workdays.models import Clock

        return (
            Clock.objects.for_subject(self)
            .filter(stage__startswith="reply:")
            .order_by("-id")
            .first()
        )

    @property
    def is_confidential(self) -> bool:
        """举报 and private messages: office and assigned handlers only, never published."""
        return (
            self.message_type.confidential
            or not self.wants_public
            or self.channel.private_by_nature
        )


class AssignmentRole(models.TextChoices):
    LEAD = "lead", "主办"
    CO = "co", "协办"


class Assignment(models.Model):
    """交办 to one department, as lead (主办) or co-handler (协办)."""

    message = models.ForeignKey(
        Message, verbose_name="留言", on_delete=models.CASCADE, related_name="assignments"
    )
    department = models.ForeignKey(
        "orgs.Department", verbose_name="承办部门", on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField("分工", max_length=8, choices=AssignmentRole.choices)
    assigned_on = models.DateField("交办日期")
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="交办人", on_delete=models.PROTECT, related_name="+"
    )
    return_by = models.DateField("退回期限", help_text="交办有误的，应在此日前说明理由退回")
    signed_on = models.DateField("签收日期", null=True, blank=True)
    returned_on = models.DateField("退回日期", null=True, blank=True)
    return_reason = models.TextField("退回理由", blank=True)
    opinion = models.TextField("协办意见", blank=True)
    active = models.BooleanField("有效", default=True)

    class Meta:
        verbose_name = "交办"
        verbose_name_plural = "交办"
        ordering = ["assigned_on", "id"]

    def __str__(self) -> str:
        return f"{self.department}（{self.get_role_display()}）"

    @property
    def access_department(self):
        return self.department

    @property
    def state(self) -> str:
        """The message's state: lead and co-handling rights depend on it."""
        return self.message.state


class StepKind(models.TextChoices):
    SUBMITTED = "submitted", "留言"
    RECORDED = "recorded", "来电登记"
    HELD = "held", "转人工核查"
    RELEASED = "released", "核查通过"
    ACCEPTED = "accepted", "受理"
    REFUSED = "refused", "不予受理"
    MERGED = "merged", "合并重复留言"
    ASSIGNED = "assigned", "交办"
    SIGNED = "signed", "签收"
    RETURNED = "returned", "退回"
    EXTENSION = "extension", "延期"
    REPLY_SUBMITTED = "reply_submitted", "答复提交审核"
    REPLY_RETURNED = "reply_returned", "答复退回修改"
    REPLIED = "replied", "答复"
    PUBLISHED = "published", "公开"
    RATED = "rated", "评价"
    REOPENED = "reopened", "不满意重办"
    REMINDED = "reminded", "催办"
    ESCALATED = "escalated", "督办"
    CLOSED = "closed", "办结"
    NOTE = "note", "备注"


class MessageFile(models.Model):
    message = models.ForeignKey(
        Message, verbose_name="留言", on_delete=models.CASCADE, related_name="files"
    )
    file = models.ForeignKey(
        "files.StoredFile", verbose_name="文件", on_delete=models.PROTECT, related_name="+"
    )
    from_writer = models.BooleanField("留言人提交", default=True)
    added_at = models.DateTimeField("添加时间", default=timezone.now)

    class Meta:
        verbose_name = "留言附件"
        verbose_name_plural = "留言附件"

    def __str__(self) -> str:
        return str(self.file)

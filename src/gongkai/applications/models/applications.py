"""The application (政府信息公开申请) and the steps of its story."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.core.concurrency import Versioned
from gongkai.workflow.models import HasTimeline

from .taxonomy import (
    ApplicantKind,
    Channel,
    DeliveryMethod,
    IdType,
    OrgSubtype,
    Outcome,
    PreferredForm,
    outcome_label,
)


class ApplicationState(models.TextChoices):
    AWAITING_CONFIRMATION = "awaiting_confirmation", "待确认收到"
    IN_PROGRESS = "in_progress", "办理中"
    AWAITING_CORRECTION = "awaiting_correction", "待申请人补正"
    AWAITING_FEE = "awaiting_fee", "待申请人缴费"
    REPLY_REVIEW = "reply_review", "答复待审核"
    REPLIED = "replied", "已答复，待送达"
    CLOSED = "closed", "已办结"
    DISCARDED = "discarded", "已作废"


OPEN_STATES = frozenset(
    {
        ApplicationState.IN_PROGRESS,
        ApplicationState.AWAITING_CORRECTION,
        ApplicationState.AWAITING_FEE,
        ApplicationState.REPLY_REVIEW,
    }
)


class ApplicationQuerySet(models.QuerySet):
    def received(self):
        """Applications with a receipt date: the ones the law's deadlines and the report count."""
        return self.filter(received_on__isnull=False)

    def in_government(self, government):
        return self.filter(department__government__path__startswith=government.path)


class Application(HasTimeline, Versioned):
    """One application for government information to one agency (受理机关)."""

    department = models.ForeignKey(
        "orgs.Department",
        verbose_name="受理机关",
        on_delete=models.PROTECT,
        related_name="applications",
    )
    tracking_number = models.CharField("受理编号", max_length=40, unique=True)
    year = models.PositiveSmallIntegerField("年度", db_index=True)
    password_hash = models.CharField("查询密码（散列）", max_length=128)
    state = models.CharField(
        "状态",
        max_length=32,
        choices=ApplicationState.choices,
        default=ApplicationState.AWAITING_CONFIRMATION,
        db_index=True,
    )
    # -- the applicant --------------------------------------------------------
    applicant_kind = models.CharField("申请人类型", max_length=16, choices=ApplicantKind.choices)
    org_subtype = models.CharField(
        "组织类型", max_length=16, choices=OrgSubtype.choices, blank=True
    )
    name = models.CharField("申请人姓名或名称", max_length=100)
    id_type = models.CharField("证件类型", max_length=16, choices=IdType.choices)
    id_number = models.CharField("证件号码", max_length=40)
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=40)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    # -- what is asked --------------------------------------------------------
    description = models.TextField("所需政府信息的名称、文号或者便于查询的其他特征性描述")
    preferred_form = models.CharField(
        "提供形式", max_length=16, choices=PreferredForm.choices, default=PreferredForm.ELECTRONIC
    )
    delivery_method = models.CharField(
        "获取方式", max_length=16, choices=DeliveryMethod.choices, default=DeliveryMethod.ONLINE
    )
    # -- intake (Art. 31) -------------------------------------------------------
    channel = models.CharField("申请渠道", max_length=16, choices=Channel.choices)
    submitted_at = models.DateTimeField("提交时间", default=timezone.now)
    received_on = models.DateField(
        "收到申请之日",
        null=True,
        blank=True,
        db_index=True,
        help_text="第三十一条：当面提交为提交之日；邮寄为签收之日；网上、传真为双方确认之日",
    )
    confirmed_at = models.DateTimeField("确认收到时间", null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    idempotency_key = models.CharField("提交标识", max_length=64, blank=True, db_index=True)
    # SHA-256 of the whole request made under ``idempotency_key`` (every field and
    # attachment): the key replays only that request (gongkai.core.idempotency).
    request_fingerprint = models.CharField("请求指纹", max_length=64, blank=True)
    fingerprint = models.CharField("内容指纹", max_length=64, db_index=True)
    source_ip = models.GenericIPAddressField("来源地址", null=True, blank=True)
    # -- handling --------------------------------------------------------------
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="经办人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_applications",
    )
    correction_notice_by = models.DateField(
        "补正告知截止日",
        null=True,
        blank=True,
        help_text="第三十条：收到申请之日起7个工作日内一次性告知补正",
    )
    # -- the reply (Art. 36) ----------------------------------------------------
    outcome = models.CharField(
        "办理结果", max_length=40, choices=Outcome.choices, blank=True, db_index=True
    )
    legal_basis = models.TextField("法律依据与理由", blank=True)
    reply_text = models.TextField("答复内容", blank=True)
    referred_agency_name = models.CharField(
        "负责公开的机关",
        max_length=100,
        blank=True,
        help_text="第三十六条第（五）项：告知申请人负责公开该信息的机关及其联系方式",
    )
    referred_agency_contact = models.CharField("该机关联系方式", max_length=200, blank=True)
    forwarded_to = models.OneToOneField(
        "self",
        verbose_name="转至申请",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forwarded_from",
    )
    forward_department = models.ForeignKey(
        "orgs.Department",
        verbose_name="拟转送机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="不属于本机关负责公开、且负责机关在本平台的，答复后将申请转送该机关",
    )
    secrecy_review = models.ForeignKey(
        "applications.SecrecyReview",
        verbose_name="保密审查（本次答复稿）",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="条例第十七条：公开、部分公开的答复稿经保密审查通过的记录；重新提交答复稿时清空",
    )
    concluded_on = models.DateField(
        "办结日期", null=True, blank=True, db_index=True, help_text="作出答复或终止办理之日"
    )
    # -- delivery --------------------------------------------------------------
    delivered_on = models.DateField("送达日期", null=True, blank=True)
    delivered_by = models.CharField(
        "送达方式", max_length=16, choices=DeliveryMethod.choices, blank=True
    )
    delivery_reference = models.CharField(
        "送达凭证", max_length=100, blank=True, help_text="如 邮件挂号号码、电子邮件发送记录"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="application_idempotency_key",
            ),
        ]
        indexes = [
            models.Index(fields=["department", "state"], name="application_dept_state_idx"),
            models.Index(fields=["department", "received_on"], name="application_dept_recv_idx"),
            models.Index(fields=["department", "concluded_on"], name="application_dept_done_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_number} {self.name}"

    @property
    def report_column(self) -> str:
        """The Table 三 column this application counts in."""
        if self.applicant_kind == ApplicantKind.NATURAL:
            return "natural"
        return self.org_subtype or "other"

    @property
    def outcome_display(self) -> str:
        return outcome_label(self.outcome) if self.outcome else ""

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    def reply_clock(self):
        """The clock of the reply period (Art. 33), or of a later deadline set under Art. 35."""
        from gongkai.workdays.models import Clock

        clocks = {
            c.stage: c
            for c in Clock.objects.for_subject(self).filter(stage__in=["reply", "reply_art35"])
        }
        return clocks.get("reply_art35") or clocks.get("reply")


class StepKind(models.TextChoices):
    SUBMITTED = "submitted", "提交申请"
    REGISTERED = "registered", "登记申请"
    LATE_REGISTRATION = "late_registration", "补登记说明"
    CONFIRMED = "confirmed", "确认收到申请"
    DISCARDED = "discarded", "作废"
    ASSIGNED = "assigned", "指定经办人"
    CORRECTION_REQUESTED = "correction_requested", "告知补正"
    CORRECTION_RECEIVED = "correction_received", "收到补正"
    CORRECTION_EXPIRED = "correction_expired", "逾期未补正"
    CONSULTATION_STARTED = "consultation_started", "征求意见"
    CONSULTATION_ENDED = "consultation_ended", "征求意见结束"
    EXTENSION_REQUESTED = "extension_requested", "申请延期"
    EXTENSION_APPROVED = "extension_approved", "延长答复期限"
    EXTENSION_REFUSED = "extension_refused", "不同意延期"
    REASONS_REQUESTED = "reasons_requested", "要求说明理由（第三十五条）"
    ART35_DECIDED = "art35_decided", "第三十五条处理决定"
    FEE_ISSUED = "fee_issued", "收费通知"
    FEE_DECLARED = "fee_declared", "申请人告知已缴费"
    FEE_PAID = "fee_paid", "确认已缴费"
    FEE_EXPIRED = "fee_expired", "逾期未缴费"
    REPLY_SUBMITTED = "reply_submitted", "答复提交审核"
    SECRECY_PASSED = "secrecy_passed", "保密审查通过"
    SECRECY_RETURNED = "secrecy_returned", "保密审查退回修改"
    REPLY_RETURNED = "reply_returned", "答复退回修改"
    REPLIED = "replied", "作出答复"
    FORWARDED = "forwarded", "转送其他机关"
    DELIVERED = "delivered", "送达"
    WITHDRAWN = "withdrawn", "申请人撤回申请"
    CHALLENGE = "challenge", "行政复议或行政诉讼"
    NOTE = "note", "备注"

"""What happens during handling: correction, consultation, Art. 35, fees, challenges.

Extension requests (Art. 33) are ``gongkai.workdays.models.ExtensionRequest`` on the reply clock.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .applications import Application


class CorrectionState(models.TextChoices):
    PENDING = "pending", "待补正"
    ANSWERED = "answered", "已补正"
    EXPIRED = "expired", "逾期未补正"


class CorrectionRequest(models.Model):
    """补正 (correction notice), Art. 30: once per application."""

    application = models.OneToOneField(
        Application, verbose_name="申请", on_delete=models.CASCADE, related_name="correction"
    )
    requested_on = models.DateField("告知日期")
    what_to_correct = models.TextField("需要补正的事项")
    deadline = models.DateField("补正期限")
    state = models.CharField(
        "状态", max_length=16, choices=CorrectionState.choices, default=CorrectionState.PENDING
    )
    received_on = models.DateField("收到补正之日", null=True, blank=True)
    answer = models.TextField("补正内容", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="告知人", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "补正告知"
        verbose_name_plural = "补正告知"

    def __str__(self) -> str:
        return f"{self.application.tracking_number} 补正告知"


class ConsultationKind(models.TextChoices):
    THIRD_PARTY = "third_party", "征求第三方意见（第三十二条）"
    CO_PRODUCER = "co_producer", "征求共同制作机关意见（第三十四条）"
    AGENCY = "agency", "征求其他机关意见（第三十三条）"


class ConsultationResult(models.TextChoices):
    PENDING = "", "尚未答复"
    CONSENT = "consent", "同意公开"
    OBJECTION = "objection", "不同意公开"
    NO_REPLY = "no_reply", "逾期未提出意见"


class Consultation(models.Model):
    """A consultation during which the reply clock does not run (Art. 33 para. 3)."""

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.CASCADE, related_name="consultations"
    )
    kind = models.CharField("类型", max_length=16, choices=ConsultationKind.choices)
    party = models.CharField("被征求意见方", max_length=100)
    party_contact = models.CharField("联系方式", max_length=200, blank=True)
    question = models.TextField("征求意见内容")
    sent_on = models.DateField("发出日期")
    answered_on = models.DateField("答复日期", null=True, blank=True)
    result = models.CharField(
        "意见", max_length=16, choices=ConsultationResult.choices, blank=True, default=""
    )
    summary = models.TextField("意见摘要", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="经办人", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "征求意见"
        verbose_name_plural = "征求意见"
        ordering = ["sent_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.party}"

    @property
    def access_department(self):
        return self.application.department

    @property
    def is_open(self) -> bool:
        return self.answered_on is None


class Art35Decision(models.TextChoices):
    PENDING = "", "待决定"
    UNREASONABLE = "unreasonable", "理由不合理，不予处理"
    REASONABLE = "reasonable", "理由合理，另行确定答复期限"


class Art35Review(models.Model):
    """第三十五条: volume or frequency clearly beyond what is reasonable."""

    application = models.OneToOneField(
        Application, verbose_name="申请", on_delete=models.CASCADE, related_name="art35"
    )
    requested_on = models.DateField("要求说明理由日期")
    request_text = models.TextField("要求说明理由的内容")
    reasons = models.TextField("申请人说明的理由", blank=True)
    reasons_received_on = models.DateField("收到理由日期", null=True, blank=True)
    decision = models.CharField(
        "决定", max_length=16, choices=Art35Decision.choices, blank=True, default=""
    )
    new_deadline = models.DateField("另行确定的答复期限", null=True, blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="决定人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "第三十五条审查"
        verbose_name_plural = "第三十五条审查"

    def __str__(self) -> str:
        return f"{self.application.tracking_number} 第三十五条审查"


class FeeMethod(models.TextChoices):
    BY_COUNT = "count", "按件计收"
    BY_PAGES = "pages", "按量计收"


class FeeState(models.TextChoices):
    PENDING = "pending", "待缴费"
    DECLARED = "declared", "申请人告知已缴费，待确认"
    PAID = "paid", "已缴费"
    EXPIRED = "expired", "逾期未缴费"


class FeeNotice(models.Model):
    """信息处理费 (information-processing fee), 国办函〔2020〕109号: one method per application."""

    application = models.OneToOneField(
        Application, verbose_name="申请", on_delete=models.CASCADE, related_name="fee"
    )
    method = models.CharField("计收方式", max_length=8, choices=FeeMethod.choices)
    quantity = models.PositiveIntegerField(
        "数量", help_text="按件：本月向本机关提出的第几件申请；按量：页数"
    )
    amount = models.DecimalField("金额（元）", max_digits=10, decimal_places=2)
    basis = models.TextField("计收依据与标准")
    payment_instructions = models.TextField("缴费方式")
    issued_on = models.DateField("通知日期")
    state = models.CharField(
        "状态", max_length=16, choices=FeeState.choices, default=FeeState.PENDING
    )
    declared_reference = models.CharField("缴费凭证号", max_length=100, blank=True)
    paid_on = models.DateField("缴费日期", null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="经办人", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "收费通知"
        verbose_name_plural = "收费通知"

    def __str__(self) -> str:
        return f"{self.get_method_display()} {self.amount}元"


class ChallengeKind(models.TextChoices):
    RECONSIDERATION = "reconsideration", "行政复议"
    LITIGATION_DIRECT = "litigation_direct", "行政诉讼（未经复议直接起诉）"
    LITIGATION_AFTER = "litigation_after", "行政诉讼（复议后起诉）"


class ChallengeResult(models.TextChoices):
    UPHELD = "upheld", "结果维持"
    CORRECTED = "corrected", "结果纠正"
    OTHER = "other", "其他结果"
    PENDING = "pending", "尚未审结"


class Challenge(models.Model):
    """Administrative reconsideration or litigation about an application (Table 四)."""

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.PROTECT, related_name="challenges"
    )
    kind = models.CharField("类型", max_length=24, choices=ChallengeKind.choices)
    filed_on = models.DateField("申请或起诉日期")
    body = models.CharField("复议机关或受理法院", max_length=100)
    case_number = models.CharField("案号", max_length=100, blank=True)
    result = models.CharField(
        "结果", max_length=16, choices=ChallengeResult.choices, default=ChallengeResult.PENDING
    )
    decided_on = models.DateField("审结日期", null=True, blank=True)
    note = models.TextField("备注", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "行政复议、行政诉讼"
        verbose_name_plural = "行政复议、行政诉讼"
        ordering = ["filed_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.get_result_display()}"

    @property
    def access_department(self):
        return self.application.department

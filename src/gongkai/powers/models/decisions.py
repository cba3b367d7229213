"""行政执法决定 (enforcement decisions) and their publicity ("双公示").

A decision is public on a day when it was published on or before that day, has
not been withdrawn (撤下: revoked or changed, 行政处罚法 Art. 48 and 85), its
display period has not ended and no 信用修复 (credit repair) was approved:
``DecisionQuerySet.public(day)``, one filter, so the page cache, the feed and
the API agree without any job running.

Display periods are data (``DisplayPeriod``): the months a published decision
stays in public view at least and at most, by kind, severity and, optionally,
enforcement field (a field may set a longer minimum).
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q


class DecisionKind(models.TextChoices):
    LICENCE = "licence", "行政许可"
    PENALTY = "penalty", "行政处罚"
    OTHER = "other", "其他行政执法决定"


class Severity(models.TextChoices):
    GENERAL = "general", "一般"
    SERIOUS = "serious", "严重"


class PartyType(models.TextChoices):
    PERSON = "person", "自然人"
    LEGAL = "legal", "法人及非法人组织"
    BUSINESS = "business", "个体工商户"


class DisplayPeriod(models.Model):
    """How long a published decision stays in public view (公示期限), in months
    from its publication. ``field`` empty: every field; a row naming a field
    overrides it (e.g. a longer minimum)."""

    kind = models.CharField("决定类别", max_length=16, choices=DecisionKind.choices)
    severity = models.CharField("情节", max_length=16, choices=Severity.choices)
    field = models.CharField("执法领域", max_length=60, blank=True)
    min_months = models.PositiveSmallIntegerField("最短公示期（月）")
    max_months = models.PositiveSmallIntegerField("最长公示期（月）")
    basis = models.CharField("依据", max_length=200)

    class Meta:
        verbose_name = "公示期限"
        verbose_name_plural = "公示期限"
        ordering = ["kind", "severity", "field"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "severity", "field"], name="display_period_once"
            ),
            models.CheckConstraint(
                condition=Q(min_months__lte=models.F("max_months")), name="display_min_le_max"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.get_severity_display()}）{self.min_months}至{self.max_months}个月"


class DecisionQuerySet(models.QuerySet):
    def public(self, day: date):
        """The decisions the public sees on ``day``."""
        return self.filter(
            Q(display_ends__isnull=True) | Q(display_ends__gt=day),
            published_on__lte=day,
            withdrawn_on__isnull=True,
            repaired_on__isnull=True,
        )

    def unpublished(self):
        return self.filter(published_on__isnull=True, withdrawn_on__isnull=True)


class Decision(models.Model):
    body = models.ForeignKey(
        "powers.EnforcementBody",
        verbose_name="执法主体",
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    power = models.ForeignKey(
        "powers.Power", verbose_name="行政权力", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("决定类别", max_length=16, choices=DecisionKind.choices)
    severity = models.CharField(
        "情节", max_length=16, choices=Severity.choices, default=Severity.GENERAL
    )
    field = models.CharField("执法领域", max_length=60, blank=True)
    case_name = models.CharField("案件名称", max_length=200)
    document_number = models.CharField("决定书文号", max_length=100)
    party_type = models.CharField("当事人类别", max_length=16, choices=PartyType.choices)
    party_name = models.CharField("当事人名称", max_length=200)
    party_uscc = models.CharField("统一社会信用代码", max_length=18, blank=True)
    legal_representative = models.CharField("法定代表人", max_length=40, blank=True)
    party_id_digest = models.CharField(
        "证件号码摘要", max_length=64, blank=True, editable=False, help_text="加盐摘要，不公开"
    )
    facts = models.TextField("违法事实或申请事项")
    basis = models.TextField("决定依据")
    content = models.TextField("决定内容")
    amount = models.DecimalField(
        "罚款金额（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    decided_on = models.DateField("决定日期")
    publication_due = models.DateField("公示期限日")
    published_on = models.DateField("公示日期", null=True, blank=True)
    display_min_until = models.DateField("最短公示期满日", null=True, blank=True)
    display_ends = models.DateField(
        "公示截止", null=True, blank=True, help_text="自该日起不再公示；空为长期公示"
    )
    revoked_on = models.DateField("撤销或变更日期", null=True, blank=True)
    withdrawal_due = models.DateField("撤下期限日", null=True, blank=True)
    withdrawn_on = models.DateField("撤下日期", null=True, blank=True)
    withdrawal_reason = models.TextField("撤下原因", blank=True)
    repair_requested_on = models.DateField("信用修复申请日期", null=True, blank=True)
    repaired_on = models.DateField("信用修复日期", null=True, blank=True)
    repair_reason = models.TextField("信用修复说明", blank=True)
    created_at = models.DateTimeField("录入时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = "行政执法决定"
        verbose_name_plural = "行政执法决定"
        ordering = ["-decided_on", "-pk"]
        indexes = [
            models.Index(fields=["published_on", "display_ends"], name="decision_public"),
            models.Index(fields=["body", "decided_on"], name="decision_body_day"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["body", "document_number"], name="decision_number_once")
        ]

    def __str__(self) -> str:
        return f"{self.document_number} {self.case_name}"

    @property
    def access_department(self):
        return self.body.department

    @property
    def state(self) -> str:
        """For the access policy: draft (not yet published), published, withdrawn, repaired."""
        if self.withdrawn_on:
            return "withdrawn"
        if self.repaired_on:
            return "repaired"
        return "published" if self.published_on else "draft"

    @property
    def published_late(self) -> bool:
        return self.published_on is not None and self.published_on > self.publication_due

    @property
    def withdrawn_late(self) -> bool:
        return (
            self.withdrawn_on is not None
            and self.withdrawal_due is not None
            and self.withdrawn_on > self.withdrawal_due
        )

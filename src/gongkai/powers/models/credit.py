"""工程建设领域信用信息共享专栏 (the construction credit column): companies and
practitioners of the construction field and the credit records departments
publish about them, each with its source department and date.

A company's page gathers everything known about it: its 概况 (the company row),
its records by category, and the enforcement decisions published against its
credit code (``Decision.party_uscc``); a record of category 行政处罚 may name the
published decision it reports. Practitioners are identified by their certificate
number; an ID number is never stored.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class CompanyKind(models.TextChoices):
    BUILDER = "builder", "施工企业"
    SUPERVISOR = "supervisor", "监理企业"
    DESIGNER = "designer", "勘察设计企业"
    AGENT = "agent", "招标代理机构"
    COST = "cost", "造价咨询企业"
    DEVELOPER = "developer", "房地产开发企业"


class RecordCategory(models.TextChoices):
    # of a company
    QUALIFICATION = "qualification", "资质"
    PERFORMANCE = "performance", "项目业绩"
    RATING = "rating", "信用评价"
    GOOD = "good", "良好行为"
    BAD = "bad", "不良行为"
    RULING = "ruling", "行政裁决（定）"
    ARREARS = "arrears", "欠薪及欠缴社保金"
    SAFETY = "safety", "质量安全"
    PENALTY = "penalty", "行政处罚"
    # of a practitioner
    LICENCE = "licence", "执业资格"
    VIOLATION = "violation", "违法行为"


COMPANY_CATEGORIES = (
    RecordCategory.QUALIFICATION, RecordCategory.PERFORMANCE, RecordCategory.RATING,
    RecordCategory.GOOD, RecordCategory.BAD, RecordCategory.RULING, RecordCategory.ARREARS,
    RecordCategory.SAFETY, RecordCategory.PENALTY,
)  # fmt: skip
PRACTITIONER_CATEGORIES = (
    RecordCategory.LICENCE, RecordCategory.GOOD, RecordCategory.VIOLATION, RecordCategory.PENALTY,
)  # fmt: skip


class Company(models.Model):
    government = models.ForeignKey(
        "orgs.Government", verbose_name="专栏所属政府", on_delete=models.PROTECT, related_name="+"
    )
    uscc = models.CharField("统一社会信用代码", max_length=18)
    name = models.CharField("企业名称", max_length=200)
    kind = models.CharField("企业类型", max_length=16, choices=CompanyKind.choices)
    legal_representative = models.CharField("法定代表人", max_length=40, blank=True)
    address = models.CharField("注册地址", max_length=200, blank=True)
    established_on = models.DateField("成立日期", null=True, blank=True)
    registered_capital = models.DecimalField(
        "注册资本（万元）", max_digits=12, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = "工程建设企业"
        verbose_name_plural = "工程建设企业"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["government", "uscc"], name="company_uscc_once")
        ]

    def __str__(self) -> str:
        return self.name


class Practitioner(models.Model):
    government = models.ForeignKey(
        "orgs.Government", verbose_name="专栏所属政府", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("姓名", max_length=40)
    certificate_number = models.CharField("执业证书编号", max_length=40)
    qualification = models.CharField("执业资格", max_length=60)
    company = models.ForeignKey(
        Company,
        verbose_name="注册单位",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practitioners",
    )

    class Meta:
        verbose_name = "工程建设从业人员"
        verbose_name_plural = "工程建设从业人员"
        ordering = ["name", "certificate_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "certificate_number"], name="practitioner_certificate_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.certificate_number}）"


class CreditRecord(models.Model):
    company = models.ForeignKey(
        Company, null=True, blank=True, on_delete=models.CASCADE, related_name="records"
    )
    practitioner = models.ForeignKey(
        Practitioner, null=True, blank=True, on_delete=models.CASCADE, related_name="records"
    )
    category = models.CharField("类别", max_length=16, choices=RecordCategory.choices)
    title = models.CharField("标题", max_length=200)
    content = models.TextField("内容", blank=True)
    source = models.ForeignKey(
        "orgs.Department", verbose_name="信息来源", on_delete=models.PROTECT, related_name="+"
    )
    recorded_on = models.DateField("认定日期")
    valid_until = models.DateField("有效期至", null=True, blank=True)
    decision = models.ForeignKey(
        "powers.Decision",
        verbose_name="行政处罚决定",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "信用记录"
        verbose_name_plural = "信用记录"
        ordering = ["-recorded_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(company__isnull=True, practitioner__isnull=False)
                | Q(company__isnull=False, practitioner__isnull=True),
                name="record_of_one_subject",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def access_department(self):
        return self.source

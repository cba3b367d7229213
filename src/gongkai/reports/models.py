"""An annual report (年度报告) as it is written, reviewed and frozen.

One report per agency (a ``Department``) or per government, per year. Staff
write sections 一, 五 and 六 and enter the Table 二 figures the platform cannot
compute yet; everything else is computed from the records when the report is
shown (``annual.annual_report``). When the disclosure office approves it, the
whole content is frozen in ``snapshot``: later changes to the records never
alter it, and ``services.differences`` shows where today's data has moved on.
The approved report then goes into the catalogue as a 年度报告 item through
the department's own review (保密审查, 领导审批); it is published when that
item is.

States::

    draft ─submit─▶ submitted ─approve (snapshot)─▶ approved ─(catalogue item published)
      ▲                 │
      └──── returned ◀──┘ return (comment required)
"""

from __future__ import annotations

import json

from django.conf import settings
from django.db import models
from django.db.models import Q

from gongkai.core.concurrency import Versioned
from gongkai.workflow.models import HasTimeline


class ReportState(models.TextChoices):
    DRAFT = "draft", "编写中"
    SUBMITTED = "submitted", "待公开办审核"
    RETURNED = "returned", "退回修改"
    APPROVED = "approved", "审核通过"


EDITABLE = frozenset({ReportState.DRAFT, ReportState.RETURNED})


class AnnualReport(HasTimeline, Versioned):
    department = models.ForeignKey(
        "orgs.Department",
        verbose_name="机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="annual_reports",
        help_text="机关（部门）的年度报告；政府的年度报告不填",
    )
    government = models.ForeignKey(
        "orgs.Government",
        verbose_name="政府",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="annual_reports",
        help_text="政府的年度报告（汇总所属机关和下级政府）",
    )
    year = models.PositiveSmallIntegerField("年度")
    state = models.CharField(
        "状态", max_length=12, choices=ReportState.choices, default=ReportState.DRAFT
    )
    overview = models.TextField("一、总体情况", blank=True)
    problems = models.TextField("五、存在的主要问题及改进情况", blank=True)
    other = models.TextField("六、其他需要报告的事项", blank=True)
    licensing = models.PositiveIntegerField("行政许可本年处理决定数量", null=True, blank=True)
    penalties = models.PositiveIntegerField("行政处罚本年处理决定数量", null=True, blank=True)
    enforcement = models.PositiveIntegerField("行政强制本年处理决定数量", null=True, blank=True)
    fees = models.DecimalField(
        "行政事业性收费本年收费金额（万元）", max_digits=14, decimal_places=4, null=True, blank=True
    )
    carry_over_note = models.TextField(
        "结转差异说明",
        blank=True,
        help_text="上年度报告的“结转下年度继续办理”与本年度“上年结转”不一致时，说明原因",
    )
    return_comment = models.TextField("退回意见", blank=True)
    submitted_at = models.DateTimeField("报送时间", null=True, blank=True)
    approved_at = models.DateTimeField("审核通过时间", null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The frozen content as JSON text, not jsonb: PostgreSQL's jsonb reorders keys,
    # and the national headings must keep their order (一 … 六, rows, columns).
    snapshot_json = models.TextField("定稿内容（JSON）", blank=True, editable=False)
    item = models.OneToOneField(
        "disclosure.InformationItem",
        verbose_name="公开目录中的信息",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="annual_report",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "政府信息公开工作年度报告"
        verbose_name_plural = "政府信息公开工作年度报告"
        ordering = ["-year", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(department__isnull=False, government__isnull=True)
                | Q(department__isnull=True, government__isnull=False),
                name="report_one_scope",
            ),
            models.UniqueConstraint(
                fields=["department", "year"],
                condition=Q(department__isnull=False),
                name="report_agency_year",
            ),
            models.UniqueConstraint(
                fields=["government", "year"],
                condition=Q(government__isnull=False),
                name="report_government_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scope.name}{self.year}年政府信息公开工作年度报告"

    @property
    def scope(self):
        return self.department or self.government

    @property
    def access_department(self):
        """Who answers for it: the agency, or the government's general office (政府办公室)."""
        if self.department_id:
            return self.department
        from gongkai.orgs.models import Department

        return (
            Department.objects.filter(government=self.government, kind="general_office")
            .select_related("government")
            .first()
        )

    @property
    def snapshot(self) -> dict | None:
        """The content frozen at approval, in its order; None before approval."""
        if not self.snapshot_json:
            return None
        cached = getattr(self, "_snapshot", None)
        if cached is None or cached[0] != self.snapshot_json:
            self._snapshot = (self.snapshot_json, json.loads(self.snapshot_json))
        return self._snapshot[1]

    @staticmethod
    def freeze(data: dict) -> str:
        return json.dumps(data, ensure_ascii=False)

    @property
    def published(self) -> bool:
        return self.item is not None and self.item.state == "published"

    def entered(self) -> dict:
        return {
            "licensing": self.licensing,
            "penalties": self.penalties,
            "enforcement": self.enforcement,
            "fees": self.fees,
        }


class ReportCardPdf(models.Model):
    """The report card's PDF (成绩单) as rendered once for one version of its content.

    ``fingerprint`` is the SHA-256 of what the PDF is made from (the HTML with the
    figures, the charts and the links, and the renderer: ``card.stored``); a request
    whose content gives the same fingerprint is served these bytes without rendering
    again. In the database so that every worker and every restart sees it; a few newest
    versions per government and year are kept (``card.stored.KEEP``).
    """

    government = models.ForeignKey(
        "orgs.Government", verbose_name="政府", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年度")
    fingerprint = models.CharField("内容指纹（SHA-256）", max_length=64)
    pdf = models.BinaryField("PDF")
    rendered_at = models.DateTimeField("生成时间")

    class Meta:
        verbose_name = "成绩单 PDF"
        verbose_name_plural = "成绩单 PDF"
        constraints = [
            models.UniqueConstraint(
                fields=["government", "year", "fingerprint"], name="report_card_pdf_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.government}{self.year}年成绩单（{self.fingerprint[:12]}）"

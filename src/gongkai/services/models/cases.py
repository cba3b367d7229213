"""Cases (办件): one application for one service item, from receipt to delivery.

A ``Case`` records the guide version it was filed under (published versions are
never edited, so what the applicant was told stays on record), the applicant,
and the dates the Administrative Licensing Law (行政许可法) counts from. Its
deadlines live on the kernel's clocks (``gongkai.workdays``), one per stage:

* ``correction_notice`` — 补正 (correction notice) within 5 working days of receipt (Art. 32);
* ``decision`` — the legal limit from acceptance, one extension, paused by
  特别程序 (special procedures, Art. 42 and 45);
* ``promise`` — the promised limit (承诺时限) from acceptance, paused the same way,
  never extended: the promise is supervised on its own;
* ``certificate`` — issue or deliver within 10 working days of the decision (Art. 44).

The due dates are copied onto the case (``*_due`` fields, ``next_due``) whenever a
clock changes, so the staff queue sorts forty cases by what is due first in one
query, and the electronic supervision cards can read them without the clocks.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from gongkai.workflow.models import HasTimeline

DEFAULT_NUMBER_PATTERN = "{年份}{政府代码}{流水号:06d}"
NUMBER_PLACEHOLDERS = frozenset({"年份", "政府代码", "流水号"})


class CaseState(models.TextChoices):
    PENDING = "pending", "待受理"
    CORRECTION = "correction", "待补正"
    REVIEW = "review", "审查中"
    DECIDED = "decided", "已决定"
    COMPLETED = "completed", "已办结"
    DELIVERED = "delivered", "已送达"
    REJECTED = "rejected", "不予受理"


OPEN_CASE_STATES = frozenset(
    {CaseState.PENDING, CaseState.CORRECTION, CaseState.REVIEW, CaseState.DECIDED}
)


class CaseChannel(models.TextChoices):
    ONLINE = "online", "网上申请"
    COUNTER = "counter", "窗口申请"


class ApplicantKind(models.TextChoices):
    PERSON = "person", "自然人"
    LEGAL = "legal", "法人或其他组织"


class Outcome(models.TextChoices):
    GRANTED = "granted", "准予许可"
    DENIED = "denied", "不予许可"


class CaseSettings(models.Model):
    """A government's case numbering (办件编号), as data an administrator changes."""

    government = models.OneToOneField(
        "orgs.Government", verbose_name="政府", on_delete=models.CASCADE, related_name="+"
    )
    number_pattern = models.CharField(
        "办件编号格式",
        max_length=60,
        default=DEFAULT_NUMBER_PATTERN,
        help_text="可用占位符：{年份}、{政府代码}、{流水号:06d}；流水号按年度重新计数",
    )

    class Meta:
        verbose_name = "办件设置"
        verbose_name_plural = "办件设置"

    def __str__(self) -> str:
        return f"{self.government} {self.number_pattern}"

    def clean(self):
        from gongkai.numbering import validate_pattern

        validate_pattern(self.number_pattern, NUMBER_PLACEHOLDERS)


class Case(HasTimeline, models.Model):
    item = models.ForeignKey(
        "services.ServiceItem", verbose_name="事项", on_delete=models.PROTECT, related_name="cases"
    )
    guide = models.ForeignKey(
        "services.GuideVersion",
        verbose_name="办事指南版本",
        on_delete=models.PROTECT,
        related_name="cases",
        help_text="申请时现行的办事指南版本",
    )
    department = models.ForeignKey(
        "orgs.Department", verbose_name="实施主体", on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField("办件编号", max_length=40, unique=True)
    password_hash = models.CharField("查询密码（散列）", max_length=128)
    state = models.CharField(
        "状态", max_length=16, choices=CaseState.choices, default=CaseState.PENDING
    )
    # -- how it came in ---------------------------------------------------------
    channel = models.CharField("申请渠道", max_length=12, choices=CaseChannel.choices)
    entered_late = models.BooleanField(
        "事后补录", default=False, help_text="申请当时未在系统中登记，事后补录"
    )
    late_reason = models.CharField("补录原因", max_length=300, blank=True)
    joint = models.BooleanField(
        "联合办理", default=False, help_text="统一办理、联合办理、集中办理：45个工作日，可延长15个"
    )
    # -- the applicant ---------------------------------------------------------------
    applicant_kind = models.CharField("申请人类型", max_length=12, choices=ApplicantKind.choices)
    name = models.CharField("申请人姓名或名称", max_length=100)
    id_number = models.CharField(
        "身份证号码或统一社会信用代码", max_length=18, help_text="已核对校验位；公示时遮盖"
    )
    phone = models.CharField("联系电话", max_length=40)
    # -- dates the law counts from ---------------------------------------------------
    submitted_at = models.DateTimeField("提交时间")
    received_on = models.DateField("收到申请之日")
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    deemed_accepted = models.BooleanField(
        "视为受理",
        default=False,
        help_text="第三十二条：逾期不告知补正的，自收到申请材料之日起即为受理",
    )
    refused_on = models.DateField("不予受理日期", null=True, blank=True)
    refusal_reasons = models.TextField("不予受理理由", blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    outcome = models.CharField("决定", max_length=12, choices=Outcome.choices, blank=True)
    outcome_reasons = models.TextField("决定内容与理由", blank=True)
    certificate_number = models.CharField("证照编号", max_length=60, blank=True)
    issued_on = models.DateField("办结（制证）日期", null=True, blank=True)
    delivered_on = models.DateField("送达日期", null=True, blank=True)
    delivery_method = models.CharField("送达方式", max_length=60, blank=True)
    # -- due dates, copied from the clocks (see the module docstring) -----------------
    correction_notice_by = models.DateField("补正告知截止日", null=True, blank=True)
    decision_due = models.DateField("法定办结期限", null=True, blank=True)
    promise_due = models.DateField("承诺办结期限", null=True, blank=True)
    certificate_due = models.DateField("制证送达期限", null=True, blank=True)
    next_due = models.DateField("最近到期日", null=True, blank=True)
    # -- intake bookkeeping -----------------------------------------------------------
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    idempotency_key = models.CharField("提交标识", max_length=64, blank=True)
    request_fingerprint = models.CharField("请求指纹", max_length=64, blank=True)
    fingerprint = models.CharField("内容指纹", max_length=64, db_index=True)
    source_ip = models.GenericIPAddressField("来源地址", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "办件"
        verbose_name_plural = "办件"
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="case_idempotency_key",
            ),
        ]
        indexes = [
            models.Index(fields=["department", "state", "next_due"], name="case_dept_state_due"),
            models.Index(fields=["department", "received_on"], name="case_dept_received"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.item.name}"

    @property
    def access_department(self):
        return self.department

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_CASE_STATES

    @property
    def masked_id(self) -> str:
        """For the public list (办件公示): the first 6 and last 4 characters shown."""
        n = self.id_number
        return n[:6] + "*" * max(len(n) - 10, 0) + n[-4:] if len(n) > 10 else "*" * len(n)

    @property
    def masked_name(self) -> str:
        if self.applicant_kind == ApplicantKind.LEGAL:
            return self.name
        return self.name[:1] + "*" * max(len(self.name) - 1, 1)

    def clocks(self) -> dict:
        """The case's clocks by stage (``correction_notice``, ``decision``, ``promise``,
        ``certificate``)."""
        from gongkai.workdays.models import Clock

        return {c.stage: c for c in Clock.objects.for_subject(self)}


class CaseMaterial(models.Model):
    """One file the applicant supplied, for one material the guide requires (or with
    the correction when ``correction`` is set)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="materials")
    material = models.ForeignKey(
        "services.Material",
        verbose_name="申请材料",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    file = models.ForeignKey(
        "files.StoredFile", verbose_name="文件", on_delete=models.PROTECT, related_name="+"
    )
    correction = models.ForeignKey(
        "services.Correction",
        verbose_name="补正",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="files",
    )
    added_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "办件材料"
        verbose_name_plural = "办件材料"
        ordering = ["case", "material__position", "pk"]

    def __str__(self) -> str:
        return self.material.name if self.material_id else "补正材料"


class Correction(models.Model):
    """The one 补正 (correction notice) of a case: everything missing, in one notice."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="correction")
    issued_on = models.DateField("告知日期")
    missing = models.TextField("需补正的材料和内容", help_text="一次性告知全部需要补正的内容")
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="告知人", on_delete=models.PROTECT, related_name="+"
    )
    supplied_on = models.DateField("补正日期", null=True, blank=True)
    supply_note = models.TextField("申请人补正说明", blank=True)

    class Meta:
        verbose_name = "补正告知"
        verbose_name_plural = "补正告知"

    def __str__(self) -> str:
        return f"{self.case.number} 补正"

    @property
    def missing_items(self) -> list[str]:
        return [line.strip() for line in self.missing.splitlines() if line.strip()]


class ProcedureKind(models.TextChoices):
    HEARING = "hearing", "听证"
    TESTING = "testing", "检验、检测"
    INSPECTION = "inspection", "现场核查、勘验"
    QUARANTINE = "quarantine", "检疫"
    EXPERT = "expert", "专家评审"


class SpecialProcedure(models.Model):
    """特别程序 (Art. 45): its period is not counted in the decision's limit."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="procedures")
    kind = models.CharField("程序", max_length=16, choices=ProcedureKind.choices)
    started_on = models.DateField("开始日期")
    planned_days = models.PositiveSmallIntegerField(
        "所需时间（工作日）", help_text="书面告知申请人的所需时间"
    )
    ended_on = models.DateField("结束日期", null=True, blank=True)
    note = models.CharField("说明", max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "特别程序"
        verbose_name_plural = "特别程序"
        ordering = ["case", "started_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(ended_on__isnull=True), name="procedure_one_open"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case.number} {self.get_kind_display()}"

"""办事指南 (service guides) as versions.

A ``GuideVersion`` holds every element of the national guide standard for one
item: basis, 受理条件, 申请材料 (``Material``), 收费依据和标准 or 不收费, 办理流程
(``Step``), 法定办结时限 and 承诺办结时限 in working days, 到现场次数, place and
hours, online link, phones and 常见问题 (``Question``).

States: 编辑中 draft → 待审核 review → 已发布 published → 已被新版本替代
superseded (``gongkai.services.flow``). Only a draft is edited; publishing a
version supersedes the one before it, and a case records the version it was
filed under, so what an applicant was told stays on record.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from gongkai.core.concurrency import Versioned


class GuideState(models.TextChoices):
    DRAFT = "draft", "编辑中"
    REVIEW = "review", "待审核"
    PUBLISHED = "published", "现行"
    SUPERSEDED = "superseded", "已被新版本替代"


class GuideVersion(Versioned):
    item = models.ForeignKey(
        "services.ServiceItem", verbose_name="事项", on_delete=models.CASCADE, related_name="guides"
    )
    number = models.PositiveSmallIntegerField("版本号")
    state = models.CharField(
        "状态", max_length=12, choices=GuideState.choices, default=GuideState.DRAFT
    )
    power = models.ForeignKey(
        "powers.Power",
        verbose_name="实施的职权",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="发布时在权责清单中有效的职权记录",
    )
    basis = models.TextField("设定和实施依据", blank=True)
    conditions = models.TextField("受理条件", blank=True)
    free = models.BooleanField("不收费", default=True)
    fee_basis = models.TextField("收费依据", blank=True)
    fee_standard = models.TextField("收费标准", blank=True)
    legal_limit = models.PositiveSmallIntegerField(
        "法定办结时限（工作日）", null=True, blank=True, help_text="0 表示即办件"
    )
    promised_limit = models.PositiveSmallIntegerField(
        "承诺办结时限（工作日）", null=True, blank=True, help_text="不得长于法定办结时限"
    )
    visits = models.PositiveSmallIntegerField("到办事现场次数", null=True, blank=True)
    place = models.CharField("办理地点", max_length=200, blank=True)
    hours = models.CharField("办理时间", max_length=200, blank=True)
    online_url = models.URLField("网上办理地址", blank=True)
    consult_phone = models.CharField("咨询电话", max_length=40, blank=True)
    complaint_phone = models.CharField("监督投诉电话", max_length=40, blank=True)
    change_note = models.CharField(
        "修订说明", max_length=300, blank=True, help_text="本版本与上一版本相比改了什么、为什么"
    )
    prepared_by = models.ForeignKey(
        "accounts.User",
        verbose_name="编制人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    superseded_on = models.DateField("替代日期", null=True, blank=True)

    class Meta:
        verbose_name = "办事指南版本"
        verbose_name_plural = "办事指南版本"
        ordering = ["item", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="guide_number_once"),
            models.UniqueConstraint(
                fields=["item"],
                condition=Q(state__in=["draft", "review"]),
                name="guide_one_open_draft",
            ),
            models.UniqueConstraint(
                fields=["item"], condition=Q(state="published"), name="guide_one_current"
            ),
            models.CheckConstraint(
                condition=Q(promised_limit__isnull=True)
                | Q(legal_limit__isnull=True)
                | Q(promised_limit__lte=F("legal_limit")),
                name="guide_promise_not_longer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item.name}（第{self.number}版）"

    @property
    def access_department(self):
        return self.item.department

    @property
    def fee_text(self) -> str:
        return "不收费" if self.free else self.fee_standard


class Medium(models.TextChoices):
    PAPER = "paper", "纸质"
    ELECTRONIC = "electronic", "电子"
    EITHER = "either", "纸质或电子"


class Original(models.TextChoices):
    ORIGINAL = "original", "原件"
    COPY = "copy", "复印件"
    BOTH = "both", "原件和复印件"


class Material(models.Model):
    guide = models.ForeignKey(GuideVersion, on_delete=models.CASCADE, related_name="materials")
    position = models.PositiveSmallIntegerField("序号")
    name = models.CharField("材料名称", max_length=200)
    required = models.BooleanField("必需", default=True)
    medium = models.CharField("材料形式", max_length=12, choices=Medium.choices, default="either")
    original = models.CharField(
        "原件或复印件", max_length=12, choices=Original.choices, default=Original.ORIGINAL
    )
    copies = models.PositiveSmallIntegerField("份数", default=1)
    blank_form = models.ForeignKey(
        "files.StoredFile",
        verbose_name="空白表格",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sample = models.ForeignKey(
        "files.StoredFile",
        verbose_name="示范文本",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    shared_from = models.CharField(
        "可共享获取的部门",
        max_length=100,
        blank=True,
        help_text="由其他部门证照共享获取时填写出证部门，申请人无需提交",
    )
    note = models.CharField("填报说明", max_length=300, blank=True)

    class Meta:
        verbose_name = "申请材料"
        verbose_name_plural = "申请材料"
        ordering = ["guide", "position"]
        constraints = [
            models.UniqueConstraint(fields=["guide", "position"], name="material_position_once")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def shareable(self) -> bool:
        return bool(self.shared_from)


class Step(models.Model):
    guide = models.ForeignKey(GuideVersion, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField("序号")
    name = models.CharField("环节", max_length=40, help_text="如 受理、审查、决定、办结、送达")
    actor = models.CharField("承办岗位", max_length=60, blank=True)
    limit = models.PositiveSmallIntegerField("时限（工作日）", null=True, blank=True)
    description = models.CharField("办理内容", max_length=300, blank=True)

    class Meta:
        verbose_name = "办理环节"
        verbose_name_plural = "办理环节"
        ordering = ["guide", "position"]
        constraints = [
            models.UniqueConstraint(fields=["guide", "position"], name="step_position_once")
        ]

    def __str__(self) -> str:
        return self.name


class Question(models.Model):
    guide = models.ForeignKey(GuideVersion, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField("序号")
    question = models.CharField("问题", max_length=300)
    answer = models.TextField("解答")

    class Meta:
        verbose_name = "常见问题"
        verbose_name_plural = "常见问题"
        ordering = ["guide", "position"]
        constraints = [
            models.UniqueConstraint(fields=["guide", "position"], name="question_position_once")
        ]

    def __str__(self) -> str:
        return self.question

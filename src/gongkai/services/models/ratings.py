"""好差评 (ratings, 国办发〔2019〕51号): the applicant rates a case, and each named 差评
is followed up.

* ``Rating``: one per case and stage (at acceptance, at completion, and the
  applicant's re-rating after a rectification), with the grade, the channel
  (online after the lookup, the SMS link, a counter device) and an anonymous flag.
* ``RatingFollowUp``: a named 差评 (不满意 or 非常不满意, not anonymous) opens one,
  with a workflow on the kernel's timeline (``gongkai.services.rating_flow``):
  待回访 → 整改中 (the call recorded: date, who, what the applicant said) →
  已整改 (the department's answer) → 已复评 (the applicant's re-rating, a second
  ``Rating`` of stage ``rerating``). The rectification runs on a working-day clock
  (stage ``rectification``) whose limit is ``RatingSettings.rectify_days``
  (default 5).
* Anonymous 差评 open no follow-up and are excluded from the follow-up rate.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.workflow.models import HasTimeline

DEFAULT_RECTIFY_DAYS = 5


class Grade(models.IntegerChoices):
    VERY_SATISFIED = 5, "非常满意"
    SATISFIED = 4, "满意"
    BASICALLY_SATISFIED = 3, "基本满意"
    DISSATISFIED = 2, "不满意"
    VERY_DISSATISFIED = 1, "非常不满意"


BAD_GRADES = frozenset({Grade.DISSATISFIED, Grade.VERY_DISSATISFIED})
GOOD_GRADES = frozenset({Grade.VERY_SATISFIED, Grade.SATISFIED, Grade.BASICALLY_SATISFIED})


class RatingStage(models.TextChoices):
    ACCEPTANCE = "acceptance", "受理时评价"
    COMPLETION = "completion", "办结后评价"
    RERATING = "rerating", "整改后复评"


class RatingChannel(models.TextChoices):
    ONLINE = "online", "网上评价"
    SMS = "sms", "短信评价"
    COUNTER = "counter", "窗口评价器"


class RatingSettings(models.Model):
    """A government's 差评 rectification limit, as data an administrator changes."""

    government = models.OneToOneField(
        "orgs.Government", verbose_name="政府", on_delete=models.CASCADE, related_name="+"
    )
    rectify_days = models.PositiveSmallIntegerField(
        "差评整改时限（工作日）", default=DEFAULT_RECTIFY_DAYS
    )

    class Meta:
        verbose_name = "好差评设置"
        verbose_name_plural = "好差评设置"

    def __str__(self) -> str:
        return f"{self.government} {self.rectify_days}个工作日"


class Rating(models.Model):
    case = models.ForeignKey(
        "services.Case", verbose_name="办件", on_delete=models.CASCADE, related_name="ratings"
    )
    stage = models.CharField("评价环节", max_length=12, choices=RatingStage.choices)
    grade = models.PositiveSmallIntegerField("评价", choices=Grade.choices)
    channel = models.CharField("评价渠道", max_length=12, choices=RatingChannel.choices)
    comment = models.TextField("评价意见", blank=True, max_length=500)
    anonymous = models.BooleanField("匿名评价", default=False)
    rated_at = models.DateTimeField("评价时间")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="窗口评价器的评价：登记的工作人员",
    )

    class Meta:
        verbose_name = "办件评价"
        verbose_name_plural = "办件评价"
        ordering = ["case", "rated_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "stage"], name="rating_one_per_case_stage"),
        ]

    def __str__(self) -> str:
        return f"{self.case.number} {self.get_stage_display()} {self.get_grade_display()}"

    @property
    def is_bad(self) -> bool:
        return self.grade in BAD_GRADES

    @property
    def access_department(self):
        return self.case.department


class FollowUpState(models.TextChoices):
    CALLBACK = "callback", "待回访"
    RECTIFYING = "rectifying", "整改中"
    RECTIFIED = "rectified", "已整改"
    RERATED = "rerated", "已复评"


class RatingFollowUp(HasTimeline, models.Model):
    """The follow-up of one named 差评."""

    rating = models.OneToOneField(
        Rating, verbose_name="差评", on_delete=models.CASCADE, related_name="follow_up"
    )
    department = models.ForeignKey(
        "orgs.Department", verbose_name="责任部门", on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(
        "状态", max_length=12, choices=FollowUpState.choices, default=FollowUpState.CALLBACK
    )
    called_on = models.DateField("回访日期", null=True, blank=True)
    called_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="回访人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    call_notes = models.TextField("回访情况（申请人反映）", blank=True)
    rectify_due = models.DateField("整改期限", null=True, blank=True)
    rectified_on = models.DateField("整改日期", null=True, blank=True)
    answer = models.TextField("整改情况（部门答复）", blank=True)
    rerating = models.OneToOneField(
        Rating,
        verbose_name="复评",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "差评回访整改"
        verbose_name_plural = "差评回访整改"
        ordering = ["rectify_due", "pk"]

    def __str__(self) -> str:
        return f"{self.rating.case.number} 差评整改"

    @property
    def access_department(self):
        return self.department

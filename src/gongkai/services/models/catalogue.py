"""Service items (办事事项) and their themes (主题: life events and business events).

``ServiceItem`` is the stable record of one service of one implementing
department: its code, name, level, audience and themes, the power it implements
(by the power's code, and the row in force when the guide was published), and the
guide version the public sees (``current``). The guide's content lives in
``GuideVersion`` rows (``guides.py``): published versions are never edited, so a
case keeps the version it was filed under.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class Level(models.TextChoices):
    CITY = "city", "市级"
    COUNTY = "county", "县级"
    TOWNSHIP = "township", "乡级"


class Audience(models.TextChoices):
    PERSON = "person", "个人办事"
    LEGAL = "legal", "法人办事"


class ItemState(models.TextChoices):
    DRAFT = "draft", "未发布"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已停止办理"


class Theme(models.Model):
    """A life event (个人: 生育收养、户籍办理…) or business event (法人: 设立变更…)."""

    government = models.ForeignKey(
        "orgs.Government", verbose_name="政府", on_delete=models.PROTECT, related_name="+"
    )
    audience = models.CharField("服务对象", max_length=12, choices=Audience.choices)
    name = models.CharField("主题", max_length=40)
    slug = models.SlugField("网址名", max_length=40)
    position = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "办事主题"
        verbose_name_plural = "办事主题"
        ordering = ["audience", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["government", "slug"], name="service_theme_slug"),
        ]

    def __str__(self) -> str:
        return self.name


class ServiceItem(models.Model):
    government = models.ForeignKey(
        "orgs.Government", verbose_name="政府", on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        "orgs.Department", verbose_name="实施主体", on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField("事项编码", max_length=40)
    name = models.CharField("事项名称", max_length=200)
    level = models.CharField("行使层级", max_length=16, choices=Level.choices)
    audiences = models.CharField(
        "服务对象",
        max_length=40,
        help_text="个人办事、法人办事，或两者（以逗号分隔）",
        default=Audience.PERSON,
    )
    themes = models.ManyToManyField(Theme, verbose_name="主题", blank=True, related_name="items")
    power_code = models.CharField(
        "对应职权编码",
        max_length=40,
        blank=True,
        help_text="本事项实施的权责清单职权（行政许可、行政确认、行政给付等）的编码",
    )
    state = models.CharField(
        "状态", max_length=12, choices=ItemState.choices, default=ItemState.DRAFT
    )
    current = models.ForeignKey(
        "services.GuideVersion",
        verbose_name="现行办事指南",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    yellow_days = models.PositiveSmallIntegerField(
        "黄牌预警天数",
        null=True,
        blank=True,
        help_text="距办理时限不足此数个工作日时亮黄牌；空则用默认值 2",
    )
    withdrawn_on = models.DateField("停止办理日期", null=True, blank=True)
    withdrawn_reason = models.CharField("停止办理原因", max_length=300, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "政务服务事项"
        verbose_name_plural = "政务服务事项"
        ordering = ["code"]
        indexes = [
            models.Index(fields=["government", "state", "code"], name="service_gov_state"),
            models.Index(fields=["department", "state"], name="service_dept_state"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["government", "code"], name="service_code_once"),
            models.CheckConstraint(
                condition=~Q(state="published") | Q(current__isnull=False),
                name="service_published_has_guide",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def access_department(self):
        return self.department

    @property
    def audience_list(self) -> list[str]:
        return [a for a in self.audiences.split(",") if a]

    @property
    def audience_labels(self) -> list[str]:
        return [Audience(a).label for a in self.audience_list if a in Audience.values]

"""Reference data of the catalogue, kept as rows an administrator can edit.

* ``SubjectCategory`` — 主题分类 (subject category): the 22 gov.cn categories.
* ``Genre`` — 体裁 (genre): 通知, 公告, 意见 …
* ``ContentCategory`` — what the 条例 says must be disclosed proactively: the 15
  kinds of Art. 20 and the Art. 21 additions for city and county governments;
  ``CategoryRequirement`` says which departments must fill each one.
* ``KeyArea`` — 重点领域 (key area): the nine areas with their own pages.
* ``DisclosureSettings`` — per-government settings (index-number pattern,
  alert periods). Values the regulations do not fix are data here.

The initial rows come from the data migration ``0002_reference_data``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from gongkai.core.concurrency import Versioned
from gongkai.numbering import PatternError, validate_pattern
from gongkai.orgs.models import DepartmentType, GovernmentLevel


class SubjectCategory(models.Model):
    name = models.CharField("名称", max_length=40, unique=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=100)
    active = models.BooleanField("在用", default=True)

    class Meta:
        verbose_name = "主题分类"
        verbose_name_plural = "主题分类"
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name


class Genre(models.Model):
    name = models.CharField("名称", max_length=20, unique=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=100)
    active = models.BooleanField("在用", default=True)

    class Meta:
        verbose_name = "体裁"
        verbose_name_plural = "体裁"
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name


class ContentCategory(models.Model):
    """A kind of information the 条例 requires to be disclosed proactively."""

    code = models.SlugField("代码", max_length=32, unique=True, help_text="如 art20-01")
    article = models.PositiveSmallIntegerField("条", help_text="条例第几条，如 20")
    clause = models.PositiveSmallIntegerField(
        "项", null=True, blank=True, help_text="第几项；第二十一条所列事项不分项则留空"
    )
    name = models.CharField("名称", max_length=60)
    description = models.TextField("条文内容", blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=100)
    active = models.BooleanField("在用", default=True)

    class Meta:
        verbose_name = "法定公开内容"
        verbose_name_plural = "法定公开内容"
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return f"{self.legal_basis} {self.name}"

    @property
    def legal_basis(self) -> str:
        """E.g. 条例第二十条第（七）项, or 条例第二十一条."""
        numerals = "零一二三四五六七八九十"

        def chinese(n: int) -> str:
            if n <= 10:
                return numerals[n]
            tens, ones = divmod(n, 10)
            return (numerals[tens] if tens > 1 else "") + "十" + (numerals[ones] if ones else "")

        text = f"条例第{chinese(self.article)}条"
        if self.clause:
            text += f"第（{chinese(self.clause)}）项"
        return text


class CategoryRequirementQuerySet(models.QuerySet):
    def applying_to(self, department) -> CategoryRequirementQuerySet:
        """Requirements that bind ``department``: named for it, or by kind and level."""
        level = department.government.level
        by_rule = Q(department__isnull=True) & Q(department_kind__in=["", department.kind])
        by_rule &= Q(government_level__in=["", level])
        return self.filter(Q(department=department) | by_rule)


class CategoryRequirement(models.Model):
    """Who must fill a content category: one department, or every department of
    a kind (and/or at a government level). Blank kind or level means "any"."""

    category = models.ForeignKey(
        ContentCategory,
        verbose_name="法定公开内容",
        on_delete=models.CASCADE,
        related_name="requirements",
    )
    department = models.ForeignKey(
        "orgs.Department",
        verbose_name="部门",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="指定某一部门；留空则按部门类型和政府层级",
    )
    department_kind = models.CharField(
        "部门类型", max_length=32, blank=True, choices=DepartmentType.choices
    )
    government_level = models.CharField(
        "政府层级", max_length=16, blank=True, choices=GovernmentLevel.choices
    )

    objects = CategoryRequirementQuerySet.as_manager()

    class Meta:
        verbose_name = "公开内容责任"
        verbose_name_plural = "公开内容责任"
        ordering = ["category__sort_order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(department__isnull=False, department_kind="", government_level="")
                | Q(department__isnull=True),
                name="category_requirement_department_or_rule",
            )
        ]

    def __str__(self) -> str:
        if self.department_id:
            who = str(self.department)
        else:
            kind = self.get_department_kind_display() if self.department_kind else "各类部门"
            level = self.get_government_level_display() if self.government_level else "各级"
            who = f"{level}{kind}"
        return f"{self.category.name}：{who}"

    def clean(self):
        if self.department_id and (self.department_kind or self.government_level):
            raise ValidationError(
                {"department": "指定了部门时，部门类型和政府层级须留空（二者选其一）。"}
            )


class KeyArea(models.Model):
    """重点领域 (key area): an area of disclosure with its own page and responsible unit."""

    slug = models.SlugField("网址标识", max_length=40, unique=True)
    name = models.CharField("名称", max_length=40, unique=True)
    description = models.TextField("说明", blank=True)
    responsible_department = models.ForeignKey(
        "orgs.Department",
        verbose_name="牵头部门",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="key_areas",
    )
    unit_url = models.URLField(
        "牵头单位网站栏目",
        max_length=500,
        blank=True,
        help_text="牵头单位网站上本领域的栏目地址；空着则链接牵头部门的网站",
    )
    sort_order = models.PositiveSmallIntegerField("排序", default=100)
    active = models.BooleanField("在用", default=True)

    class Meta:
        verbose_name = "重点领域"
        verbose_name_plural = "重点领域"
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def unit_link(self) -> str:
        """Where the page sends a visitor for the responsible unit's own publication:
        its column for this area, else the unit's website."""
        if self.unit_url:
            return self.unit_url
        department = self.responsible_department
        return department.website if department is not None else ""


# Placeholders an index-number pattern may use (numbering.validate_pattern).
INDEX_PLACEHOLDERS = frozenset({"机构代码", "区划代码", "年份", "流水号"})
DEFAULT_INDEX_PATTERN = "{机构代码}/{年份}-{流水号:05d}"


def validate_index_pattern(pattern: str) -> None:
    """Refuse patterns that could hand out the same index number twice."""
    try:
        validate_pattern(pattern, INDEX_PLACEHOLDERS)
    except PatternError as error:
        raise ValidationError(error.messages) from None
    if "{机构代码" not in pattern and "{区划代码" not in pattern:
        raise ValidationError(
            "索引号格式须包含 {机构代码} 或 {区划代码}，否则不同机关的索引号可能重复。"
        )


class DisclosureSettings(Versioned):
    """Settings of one government's proactive disclosure. Missing row = defaults."""

    government = models.OneToOneField(
        "orgs.Government",
        verbose_name="政府",
        on_delete=models.CASCADE,
        related_name="disclosure_settings",
    )
    index_number_pattern = models.CharField(
        "索引号格式",
        max_length=100,
        default=DEFAULT_INDEX_PATTERN,
        validators=[validate_index_pattern],
        help_text="可用占位符：{机构代码}（发布机构的统一社会信用代码）、{区划代码}、{年份}、"
        "{流水号:05d}（补零到 5 位）。含 {年份} 时流水号每年从 1 起编。",
    )
    interpretation_alert_working_days = models.PositiveSmallIntegerField(
        "重大政策解读提醒（工作日）",
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="重大政策发布后超过该工作日数仍无政策解读的，提醒政务公开办公室。"
        "条例未规定具体天数，由本级政府确定。",
    )
    expiry_warning_months = models.PositiveSmallIntegerField(
        "规范性文件到期提醒（月）",
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
        help_text="规范性文件有效期届满前多少个月开始提醒评估。",
    )

    class Meta:
        verbose_name = "主动公开设置"
        verbose_name_plural = "主动公开设置"

    def __str__(self) -> str:
        return f"{self.government}主动公开设置"

    @classmethod
    def for_government(cls, government) -> DisclosureSettings:
        """The government's settings, or an unsaved row holding the defaults."""
        found = cls.objects.filter(government=government).first()
        return found or cls(government=government)

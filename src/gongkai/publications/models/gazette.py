"""The gazette, its issues, sections and the documents placed in them.

``Gazette``: one 政府公报 (government gazette) per government, with its title
(《天水市人民政府公报》), sponsor, print size and which edition is authoritative.
``Issue``: 第N期 of a year (``year_number``) and 总第N期 (``total_number``), both
assigned at publication (``services.publishing``) and unique per gazette.
``Section``: the gazette's sections (市政府规章, 市政府文件…) as data with an order.
``Placement``: a catalogue item placed in a section of an issue; ``TextBlock``: a
short text the issue itself compiles (政府大事记, 发文要目).
"""

from __future__ import annotations

from django.db import models


class Edition(models.TextChoices):
    PRINT = "print", "纸质版"
    ELECTRONIC = "electronic", "电子版"


class Gazette(models.Model):
    government = models.OneToOneField(
        "orgs.Government", verbose_name="政府", on_delete=models.PROTECT, related_name="gazette"
    )
    title = models.CharField("刊名", max_length=60, help_text="如 天水市人民政府公报（不含书名号）")
    sponsor = models.CharField("主办单位", max_length=100)
    editor = models.CharField("编辑出版", max_length=100, blank=True)
    print_size = models.CharField(
        "开本", max_length=4, choices=[(s, s) for s in ("A4", "A5", "B5", "A3", "B4")], default="A4"
    )
    authoritative = models.CharField(
        "标准文本", max_length=12, choices=Edition.choices, default=Edition.PRINT
    )
    issues_before = models.PositiveIntegerField(
        "此前已出版期数",
        default=0,
        help_text="本平台启用前已出版的总期数；平台出版的第一期为总第（此数+1）期",
    )

    class Meta:
        verbose_name = "政府公报"
        verbose_name_plural = "政府公报"

    def __str__(self) -> str:
        return f"《{self.title}》"

    @property
    def access_department(self):
        """The government's general office (政府办公室), which edits the gazette."""
        return self.government.departments.filter(kind="general_office").order_by("pk").first()

    @property
    def authority_sentence(self) -> str:
        """The sentence both editions print: which text is the standard one."""
        other = Edition.ELECTRONIC if self.authoritative == Edition.PRINT else Edition.PRINT
        return (
            f"《{self.title}》刊登的规章和规范性文件与正式文件具有同等效力，"
            f"以《{self.title}》{Edition(self.authoritative).label}为标准文本，"
            f"{other.label}与{Edition(self.authoritative).label}内容一致。"
        )


class Section(models.Model):
    """A section of the gazette. ``holds_text``: the issue writes its content itself
    (政府大事记, 发文要目) instead of placing catalogue items."""

    code = models.SlugField("代码", max_length=32, unique=True)
    name = models.CharField("栏目", max_length=30)
    sort_order = models.PositiveSmallIntegerField("排序", default=100)
    holds_text = models.BooleanField("本期编写的内容", default=False)

    class Meta:
        verbose_name = "公报栏目"
        verbose_name_plural = "公报栏目"
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.name


class IssueState(models.TextChoices):
    DRAFT = "draft", "编辑中"
    REVIEW = "review", "待审核"
    PUBLISHED = "published", "已出版"


class Issue(models.Model):
    gazette = models.ForeignKey(Gazette, on_delete=models.PROTECT, related_name="issues")
    state = models.CharField(
        "状态", max_length=12, choices=IssueState.choices, default=IssueState.DRAFT
    )
    covers_from = models.DateField("收录文件起始日期", null=True, blank=True)
    covers_to = models.DateField("收录文件截止日期", null=True, blank=True)
    year = models.PositiveSmallIntegerField("年份", null=True, blank=True, editable=False)
    year_number = models.PositiveSmallIntegerField(
        "年度期号", null=True, blank=True, editable=False
    )
    total_number = models.PositiveIntegerField("总期号", null=True, blank=True, editable=False)
    published_on = models.DateField("出版日期", null=True, blank=True, editable=False)
    catalogue_item = models.ForeignKey(
        "disclosure.InformationItem",
        verbose_name="目录中的本期条目",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="政府信息公开目录中登记本期公报的条目（如有）",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "公报期次"
        verbose_name_plural = "公报期次"
        ordering = ["-total_number", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["gazette", "year", "year_number"], name="gazette_issue_year_number"
            ),
            models.UniqueConstraint(
                fields=["gazette", "total_number"], name="gazette_issue_total_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gazette} {self.label}"

    def get_absolute_url(self) -> str | None:
        from django.urls import reverse

        if self.state != IssueState.PUBLISHED:
            return None
        return reverse("publications_portal:issue", args=[self.pk])

    @property
    def label(self) -> str:
        if self.total_number is None:
            return "（未出版）"
        return f"{self.year}年第{self.year_number}期（总第{self.total_number}期）"

    @property
    def access_department(self):
        return self.gazette.access_department

    def withdrawn_placements(self):
        """Documents of the issue withdrawn from the catalogue since they were placed."""
        return self.placements.exclude(item__state="published").select_related("item")


class Placement(models.Model):
    """A catalogue item printed in a section of an issue, in an order."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="placements")
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(
        "disclosure.InformationItem", on_delete=models.PROTECT, related_name="gazette_placements"
    )
    position = models.PositiveSmallIntegerField("顺序", default=0)
    higher_level = models.BooleanField("上级政府文件", default=False)
    acknowledged_by = models.ForeignKey(
        "accounts.User",
        verbose_name="确认刊登上级文件的人员",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "刊登文件"
        verbose_name_plural = "刊登文件"
        ordering = ["section__sort_order", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "item"], name="gazette_placement_once")
        ]

    def __str__(self) -> str:
        return f"{self.section.name}：{self.item.title}"


class TextBlock(models.Model):
    """A text the issue writes itself: 政府大事记 (chronicle), 发文要目 (list of documents)."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="text_blocks")
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="+")
    title = models.CharField("标题", max_length=120)
    text = models.TextField("正文")
    position = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "本期编写的内容"
        verbose_name_plural = "本期编写的内容"
        ordering = ["section__sort_order", "position", "pk"]

    def __str__(self) -> str:
        return self.title

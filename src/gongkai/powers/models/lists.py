"""The other two lists of 三张清单: the enterprise investment 负面清单 (negative list:
what may not be invested in, or only with approval) and the 财政专项资金管理清单
(special fiscal funds: each fund's purpose, size, beneficiaries, basis and rules).

Like powers, an entry row is one version of an item, valid from ``valid_from``
until ``valid_to`` (exclusive; empty while in force); a change recorded under a
decision document (``ListDocument``) closes rows and opens new ones, never edits
a closed row, so "the list as it stood on a date" is one filter and the
document says what it changed.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q


class ListKind(models.TextChoices):
    NEGATIVE = "negative", "负面清单"
    FUNDS = "funds", "财政专项资金管理清单"


class EntryChange(models.TextChoices):
    ADD = "add", "新增"
    AMEND = "amend", "调整"
    REMOVE = "remove", "取消"


CATEGORIES = {
    ListKind.NEGATIVE: ("禁止类", "限制类（须核准）"),
    ListKind.FUNDS: ("产业发展", "社会事业", "农业农村", "城乡建设", "生态环保", "其他"),
}


class ListDocument(models.Model):
    """The decision that published or changed a list (e.g. 天政发〔2016〕40号)."""

    government = models.ForeignKey(
        "orgs.Government", verbose_name="政府", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("清单", max_length=12, choices=ListKind.choices)
    number = models.CharField("文号", max_length=60)
    title = models.CharField("文件名称", max_length=200)
    effective_on = models.DateField("生效日期")
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "清单发布和调整文件"
        verbose_name_plural = "清单发布和调整文件"
        ordering = ["-effective_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "kind", "number"], name="list_document_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}《{self.title}》"


class ListEntryQuerySet(models.QuerySet):
    def current(self):
        return self.filter(valid_to__isnull=True)

    def as_of(self, day: date):
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day), valid_from__lte=day)


class ListEntry(models.Model):
    government = models.ForeignKey(
        "orgs.Government", verbose_name="政府", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("清单", max_length=12, choices=ListKind.choices)
    code = models.CharField("编号", max_length=40)
    name = models.CharField("事项名称", max_length=200)
    category = models.CharField("类别", max_length=40)
    department = models.ForeignKey(
        "orgs.Department", verbose_name="主管部门", on_delete=models.PROTECT, related_name="+"
    )
    content = models.TextField(
        "管理措施或资金用途", help_text="负面清单：禁止或须核准的内容；专项资金：资金用途和支持对象"
    )
    basis = models.TextField("设立依据")
    amount = models.DecimalField(
        "资金规模（万元）", max_digits=12, decimal_places=2, null=True, blank=True
    )
    rules = models.CharField(
        "管理办法或核准机关", max_length=200, blank=True,
        help_text="专项资金的管理办法；负面清单限制类事项的核准机关",
    )  # fmt: skip
    valid_from = models.DateField("生效日期")
    valid_to = models.DateField("失效日期", null=True, blank=True)
    opened_by = models.ForeignKey(
        ListDocument, verbose_name="列入或调整文件", on_delete=models.PROTECT, related_name="opened"
    )
    opened_as = models.CharField("列入方式", max_length=12, choices=EntryChange.choices)
    closed_by = models.ForeignKey(
        ListDocument,
        verbose_name="调整或取消文件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="closed",
    )

    objects = ListEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "清单事项"
        verbose_name_plural = "清单事项"
        ordering = ["code", "valid_from"]
        indexes = [
            models.Index(
                fields=["government", "kind", "valid_to", "valid_from"], name="entry_asof"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "kind", "code"],
                condition=Q(valid_to__isnull=True),
                name="entry_code_once_in_force",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="entry_valid_to_after_from",
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0), name="entry_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def access_department(self):
        return self.department

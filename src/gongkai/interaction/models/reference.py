"""Reference data of the message boards: channels, message types, routing rules."""

from __future__ import annotations

import re

from django.db import models


class ChannelKind(models.TextChoices):
    BOARD = "board", "留言板"
    MAILBOX = "mailbox", "信箱"
    HOTLINE = "hotline", "热线电话"


class Channel(models.Model):
    """市委书记留言板, 市长留言板, 市长信箱, 市长热线 and the counties' boards of the same kinds."""

    government = models.ForeignKey(
        "orgs.Government", verbose_name="政府", on_delete=models.PROTECT, related_name="channels"
    )
    code = models.SlugField("代码", max_length=40, unique=True)
    name = models.CharField("名称", max_length=40)
    kind = models.CharField("类型", max_length=16, choices=ChannelKind.choices)
    office = models.ForeignKey(
        "orgs.Department",
        verbose_name="受理办公室",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="负责受理、交办、审核答复的办公室（如 市政府办公室）",
    )
    private_by_nature = models.BooleanField(
        "一律不公开", default=False, help_text="如 市长信箱：来信只由受理办公室和承办部门查看"
    )
    staff_recorded = models.BooleanField(
        "由工作人员登记", default=False, help_text="如 市长热线：来电由话务员登记"
    )
    description = models.TextField("受理范围说明", blank=True)
    active = models.BooleanField("在用", default=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=100)

    class Meta:
        verbose_name = "留言渠道"
        verbose_name_plural = "留言渠道"
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def access_department(self):
        return self.office


class MessageType(models.Model):
    """咨询, 求助, 建议, 投诉, 举报 — each with its own reply limit (working days)."""

    code = models.SlugField("代码", max_length=20, unique=True)
    name = models.CharField("名称", max_length=10)
    reply_limit_days = models.PositiveSmallIntegerField(
        "答复时限（工作日）", help_text="自交办之日起计算；各地规定不同，可调整"
    )
    confidential = models.BooleanField(
        "保密", default=False, help_text="如 举报：只由受理办公室和承办部门经办人查看，一律不公开"
    )
    sort_order = models.PositiveSmallIntegerField("排序", default=100)

    class Meta:
        verbose_name = "留言类型"
        verbose_name_plural = "留言类型"
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name


class RefusalReason(models.Model):
    """不予受理 reasons from the boards' acceptance scope (受理范围)."""

    code = models.SlugField("代码", max_length=30, unique=True)
    name = models.CharField("理由", max_length=100)
    explanation = models.TextField("告知留言人的说明")
    is_duplicate = models.BooleanField("重复留言", default=False)
    sort_order = models.PositiveSmallIntegerField("排序", default=100)

    class Meta:
        verbose_name = "不予受理理由"
        verbose_name_plural = "不予受理理由"
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name


class RoutingRule(models.Model):
    """Suggests the lead department: type × subject keywords × place; first match (by order) wins."""

    order = models.PositiveIntegerField("顺序", default=100, help_text="数字小的先匹配")
    message_type = models.ForeignKey(
        MessageType,
        verbose_name="留言类型",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text="留空表示任何类型",
    )
    keywords = models.CharField(
        "关键词",
        max_length=300,
        blank=True,
        help_text="以空格或逗号分隔，标题或内容含有任一关键词即匹配；留空表示不限",
    )
    place = models.ForeignKey(
        "orgs.Government",
        verbose_name="所涉地区",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text="留空表示任何地区",
    )
    department = models.ForeignKey(
        "orgs.Department", verbose_name="主办部门", on_delete=models.CASCADE, related_name="+"
    )
    co_departments = models.ManyToManyField(
        "orgs.Department", verbose_name="协办部门", blank=True, related_name="+"
    )
    active = models.BooleanField("在用", default=True)
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "交办规则"
        verbose_name_plural = "交办规则"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.order}. {self.keywords or '（任意）'} → {self.department}"

    def keyword_list(self) -> list[str]:
        return [k for k in re.split(r"[\s,，、;；]+", self.keywords) if k]

    def matches(self, *, message_type_id: int | None, text: str, place_id: int | None) -> bool:
        if self.message_type_id and self.message_type_id != message_type_id:
            return False
        if self.place_id and self.place_id != place_id:
            return False
        words = self.keyword_list()
        return not words or any(w in text for w in words)

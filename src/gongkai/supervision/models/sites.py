"""Sites outside the platform (county and department sites) registered for inspection,
their columns, the availability probes and the inspections' reports."""

from __future__ import annotations

from django.db import models

from gongkai.portal.columns import KIND_LABELS


class Site(models.Model):
    name = models.CharField("网站名称", max_length=100)
    home_url = models.URLField("首页地址", unique=True)
    government = models.ForeignKey(
        "orgs.Government",
        verbose_name="所属政府",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    department = models.ForeignKey(
        "orgs.Department",
        verbose_name="主办部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    with_services = models.BooleanField(
        "有对外政务服务事项", default=True, help_text="否：按75分满分计分，再折算为百分制"
    )
    active = models.BooleanField("在检", default=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "检查网站"
        verbose_name_plural = "检查网站"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SiteColumnEntry(models.Model):
    """A column of a registered site; without any, the home page's navigation is read."""

    site = models.ForeignKey(
        Site, verbose_name="网站", on_delete=models.CASCADE, related_name="columns"
    )
    name = models.CharField("栏目名称", max_length=100)
    url = models.URLField("栏目地址")
    kind = models.CharField(
        "栏目类别", max_length=16, choices=list(KIND_LABELS.items()), default="other"
    )
    sort_order = models.PositiveSmallIntegerField("排序", default=100)

    class Meta:
        verbose_name = "网站栏目"
        verbose_name_plural = "网站栏目"
        ordering = ["sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["site", "url"], name="site_column_once"),
        ]

    def __str__(self) -> str:
        return f"{self.site.name} · {self.name}"


class Probe(models.Model):
    """One availability probe of a site's home page (at least 20 a day, 国办秘函〔2019〕19号)."""

    site = models.ForeignKey(
        Site, verbose_name="网站", on_delete=models.CASCADE, related_name="probes"
    )
    at = models.DateTimeField("监测时间")
    status = models.PositiveSmallIntegerField("状态码", null=True, blank=True)
    seconds = models.FloatField("响应秒数")
    failed = models.BooleanField("失败")
    error = models.CharField("错误", max_length=200, blank=True)

    class Meta:
        verbose_name = "可用性监测"
        verbose_name_plural = "可用性监测"
        ordering = ["-at"]
        indexes = [models.Index(fields=["site", "at"], name="probe_site_at_idx")]

    def __str__(self) -> str:
        return f"{self.site.name} {self.at:%Y-%m-%d %H:%M} {'失败' if self.failed else '正常'}"


class Inspection(models.Model):
    """A site's inspection as it was made: the report kept whole, for the 通报 and appeals."""

    site = models.ForeignKey(
        Site, verbose_name="网站", on_delete=models.CASCADE, related_name="inspections"
    )
    inspected_on = models.DateField("检查日")
    score = models.DecimalField("得分", max_digits=6, decimal_places=2)
    passed = models.BooleanField("合格")
    vetoes = models.JSONField("单项否决", default=list)
    report = models.JSONField("检查报告")
    created_at = models.DateTimeField("检查时间", auto_now_add=True)

    class Meta:
        verbose_name = "网站检查"
        verbose_name_plural = "网站检查"
        ordering = ["-inspected_on", "-id"]

    def __str__(self) -> str:
        return f"{self.site.name} {self.inspected_on}"


class LinkCheck(models.Model):
    """The last check of a link the platform's pages give to another site
    (``gongkai.portal.columns.outside_links``)."""

    url = models.URLField("链接地址", max_length=500, unique=True)
    label = models.CharField("链接", max_length=200)
    on = models.CharField("所在页面", max_length=300)
    status = models.PositiveSmallIntegerField("状态码", null=True, blank=True)
    error = models.CharField("错误", max_length=200, blank=True)
    broken = models.BooleanField("错误链接", default=False, help_text="404 或 403")
    failing = models.BooleanField("待复查", default=False, help_text="无应答或其他错误")
    checked_at = models.DateTimeField("检查时间")

    class Meta:
        verbose_name = "链接检查"
        verbose_name_plural = "链接检查"
        ordering = ["-broken", "-failing", "label"]

    def __str__(self) -> str:
        return self.label

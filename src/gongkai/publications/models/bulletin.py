"""政务公开栏 (public bulletin boards): physical boards in public places and the issues
posted on them.

``Board``: a board at a location, with its size (the poster PDF is made at it).
``BulletinIssue``: 第N期 of a year for a government: a theme, the text, the boards it
is posted on, the day it was posted and the day it was taken down.
"""

from __future__ import annotations

from django.db import models


class Board(models.Model):
    government = models.ForeignKey(
        "orgs.Government", verbose_name="政府", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("公开栏", max_length=60)
    location = models.CharField("位置", max_length=120)
    width_mm = models.PositiveSmallIntegerField("宽（毫米）", default=1200)
    height_mm = models.PositiveSmallIntegerField("高（毫米）", default=900)
    active = models.BooleanField("在用", default=True)

    class Meta:
        verbose_name = "政务公开栏"
        verbose_name_plural = "政务公开栏"
        ordering = ["government__path", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def size_label(self) -> str:
        return f"{self.width_mm / 10:g}×{self.height_mm / 10:g}厘米"


class BulletinIssue(models.Model):
    government = models.ForeignKey(
        "orgs.Government", verbose_name="政府", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年份")
    number = models.PositiveSmallIntegerField("期号", help_text="该年第几期")
    theme = models.CharField("主题", max_length=100)
    text = models.TextField("内容")
    boards = models.ManyToManyField(Board, verbose_name="张贴的公开栏", related_name="issues")
    posted_on = models.DateField("张贴日期")
    removed_on = models.DateField("撤下日期", null=True, blank=True)

    class Meta:
        verbose_name = "政务公开栏期次"
        verbose_name_plural = "政务公开栏期次"
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "year", "number"], name="bulletin_issue_number"
            ),
            models.CheckConstraint(
                condition=models.Q(removed_on__isnull=True)
                | models.Q(removed_on__gte=models.F("posted_on")),
                name="bulletin_removed_after_posted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}年第{self.number}期 {self.theme}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("publications_portal:bulletin", args=[self.pk])

"""赠阅 (free distribution) of the gazette: recipients and the copies each issue sent them.

``Recipient``: a unit on the gazette's distribution list with its usual copies per
issue; ``Delivery``: the copies an issue actually sent to a recipient (fixed when the
issue is distributed, so a later change of the list does not rewrite the past).
The year's total copies is computed (``services.distributing.copies_in_year``).
"""

from __future__ import annotations

from django.db import models


class RecipientKind(models.TextChoices):
    UNIT = "unit", "市直单位"
    COUNTY = "county", "县区"
    TOWNSHIP = "township", "乡镇（街道）"
    PARTY = "party", "市委"
    CONGRESS = "congress", "市人大常委会"
    CPPCC = "cppcc", "市政协"
    DEMOCRATIC_PARTY = "democratic_party", "民主党派"
    SISTER_CITY = "sister_city", "友好城市"
    READING_POINT = "reading_point", "公共查阅点"
    OTHER = "other", "其他"


class Recipient(models.Model):
    gazette = models.ForeignKey(
        "publications.Gazette", on_delete=models.CASCADE, related_name="recipients"
    )
    name = models.CharField("赠阅对象", max_length=100)
    kind = models.CharField("类别", max_length=20, choices=RecipientKind.choices)
    copies = models.PositiveIntegerField("每期册数")
    active = models.BooleanField("在赠阅名单中", default=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=100)

    class Meta:
        verbose_name = "赠阅对象"
        verbose_name_plural = "赠阅对象"
        ordering = ["sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["gazette", "name"], name="gazette_recipient_name")
        ]

    def __str__(self) -> str:
        return self.name


class Delivery(models.Model):
    issue = models.ForeignKey(
        "publications.Issue", on_delete=models.CASCADE, related_name="deliveries"
    )
    recipient = models.ForeignKey(Recipient, on_delete=models.PROTECT, related_name="deliveries")
    copies = models.PositiveIntegerField("册数")

    class Meta:
        verbose_name = "赠阅记录"
        verbose_name_plural = "赠阅记录"
        constraints = [
            models.UniqueConstraint(fields=["issue", "recipient"], name="gazette_delivery_once")
        ]

    def __str__(self) -> str:
        return f"{self.recipient.name} {self.copies}册"

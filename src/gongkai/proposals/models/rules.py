"""Handling periods per government and body (人大 / 政协), as data.

Defaults follow regulations.md §7: a deputy's suggestion (代表建议) is answered
within 3 months of assignment (交办), 6 months when complex; an unsatisfied
deputy gets a new reply within 1 month. The CPPCC (政协提案) national period is
UNCONFIRMED, so each government keeps its local rule in a row of its own (one
province: 5 months for plenary-session proposals, complex ≤ 6, redo within 3).
"""

from django.db import models

from gongkai.core.concurrency import Versioned


class Body(models.TextChoices):
    CONGRESS = "congress", "人大"
    CPPCC = "cppcc", "政协"


class ProposalRules(Versioned):
    government = models.ForeignKey(
        "orgs.Government", verbose_name="政府", on_delete=models.CASCADE, related_name="+"
    )
    body = models.CharField("届次类别", max_length=16, choices=Body.choices)
    limit_months = models.PositiveSmallIntegerField(
        "办理期限（月）", default=3, help_text="自交办之日起按月计算"
    )
    complex_limit_months = models.PositiveSmallIntegerField("复杂事项办理期限（月）", default=6)
    co_opinion_days = models.PositiveSmallIntegerField(
        "会办意见提前天数",
        default=15,
        help_text="会办、协办单位应在主办单位办理期限届满前多少日（自然日）提出会办意见",
    )
    rehandle_months = models.PositiveSmallIntegerField(
        "重新办理期限（月）", default=1, help_text="代表、委员不满意的，重新办理并答复的期限"
    )
    max_rehandling = models.PositiveSmallIntegerField(
        "最多重新办理次数", default=1, help_text="用尽后仍不满意的，登记后办结"
    )

    class Meta:
        verbose_name = "建议提案办理规则"
        verbose_name_plural = "建议提案办理规则"
        constraints = [
            models.UniqueConstraint(fields=["government", "body"], name="proposal_rules_one")
        ]

    def __str__(self) -> str:
        return f"{self.government.name}{self.get_body_display()}建议提案办理规则"

    @classmethod
    def for_body(cls, government, body: str) -> "ProposalRules":
        found = cls.objects.filter(government=government, body=body).first()
        return found or cls(government=government, body=body)

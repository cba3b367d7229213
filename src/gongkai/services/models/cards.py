"""电子监察 (electronic supervision) cards: a yellow or red card on a case.

A card is issued by the system (``services.services.cards.sweep``) when a case
nears or passes one of its limits, or when an anomaly is found; the case's
department explains it, the 监察 (supervisor) confirms or withdraws it. Its
states and transitions are ``gongkai.services.card_flow.CARD_FLOW``; its history
is the kernel's timeline.

At most one open card (issued or explained) per (case, reason, limit): a yellow
card becomes red by issuing a red card with its own reason (the yellow stays on
record).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from gongkai.workflow.models import HasTimeline


class CardColour(models.TextChoices):
    YELLOW = "yellow", "黄牌"
    RED = "red", "红牌"


class CardReason(models.TextChoices):
    NEAR_LIMIT = "near_limit", "临近办理时限"
    OVERDUE_LAW = "overdue_law", "超过法定办结期限"
    OVERDUE_PROMISE = "overdue_promise", "超过承诺办结期限"
    STAGE_LATE = "stage_late", "环节超时"
    REFUSED_COMPLETE = "refused_complete", "对视为受理的申请不予受理"
    NO_REASONS = "no_reasons", "不予受理、不予许可或补正未说明理由"
    OUTSIDE_SYSTEM = "outside_system", "体外办理（事后补录）"


class CardLimit(models.TextChoices):
    LEGAL = "legal", "法定办结期限"
    PROMISE = "promise", "承诺办结期限"
    CORRECTION = "correction", "补正告知期限"
    CERTIFICATE = "certificate", "制证送达期限"
    NONE = "", "—"


class CardState(models.TextChoices):
    ISSUED = "issued", "已发出"
    EXPLAINED = "explained", "已说明"
    CONFIRMED = "confirmed", "已确认"
    WITHDRAWN = "withdrawn", "已撤销"


OPEN_CARD_STATES = frozenset({CardState.ISSUED, CardState.EXPLAINED})


class SupervisionCard(HasTimeline, models.Model):
    case = models.ForeignKey(
        "services.Case", verbose_name="办件", on_delete=models.CASCADE, related_name="cards"
    )
    department = models.ForeignKey(
        "orgs.Department",
        verbose_name="责任部门",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="发牌时办件的实施主体",
    )
    colour = models.CharField("颜色", max_length=8, choices=CardColour.choices)
    reason = models.CharField("原因", max_length=20, choices=CardReason.choices)
    limit = models.CharField(
        "时限", max_length=12, choices=CardLimit.choices, blank=True, default=""
    )
    due = models.DateField("到期日", null=True, blank=True)
    issued_on = models.DateField("发牌日期")
    detail = models.CharField("说明", max_length=300, blank=True)
    state = models.CharField(
        "状态", max_length=12, choices=CardState.choices, default=CardState.ISSUED
    )
    explanation = models.TextField("部门说明", blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "电子监察牌"
        verbose_name_plural = "电子监察牌"
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "reason", "limit"],
                condition=Q(state__in=["issued", "explained"]),
                name="card_one_open_per_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["department", "state"], name="card_dept_state"),
            models.Index(fields=["issued_on"], name="card_issued_on"),
        ]

    def __str__(self) -> str:
        return f"{self.get_colour_display()} {self.get_reason_display()}"

    @property
    def access_department(self):
        return self.department

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_CARD_STATES

"""Per-government settings of the application workflow: the values the law leaves open."""

from __future__ import annotations

from django.db import models

from gongkai.core.concurrency import Versioned

# Fixed by the Regulation (条例); kept here so every module names them the same way.
REPLY_LIMIT_DAYS = 20  # Art. 33
EXTENSION_MAX_DAYS = 20  # Art. 33, once
CORRECTION_NOTICE_DAYS = 7  # Art. 30
CONSULTATION_DAYS = 15  # Art. 32, Art. 34


class ApplicationRules(Versioned):
    """What each government decides for itself (UNCONFIRMED nationally: configurable data)."""

    government = models.OneToOneField(
        "orgs.Government",
        verbose_name="政府",
        on_delete=models.CASCADE,
        related_name="application_rules",
    )
    correction_period_days = models.PositiveSmallIntegerField(
        "补正期限（工作日）",
        default=15,
        help_text="第三十条只要求“合理的补正期限”，本地规定未明确时默认15个工作日",
    )
    fee_payment_days = models.PositiveSmallIntegerField(
        "缴费期限（工作日）",
        default=20,
        help_text="自收到收费通知次日起计算（省级规定；全国性规定未明确）",
    )
    fee_pauses_reply = models.BooleanField(
        "等待缴费期间暂停答复期限",
        default=True,
        help_text="国家规定未明确：默认暂停",
    )
    fee_payment_instructions = models.TextField(
        "缴费方式",
        default="请持本通知书到受理机关财务窗口缴纳，或按通知书所列账户转账，并注明受理编号。",
    )
    due_soon_days = models.PositiveSmallIntegerField(
        "临期提醒（工作日）", default=3, help_text="答复期限届满前几个工作日提醒经办人"
    )
    duplicate_window_minutes = models.PositiveSmallIntegerField(
        "重复提交判定时长（分钟）",
        default=10,
        help_text="同一申请人、同一内容在此时长内再次提交，视为同一申请",
    )
    notice_number_pattern = models.CharField(
        "告知书文号格式",
        max_length=80,
        default="{机关简称}依申〔{年份}〕{流水号}号",
        help_text="可用：{机关简称} {年份} {流水号}",
    )

    class Meta:
        verbose_name = "依申请公开设置"
        verbose_name_plural = "依申请公开设置"

    def __str__(self) -> str:
        return f"{self.government.name}依申请公开设置"

    @classmethod
    def for_government(cls, government) -> ApplicationRules:
        """The government's rules, or (for reading) the defaults when none are stored yet."""
        rules = cls.objects.filter(government=government).first()
        return rules or cls(government=government)

"""A consultation (意见征集) and its rounds (轮次): the period, the draft's clauses.

A consultation belongs to the department that owns it. It is one of two
kinds: comments on a draft (草案征求意见), whose text is split into clauses
(条款) that comments can point at, or a call for submissions (方案/作品/名称
征集) — road names, design schemes, logos, slogans, mascots — whose entries
may go to a public vote.

Its phase is never stored: it follows from the current round's period and the
clock, so a consultation stops accepting comments at its closing minute
(Asia/Shanghai) whether or not any job has run::

    draft     not yet published (staff only)
    planned   published, the period has not begun (即将开始)
    open      opens_at <= now < closes_at (征集中)
    closed    the period is over, no feedback yet (已截止)
    voting    closed, and the round's vote is open (投票中)
    feedback  the round's feedback report is published (已反馈)

A draft goes through several rounds (再参与): a new version of the draft opens
a new round, which shows what changed since the last one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.core.concurrency import Versioned
from gongkai.workflow.models import HasTimeline


class Kind(models.TextChoices):
    DRAFT = "draft", "草案征求意见"
    CALL = "call", "方案征集"


class Phase(models.TextChoices):
    DRAFT = "draft", "未发布"
    PLANNED = "planned", "即将开始"
    OPEN = "open", "征集中"
    CLOSED = "closed", "已截止"
    VOTING = "voting", "投票中"
    FEEDBACK = "feedback", "已反馈"


class ConsultationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)


class Consultation(HasTimeline, Versioned):
    department = models.ForeignKey(
        "orgs.Department",
        verbose_name="征集单位",
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    kind = models.CharField("类型", max_length=8, choices=Kind.choices, default=Kind.DRAFT)
    subject = models.CharField(
        "征集内容",
        max_length=40,
        blank=True,
        help_text="方案征集的对象，如“道路名称”“设计方案”“标识”“吉祥物”",
    )
    title = models.CharField("标题", max_length=200)
    summary = models.TextField("征集说明", help_text="背景、目的和征集的具体要求")
    contact_name = models.CharField("联系人", max_length=50)
    contact_phone = models.CharField("联系电话", max_length=40)
    contact_email = models.EmailField("电子邮箱", blank=True)
    contact_address = models.CharField("通信地址", max_length=200, blank=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = "意见征集"
        verbose_name_plural = "意见征集"
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def government(self):
        return self.department.government

    def current_round(self) -> Round | None:
        """The latest round (cached on the instance; prefetched rounds are used)."""
        if not hasattr(self, "_current_round"):
            cache = getattr(self, "_prefetched_objects_cache", {})
            if "rounds" in cache:
                rounds = sorted(cache["rounds"], key=lambda r: r.number)
                self._current_round = rounds[-1] if rounds else None
            else:
                self._current_round = self.rounds.order_by("-number").first()
        return self._current_round

    def phase(self, now=None) -> str:
        current = self.current_round()
        if self.published_at is None or current is None:
            return Phase.DRAFT
        return current.phase(now)

    def as_of(self, now) -> Consultation:
        """Judge the phase (and so access) at ``now``: an action reads the clock once."""
        self._as_of = now
        return self

    @property
    def state(self) -> str:
        """The phase now (or as of ``as_of``): what ``gongkai.access`` checks rules against."""
        return self.phase(getattr(self, "_as_of", None))

    def get_public_url(self) -> str:
        from django.urls import reverse

        return reverse("consultations_portal:detail", args=[self.pk])


class Round(models.Model):
    consultation = models.ForeignKey(
        Consultation, verbose_name="意见征集", on_delete=models.CASCADE, related_name="rounds"
    )
    number = models.PositiveSmallIntegerField("轮次", default=1)
    opens_at = models.DateTimeField("开始时间")
    closes_at = models.DateTimeField("截止时间", help_text="此刻起不再接受意见")
    changes_note = models.TextField(
        "修改说明", blank=True, help_text="新一轮：根据上一轮意见作了哪些修改"
    )
    vote_opens_at = models.DateTimeField("投票开始时间", null=True, blank=True)
    vote_closes_at = models.DateTimeField("投票截止时间", null=True, blank=True)
    feedback_summary = models.TextField("反馈说明", blank=True)
    feedback_published_at = models.DateTimeField("反馈发布时间", null=True, blank=True)
    feedback_published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="反馈发布人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "征集轮次"
        verbose_name_plural = "征集轮次"
        ordering = ["consultation", "number"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "number"], name="round_number"),
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")), name="round_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.consultation} 第{self.number}轮"

    def phase(self, now=None) -> str:
        now = now or timezone.now()
        if self.feedback_published_at is not None:
            return Phase.FEEDBACK
        if now < self.opens_at:
            return Phase.PLANNED
        if now < self.closes_at:
            return Phase.OPEN
        if self.vote_open(now):
            return Phase.VOTING
        return Phase.CLOSED

    def accepts_comments(self, now=None) -> bool:
        now = now or timezone.now()
        return self.feedback_published_at is None and self.opens_at <= now < self.closes_at

    def vote_open(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.vote_opens_at is not None
            and self.vote_closes_at is not None
            and self.feedback_published_at is None
            and self.vote_opens_at <= now < self.vote_closes_at
        )


class Clause(models.Model):
    """One clause (条款) of a round's draft: 第三条, 一、, or the preamble (no label)."""

    round = models.ForeignKey(
        Round, verbose_name="轮次", on_delete=models.CASCADE, related_name="clauses"
    )
    position = models.PositiveSmallIntegerField("顺序")
    label = models.CharField("条款号", max_length=40, blank=True)
    text = models.TextField("条文")

    class Meta:
        verbose_name = "条款"
        verbose_name_plural = "条款"
        ordering = ["round", "position"]
        constraints = [
            models.UniqueConstraint(fields=["round", "position"], name="clause_position"),
        ]

    def __str__(self) -> str:
        return self.label or "序言"

    @property
    def anchor(self) -> str:
        return f"clause-{self.position}"


class ConsultationFile(models.Model):
    """An attachment of a round's draft (the full text, maps, drawings)."""

    round = models.ForeignKey(
        Round, verbose_name="轮次", on_delete=models.CASCADE, related_name="files"
    )
    file = models.ForeignKey("files.StoredFile", verbose_name="文件", on_delete=models.PROTECT)
    title = models.CharField("名称", max_length=200, blank=True)

    class Meta:
        verbose_name = "征集附件"
        verbose_name_plural = "征集附件"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title or self.file.original_name

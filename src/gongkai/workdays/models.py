"""The holiday calendar as data, and the one clock model of every statutory deadline.

Calendar
    A year is *covered* only when it has a ``CalendarYear`` row. Within a
    covered year a day is a working day when it is Monday to Friday and not a
    ``SpecialDay`` of kind ``holiday`` (法定节假日), or when it is a Saturday or
    Sunday recorded as a ``SpecialDay`` of kind ``workday`` (调休上班日).
    Ordinary weekends have no row. Every change goes through the actions in
    ``gongkai.workdays.calendar_changes`` / ``importing`` / ``seeding``, which
    renew ``CalendarRevision`` so every process notices the change.

Clocks
    See ``gongkai.workdays.clocks`` for the rules and the actions; this module
    only holds the rows.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class CalendarYear(models.Model):
    year = models.PositiveSmallIntegerField("年度", unique=True)
    source = models.TextField(
        "来源", help_text="如 国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕X号）"
    )
    loaded_at = models.DateTimeField("导入时间", default=timezone.now)
    note = models.TextField("备注", blank=True)

    class Meta:
        verbose_name = "日历年度"
        verbose_name_plural = "日历年度"
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year}年"


class SpecialDayKind(models.TextChoices):
    HOLIDAY = "holiday", "法定节假日（工作日放假）"
    WORKDAY = "workday", "调休上班日（周末上班）"


class SpecialDay(models.Model):
    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=16, choices=SpecialDayKind.choices)
    name = models.CharField("节日", max_length=64, help_text="如 春节、国庆节")
    year = models.PositiveSmallIntegerField("年度", db_index=True, editable=False)

    class Meta:
        verbose_name = "节假日与调休"
        verbose_name_plural = "节假日与调休"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}（{self.get_kind_display()}）"

    def save(self, *args, **kwargs):
        # ``year`` is derived from ``date`` and kept for per-year queries.
        self.year = self.date.year
        super().save(*args, **kwargs)

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.date is None:
            return
        weekend = self.date.weekday() >= 5
        if self.kind == SpecialDayKind.WORKDAY and not weekend:
            raise ValidationError(
                {"kind": "调休上班日必须是星期六或星期日：工作日本来就上班，无需登记。"}
            )
        if self.kind == SpecialDayKind.HOLIDAY and weekend:
            raise ValidationError(
                {"kind": "该日是周末，本来就休息，无需登记为节假日（只登记占用工作日的放假日）。"}
            )
        if not CalendarYear.objects.filter(year=self.date.year).exists():
            raise ValidationError(
                {
                    "date": f"{self.date.year}年尚未建立日历年度：请先导入该年节假日安排或新增日历年度。"
                }
            )


class CalendarRevision(models.Model):
    """One row whose token changes with every calendar change.

    Processes compare the token they built their working-day table from with
    this row (at most about once a second) to notice changes made elsewhere.
    A random token rather than a counter: a change rolled back and another
    committed cannot be mistaken for each other.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "日历版本"
        verbose_name_plural = "日历版本"

    def __str__(self) -> str:
        return f"{self.token} ({self.changed_at:%Y-%m-%d %H:%M:%S})"


class ClockState(models.TextChoices):
    RUNNING = "running", "计时中"
    PAUSED = "paused", "已暂停"
    STOPPED = "stopped", "已终止"
    MET = "met", "按期完成"
    OVERDUE = "overdue", "已超期"


OPEN_STATES = (ClockState.RUNNING, ClockState.PAUSED, ClockState.OVERDUE)


class ClockUnit(models.TextChoices):
    """What a clock counts. Working days (工作日) skip weekends and holidays on the
    calendar; hours (自然小时, e.g. 舆情回应's 5 and 24 hours, 国办发〔2016〕61号) run
    on through nights, weekends and holidays and need no calendar."""

    WORKING_DAYS = "working_days", "工作日"
    HOURS = "hours", "小时"


class ClockQuerySet(models.QuerySet):
    def for_subject(self, subject: models.Model) -> ClockQuerySet:
        return self.filter(
            content_type=ContentType.objects.get_for_model(subject), object_id=str(subject.pk)
        )

    def open(self) -> ClockQuerySet:
        """Clocks still counting or overdue and not yet finished."""
        return self.filter(state__in=OPEN_STATES, finished_on__isnull=True)


class Clock(models.Model):
    """One statutory deadline of one subject (an application, a message …) at one stage."""

    content_type = models.ForeignKey(
        ContentType, verbose_name="对象类型", on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.CharField("对象编号", max_length=64)
    subject = GenericForeignKey("content_type", "object_id")
    stage = models.CharField("环节", max_length=32, help_text="如 reply（答复）、sign_for（签收）")
    label = models.CharField("事项", max_length=200)
    url = models.CharField("链接", max_length=255, blank=True)
    department = models.ForeignKey(
        "orgs.Department", verbose_name="承办部门", on_delete=models.PROTECT, related_name="clocks"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="经办人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clocks",
    )
    start_date = models.DateField("起算日", help_text="当日不计入时限")
    restarted_on = models.DateField(
        "重新起算日", null=True, blank=True, help_text="如收到补正后的申请之日；当日不计入时限"
    )
    limit_days = models.PositiveIntegerField("时限（工作日）", help_text="按小时计的时限为0")
    unit = models.CharField(
        "计时单位", max_length=16, choices=ClockUnit.choices, default=ClockUnit.WORKING_DAYS
    )
    # An hour clock's own instants; its start_date, due_date and finished_on are their
    # days in Beijing, so the day-based lists (due soon, overdue, my work) keep working.
    started_at = models.DateTimeField("起算时刻", null=True, blank=True)
    limit_hours = models.PositiveIntegerField("时限（小时）", null=True, blank=True)
    due_at = models.DateTimeField("到期时刻", null=True, blank=True, db_index=True)
    finished_at = models.DateTimeField("完成时刻", null=True, blank=True)
    max_extensions = models.PositiveSmallIntegerField("最多延长次数", default=0)
    max_extension_days = models.PositiveSmallIntegerField("延长合计最多工作日", default=0)
    due_date = models.DateField("到期日", null=True, blank=True, db_index=True)
    state = models.CharField(
        "状态", max_length=16, choices=ClockState.choices, default=ClockState.RUNNING, db_index=True
    )
    finished_on = models.DateField("结束日", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ClockQuerySet.as_manager()

    class Meta:
        verbose_name = "办理时限"
        verbose_name_plural = "办理时限"
        ordering = ["due_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "stage"], name="clock_one_per_stage"
            ),
        ]
        indexes = [
            models.Index(fields=["department", "state"], name="clock_department_state_idx"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def counting_from(self) -> date:
        """The day from which counting starts (not itself counted): start or restart."""
        return self.restarted_on or self.start_date

    @property
    def in_hours(self) -> bool:
        return self.unit == ClockUnit.HOURS

    def time_left(self, now: datetime | None = None) -> timedelta | None:
        """An hour clock's time to its due instant (negative once past); None for a
        working-day clock or a finished one."""
        if not self.in_hours or self.is_finished or self.due_at is None:
            return None
        return self.due_at - (now or timezone.now())

    @property
    def is_finished(self) -> bool:
        return self.finished_on is not None or self.state in (ClockState.STOPPED, ClockState.MET)

    @property
    def provisional(self) -> bool:
        """True when the due date was counted across a year on the provisional calendar (预估)."""
        from .engine import get_engine

        if self.due_date is None or self.is_finished or self.in_hours:
            return False
        return get_engine().span_is_provisional(self.counting_from, self.due_date)

    def extension_days(self) -> int:
        return sum(self.extensions.values_list("days", flat=True))

    def target_days(self) -> int:
        """Working days to count: the limit plus every approved extension."""
        return self.limit_days + self.extension_days()

    def pause_spans(self) -> list[tuple[date, date | None]]:
        return list(self.pauses.order_by("starts_on", "id").values_list("starts_on", "ends_on"))

    def working_days_left(self, today: date | None = None) -> int | None:
        """Working days from ``today`` (not counted) to the due date (counted).

        0 on the due date itself, negative once overdue. For a paused clock,
        the working days still to count when it resumes. None for a finished
        clock.
        """
        from .counting import counted_days
        from .engine import get_engine

        if self.is_finished or self.in_hours:
            return None
        engine = get_engine()
        if self.due_date is not None:
            today = today or timezone.localdate()
            return engine.between(today, self.due_date)
        pauses = self.pause_spans()
        open_pause = next((p for p, r in pauses if r is None), None)
        counted = counted_days(engine, self.counting_from, pauses, until=open_pause)
        return self.target_days() - counted

    def explain(self, until: date | None = None) -> list:
        """Every day from the day after the start (or restart) to the due date.

        See ``gongkai.workdays.explain.explain_clock``.
        """
        from .explain import explain_clock

        return explain_clock(self, until=until)

    def explain_text(self, until: date | None = None) -> str:
        from .explain import explain_clock_text

        return explain_clock_text(self, until=until)


class ClockPause(models.Model):
    """The clock does not count working days in (starts_on, ends_on]."""

    clock = models.ForeignKey(
        Clock, verbose_name="时限", on_delete=models.CASCADE, related_name="pauses"
    )
    starts_on = models.DateField("暂停日", help_text="当日仍计入时限")
    ends_on = models.DateField(
        "恢复日", null=True, blank=True, help_text="当日不计入，次日起恢复计算"
    )
    reason = models.CharField("原因", max_length=200)

    class Meta:
        verbose_name = "暂停计时"
        verbose_name_plural = "暂停计时"
        ordering = ["starts_on", "id"]

    def __str__(self) -> str:
        return f"{self.starts_on}–{self.ends_on or '…'} {self.reason}"


class ClockExtension(models.Model):
    clock = models.ForeignKey(
        Clock, verbose_name="时限", on_delete=models.CASCADE, related_name="extensions"
    )
    days = models.PositiveSmallIntegerField("延长工作日")
    reason = models.CharField("理由", max_length=500)
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="批准人", on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField("批准时间", default=timezone.now)

    class Meta:
        verbose_name = "延长时限"
        verbose_name_plural = "延长时限"
        ordering = ["approved_at", "id"]

    def __str__(self) -> str:
        return f"延长{self.days}个工作日"


class ExtensionRequestQuerySet(models.QuerySet):
    def for_subject(self, subject: models.Model) -> ExtensionRequestQuerySet:
        """The requests on every clock of ``subject`` (an application, a message …)."""
        return self.filter(
            clock__content_type=ContentType.objects.get_for_model(subject),
            clock__object_id=str(subject.pk),
        )

    def for_model(self, model: type[models.Model]) -> ExtensionRequestQuerySet:
        return self.filter(clock__content_type=ContentType.objects.get_for_model(model))

    def pending(self) -> ExtensionRequestQuerySet:
        return self.filter(approved__isnull=True)


class ExtensionRequest(models.Model):
    """A request to extend a clock, decided by someone else (e.g. Art. 33: the office's head).

    The actions are in ``gongkai.workdays.extensions``; an approved request
    adds a ``ClockExtension`` to the same clock.
    """

    clock = models.ForeignKey(
        Clock, verbose_name="时限", on_delete=models.CASCADE, related_name="extension_requests"
    )
    days = models.PositiveSmallIntegerField("延长工作日")
    reason = models.TextField("延期理由")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="申请人", on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField("申请时间", default=timezone.now)
    approved = models.BooleanField("同意", null=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审批人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    comment = models.TextField("审批意见", blank=True)

    objects = ExtensionRequestQuerySet.as_manager()

    class Meta:
        verbose_name = "延期申请"
        verbose_name_plural = "延期申请"
        ordering = ["requested_at", "id"]
        indexes = [models.Index(fields=["clock", "approved"], name="extension_request_clock_idx")]

    def __str__(self) -> str:
        return f"延长{self.days}个工作日"

    @property
    def is_pending(self) -> bool:
        return self.approved is None


class ClockEventKind(models.TextChoices):
    START = "start", "开始计时"
    PAUSE = "pause", "暂停计时"
    RESUME = "resume", "恢复计时"
    EXTEND = "extend", "延长时限"
    RESTART = "restart", "重新计时"
    COMPLETE = "complete", "办结"
    STOP = "stop", "终止计时"
    OVERDUE = "overdue", "超期"
    RECOMPUTE = "recompute", "日历调整重算"


class ClockEventError(Exception):
    pass


class ClockEvent(models.Model):
    """Append-only history of a clock: the latest row tells the current story."""

    clock = models.ForeignKey(
        Clock, verbose_name="时限", on_delete=models.CASCADE, related_name="events"
    )
    at = models.DateTimeField("时间", default=timezone.now)
    kind = models.CharField("事件", max_length=16, choices=ClockEventKind.choices)
    detail = models.JSONField("详情", default=dict, blank=True)
    old_due = models.DateField("原到期日", null=True, blank=True)
    new_due = models.DateField("新到期日", null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "时限记录"
        verbose_name_plural = "时限记录"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ClockEventError("时限记录只能追加，不能修改。")
        super().save(*args, **kwargs)

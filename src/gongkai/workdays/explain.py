"""Which days a clock counted, day by day, so anyone can check a due date by hand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from .engine import get_engine

WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True)
class ExplainedDay:
    date: date
    counted: bool
    ordinal: int | None  # 1 for the first counted working day …
    reason: str | None  # why it was not counted: 周末 / 春节 / 暂停：征求第三方意见
    note: str | None  # e.g. 调休上班：春节 for a make-up working day
    is_due: bool = False

    @property
    def weekday(self) -> str:
        return "星期" + WEEKDAYS[self.date.weekday()]


def _pause_reasons(clock) -> list[tuple[date, date | None, str]]:
    """Pauses that matter after the counting start (see ``counting.effective_pauses``)."""
    start = clock.counting_from
    rows = clock.pauses.order_by("starts_on", "id").values_list("starts_on", "ends_on", "reason")
    return [(max(s, start), e, r) for s, e, r in rows if e is None or e > start]


def explain_clock(clock, until: date | None = None) -> list[ExplainedDay]:
    """Every day in (start or restart, until]; ``until`` defaults to the due date.

    For a paused clock (no due date) the list runs to today or the day the
    pause began, whichever is later. A working day is counted unless it lies
    in a pause (P, R]; weekends and holidays are never counted.
    """
    if clock.in_hours:  # hours are not counted day by day: see explain_clock_text
        return []
    engine = get_engine()
    start = clock.counting_from
    pauses = _pause_reasons(clock)
    if until is None:
        until = clock.due_date
    if until is None:
        open_starts = [s for s, e, _ in pauses if e is None]
        until = max([timezone.localdate(), *open_starts])
    days: list[ExplainedDay] = []
    ordinal = 0
    day = start + timedelta(days=1)
    while day <= until:
        working = engine.is_working_day(day)
        special = engine.special_day(day)
        paused = next((r for s, e, r in pauses if s < day and (e is None or day <= e)), None)
        if not working:
            reason = special.name if special and special.kind == "holiday" else "周末"
            if special and engine.is_provisional(day):
                reason += "，预估"
            days.append(ExplainedDay(day, False, None, reason, None))
        elif paused is not None:
            days.append(ExplainedDay(day, False, None, f"暂停：{paused}", None))
        else:
            ordinal += 1
            note = f"调休上班：{special.name}" if special and special.kind == "workday" else None
            days.append(ExplainedDay(day, True, ordinal, None, note, is_due=day == clock.due_date))
        day += timedelta(days=1)
    return days


def explain_clock_text(clock, until: date | None = None) -> str:
    """The same as ``explain_clock``, as Chinese text for the case file."""
    if clock.in_hours:
        started, due = timezone.localtime(clock.started_at), timezone.localtime(clock.due_at)
        return (
            f"{clock.label}（{clock.get_state_display()}）\n"
            f"起算时刻：{started:%Y-%m-%d %H:%M}；时限{clock.limit_hours}小时，"
            f"夜间、休息日和节假日照常计时；到期时刻：{due:%Y-%m-%d %H:%M}。"
        )
    days = explain_clock(clock, until=until)
    extension = clock.extension_days()
    lines = [f"{clock.label}（{clock.get_state_display()}）"]
    lines.append(
        f"起算日：{clock.start_date:%Y-%m-%d}（当日不计）；时限{clock.limit_days}个工作日"
        + (
            f"，已延长{extension}个工作日，共{clock.limit_days + extension}个工作日"
            if extension
            else ""
        )
        + "。"
    )
    if clock.restarted_on:
        lines.append(f"重新起算日：{clock.restarted_on:%Y-%m-%d}（当日不计，此前的天数不再计算）。")
    for item in days:
        head = f"{item.date:%Y-%m-%d} {item.weekday}"
        if item.counted:
            text = f"{head} 第{item.ordinal}个工作日"
            if item.note:
                text += f"（{item.note}）"
            if item.is_due:
                text += " ← 到期日"
        else:
            text = f"{head} 不计（{item.reason}）"
        lines.append(text)
    if clock.due_date:
        lines.append(f"到期日：{clock.due_date:%Y-%m-%d}。")
        if clock.provisional:
            lines.append(
                "（预估：其中年度的正式节假日安排尚未导入，按法定节假日推算，不含调休上班日；"
                "正式安排导入后自动重算。）"
            )
    else:
        lines.append("暂停中：恢复计时后重新计算到期日。")
    return "\n".join(lines)

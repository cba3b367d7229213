"""How each due date of a case was computed, in words the applicant can check by hand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gongkai.core.dates import cn_date
from gongkai.workdays.models import Clock

from .common import CERTIFICATE, CORRECTION_NOTICE, DECISION, PROMISE, STAGE_LABELS

ORDER = (CORRECTION_NOTICE, DECISION, PROMISE, CERTIFICATE)
START_WORDS = {
    CORRECTION_NOTICE: "收到申请之日",
    DECISION: "受理之日",
    PROMISE: "受理之日",
    CERTIFICATE: "决定之日",
}


@dataclass(frozen=True)
class DueView:
    stage: str
    label: str
    due_date: date | None
    state: str
    state_label: str
    summary: str  # one sentence: start, working days, pauses, extension
    detail: str  # day by day (Clock.explain_text)
    days_left: int | None


def _paused_days(c: Clock) -> int:
    from gongkai.workdays import working_days_between

    total = 0
    for starts, ends in c.pause_spans():
        if ends is not None:
            total += working_days_between(starts, ends)
    return total


def summary(c: Clock) -> str:
    start = START_WORDS.get(c.stage, "起算日")
    parts = [f"自{start}{cn_date(c.start_date)}起（当日不计）{c.limit_days}个工作日"]
    paused = _paused_days(c)
    if paused:
        parts.append(f"特别程序等暂停{paused}个工作日不计入")
    if any(e is None for _, e in c.pause_spans()):
        parts.append("目前暂停计时")
    extension = c.extension_days()
    if extension:
        parts.append(f"经批准延长{extension}个工作日")
    tail = f"，至{cn_date(c.due_date)}" if c.due_date else ""
    if c.finished_on:
        tail += f"；已于{cn_date(c.finished_on)}完成（{c.get_state_display()}）"
    return "，".join(parts) + tail + "。"


def due_views(case) -> list[DueView]:
    clocks = case.clocks()
    views = []
    for stage in ORDER:
        c = clocks.get(stage)
        if c is None:
            continue
        views.append(
            DueView(
                stage=stage,
                label=STAGE_LABELS[stage],
                due_date=c.due_date,
                state=c.state,
                state_label=c.get_state_display(),
                summary=summary(c),
                detail=c.explain_text(),
                days_left=c.working_days_left(),
            )
        )
    return views

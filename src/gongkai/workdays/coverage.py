"""How far the calendar reaches, and the warning shown to administrators before it runs out."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from .engine import get_engine

WARNING_DAYS = 60


def calendar_runs_out_on(today: date | None = None) -> date | None:
    """The last covered day reachable from ``today`` without a gap.

    Starting from this year, follow covered years forward while they are
    consecutive; the answer is 31 December of the last one. When this year
    itself is not covered the calendar already ran out: 31 December of last
    year. None when no year is covered at all.
    """
    today = today or timezone.localdate()
    engine = get_engine()
    if not engine.years:
        return None
    year = today.year
    if year not in engine.years:
        return date(year - 1, 12, 31)
    while year + 1 in engine.years:
        year += 1
    return date(year, 12, 31)


def calendar_warning(today: date | None = None) -> str | None:
    """A warning in Chinese when fewer than 60 days of calendar remain, else None.

    The State Council publishes next year's arrangement around November;
    deadlines started in December already reach into the next year, so it
    must be imported before the old year ends.
    """
    today = today or timezone.localdate()
    runs_out = calendar_runs_out_on(today)
    if runs_out is None:
        return (
            "节假日日历为空：所有办理时限都无法计算。"
            "请运行 gongkai calendar seed 导入内置的节假日安排。"
        )
    days_left = (runs_out - today).days
    missing = runs_out.year + 1
    if days_left < 0:
        return (
            f"节假日日历未覆盖{missing}年：涉及{missing}年的办理时限无法计算，"
            f"相关事项将无法开始计时。请立即导入国务院办公厅公布的{missing}年节假日安排。"
        )
    if days_left < WARNING_DAYS:
        return (
            f"节假日日历只覆盖到{runs_out:%Y年%m月%d日}，还剩{days_left}天。"
            f"请在国务院办公厅公布{missing}年节假日安排后及时导入"
            f"（gongkai calendar import，或系统管理后台“节假日与调休”），"
            f"否则到期日落在{missing}年的办理时限将无法计算。"
        )
    return None


def coverage_summary(today: date | None = None) -> dict:
    """First and last covered year, gaps, and days of calendar left (for the command)."""
    today = today or timezone.localdate()
    engine = get_engine()
    runs_out = calendar_runs_out_on(today)
    return {
        "years": sorted(engine.years),
        "first_year": min(engine.years) if engine.years else None,
        "last_year": max(engine.years) if engine.years else None,
        "gaps": list(engine.gaps),
        "runs_out_on": runs_out,
        "days_left": (runs_out - today).days if runs_out else None,
        "warning": calendar_warning(today),
    }

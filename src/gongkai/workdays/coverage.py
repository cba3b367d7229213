"""How far the official calendar reaches, and the banner shown before it runs out.

Years without an official arrangement are counted on the provisional calendar
(``gongkai.workdays.provisional``), so nothing stops when the official
calendar runs out; but every date counted there is only an estimate until the
arrangement is imported. From 1 November (the State Council publishes next
year's arrangement around then) administrators and the disclosure office see
a banner until next year's official arrangement is loaded.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from .engine import get_engine

BANNER_FROM_MONTH = 11  # 1 November


def official_years() -> frozenset[int]:
    engine = get_engine()
    return engine.years - engine.provisional


def calendar_runs_out_on(today: date | None = None) -> date | None:
    """The last officially covered day reachable from ``today`` without a gap.

    Starting from this year, follow officially covered years forward while they
    are consecutive; the answer is 31 December of the last one. When this year
    itself is not officially covered the official calendar already ran out:
    31 December of last year. None when no year is covered at all.
    """
    today = today or timezone.localdate()
    years = official_years()
    if not years:
        return None
    year = today.year
    if year not in years:
        return date(year - 1, 12, 31)
    while year + 1 in years:
        year += 1
    return date(year, 12, 31)


def calendar_warning(today: date | None = None) -> str | None:
    """The banner for administrators and the disclosure office, in Chinese, or None.

    * no official year at all: nothing can be counted;
    * this year not official: every date this year is an estimate;
    * from 1 November, next year not official: dates in it are estimates.
    The text names no command: the arrangement is imported in the system
    administration (系统管理后台 → 工作日与时限 → 导入节假日安排).
    """
    today = today or timezone.localdate()
    years = official_years()
    if not years:
        return (
            "节假日日历为空：所有办理时限都无法计算。"
            "请系统管理员在系统管理后台“工作日与时限”导入节假日安排。"
        )
    how = (
        "请系统管理员在国务院办公厅公布后，于系统管理后台“工作日与时限 → 导入节假日安排”导入；"
        "导入后，所有未结办理时限将自动重算，变动的到期日留有记录。"
    )
    if today.year not in years and today.year > min(years):
        return (
            f"{today.year}年节假日安排尚未导入：本年度的工作日暂按《全国年节及纪念日放假办法》"
            f"的法定节假日预估（不含调休上班日），到期日均标注“预估”。{how}"
        )
    if today.month >= BANNER_FROM_MONTH and today.year + 1 not in years:
        missing = today.year + 1
        return (
            f"{missing}年节假日安排尚未导入：到期日落在{missing}年的办理时限暂按"
            f"《全国年节及纪念日放假办法》的法定节假日预估（不含调休上班日），标注“预估”，"
            f"可能与正式安排不同。{how}"
        )
    return None


def coverage_summary(today: date | None = None) -> dict:
    """Official and provisional years, gaps, and days of official calendar left (for the command)."""
    today = today or timezone.localdate()
    engine = get_engine()
    years = sorted(official_years())
    runs_out = calendar_runs_out_on(today)
    gaps = [y for y in range(years[0], years[-1] + 1) if y not in years] if years else []
    return {
        "years": years,
        "first_year": years[0] if years else None,
        "last_year": years[-1] if years else None,
        "gaps": gaps,
        "provisional_years": sorted(engine.provisional),
        "runs_out_on": runs_out,
        "days_left": (runs_out - today).days if runs_out else None,
        "warning": calendar_warning(today),
    }

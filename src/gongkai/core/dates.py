"""Today in Beijing, the check of a date staff record, and dates written the way
official Chinese documents write them (GB/T 9704: no leading zeros)."""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import Q
from django.utils import timezone

from .errors import DomainError


def today() -> date:
    """Today in Beijing (``TIME_ZONE``)."""
    return timezone.localdate()


def check_date(on: date, *, not_before: date | None = None, what: str = "") -> None:
    """Refuse (``DomainError``) a date staff record that is in the future, or before
    ``not_before`` (``what`` names that earlier date: 收到申请之日, 交办日期 …)."""
    if on > today():
        raise DomainError(f"日期{on:%Y-%m-%d}晚于今天，不能登记将来的日期。", code="future_date")
    if not_before is not None and on < not_before:
        raise DomainError(f"日期{on:%Y-%m-%d}早于{what}{not_before:%Y-%m-%d}。", code="early_date")


def moment_on(on: date) -> datetime:
    """Now, or this time of day on ``on`` (Beijing) when an action is recorded for another day.

    Staff may record what happened on an earlier day (a reply approved on
    paper, demo data); the action's timestamp then falls on that day instead
    of contradicting its dated step."""
    now = timezone.localtime()
    if on == now.date():
        return now
    return datetime.combine(on, now.time().replace(microsecond=0), tzinfo=now.tzinfo)


def cn_date(d: date) -> str:
    """2026年9月22日."""
    return f"{d.year}年{d.month}月{d.day}日"


def in_years(field: str, years) -> Q:
    """``field`` (a datetime) within any of the calendar ``years`` as counted in
    Beijing, e.g. items published in 2016: from 2016-01-01 00:00 to 2017-01-01 00:00
    Beijing time, as index-friendly ranges (no ``__year`` extraction)."""
    tz = timezone.get_default_timezone()
    condition = Q()
    for year in years:
        condition |= Q(
            **{
                f"{field}__gte": datetime(year, 1, 1, tzinfo=tz),
                f"{field}__lt": datetime(year + 1, 1, 1, tzinfo=tz),
            }
        )
    return condition

"""Dates written the way official Chinese documents write them (GB/T 9704: no leading zeros)."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone


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

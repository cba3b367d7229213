"""Dates written the way official Chinese documents write them (GB/T 9704: no leading zeros)."""

from __future__ import annotations

from datetime import date


def cn_date(d: date) -> str:
    """2026年9月22日."""
    return f"{d.year}年{d.month}月{d.day}日"

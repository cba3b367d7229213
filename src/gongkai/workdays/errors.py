"""Errors of the working-day calendar."""

from __future__ import annotations

from gongkai.core.errors import DomainError


class CalendarMissing(DomainError):
    """A date falls in a year for which no holiday arrangement has been loaded.

    The platform never guesses: without the State Council's arrangement for a
    year, no working day of that year can be counted. ``year`` is the missing
    year; ``str(error)`` is a Chinese sentence naming it. It is a
    ``DomainError``, so views that already show refused actions show this too.
    """

    def __init__(self, year: int):
        self.year = year
        super().__init__(
            f"节假日日历缺少{year}年的数据：{year}年的工作日无法计算。"
            f"请系统管理员导入国务院办公厅公布的{year}年节假日安排"
            "（系统管理后台“工作日与时限 → 导入节假日安排”）。",
            code="calendar_missing",
        )

    def __reduce__(self):
        return (type(self), (self.year,))

"""The hour rules of 舆情回应 (responses to public opinion), as a contract other checks
can call.

``response_due(level, seen)``: for a major emergency (``"major"``, 重大突发事件),
authoritative information is due within 5 hours and a press conference within 24
hours of the moment the event was known (国办发〔2016〕61号); for another hot issue
(``"hot"``, 一般热点) a response within 48 hours (国办发〔2016〕80号). The hours are
calendar hours (nights, weekends and holidays count) and the values are data
(``ResponseLimit`` rows, seeded by migration 0004); the statutory values below answer
when the table has none. Instants are timezone-aware, in Asia/Shanghai.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

BEIJING = ZoneInfo("Asia/Shanghai")
LEVELS = ("major", "hot")

# level: {kind: (hours, label, basis)}
DEFAULTS: dict[str, dict[str, tuple[int, str, str]]] = {
    "major": {
        "information": (
            5,
            "发布权威信息",
            "国办发〔2016〕61号：重大突发事件最迟5小时内发布权威信息",
        ),
        "press_conference": (24, "举行新闻发布会", "国办发〔2016〕61号：24小时内举行新闻发布会"),
    },
    "hot": {
        "response": (48, "回应", "国办发〔2016〕80号：一般热点问题最迟48小时内予以回应"),
    },
}


class UnknownLevel(ValueError):
    pass


def limits(level: str) -> dict[str, int]:
    """The hours per kind of response in force for ``level`` (the table, else the defaults)."""
    if level not in LEVELS:
        raise UnknownLevel(f"未知的舆情级别：{level}（应为 major 或 hot）")
    from .models import ResponseLimit

    stored = dict(ResponseLimit.objects.filter(level=level).values_list("kind", "hours"))
    return stored or {kind: row[0] for kind, row in DEFAULTS[level].items()}


def response_due(level: str, seen: datetime) -> dict[str, datetime]:
    """The due instants by kind of response for an event of ``level`` known at ``seen``."""
    if seen.tzinfo is None or seen.utcoffset() is None:
        raise ValueError("seen must be timezone-aware")
    start = seen.astimezone(BEIJING)
    return {kind: start + timedelta(hours=hours) for kind, hours in limits(level).items()}

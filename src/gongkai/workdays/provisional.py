"""The provisional calendar (预估日历) of years whose official arrangement is not loaded yet.

The State Council's General Office publishes next year's arrangement
(国务院办公厅关于某年部分节假日安排的通知) around November, sometimes later;
deadlines started in December already end in January. Rather than stop every
action until someone imports it, the platform counts such a year on a
projection:

* weekends are days off;
* the statutory holidays of 《全国年节及纪念日放假办法》 are days off on the
  dates the law gives them for that year (lunar dates included), and a holiday
  falling on a weekend is made up on the next working day (Art. 6 of the
  Measures), as projected by the pinned ``holidays`` package;
* there are no make-up working days (调休上班): those exist only by decision.

Every date counted on a provisional year is marked provisional (预估) where
it is shown (workbench, citizens' pages, API). When the official arrangement
is imported, every open deadline is recomputed (``recompute_open_clocks``),
with a history entry for each that moves and one audit event.

Only years after the first official year are projected, up to two years
beyond the later of the last official year and the current year: a date
before the first official year still raises ``CalendarMissing``.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

YEARS_AHEAD = 2


def source() -> str:
    import holidays

    return f"《全国年节及纪念日放假办法》推算（holidays {holidays.__version__}），无调休上班日"


@lru_cache(maxsize=64)
def projected_special_days(year: int) -> tuple[tuple[date, str, str], ...]:
    """``((date, "holiday", Chinese name), …)``: the weekday statutory days off of ``year``.

    Decided official swaps that the ``holidays`` package may know for some years
    (休息日（由…调休）) are left out: their make-up working days are not in it, and
    half a swap would be wrong both ways.
    """
    import holidays

    days = holidays.China(years=year, language="zh_CN", categories=("public",))
    projected = []
    for day, names in sorted(days.items()):
        if day.weekday() >= 5:
            continue
        kept = [name for name in names.split("; ") if not name.startswith("休息日")]
        if kept:
            projected.append((day, "holiday", "、".join(kept)))
    return tuple(projected)


def provisional_years(official: set[int] | frozenset[int], this_year: int) -> set[int]:
    """The years to project: after the first official year, not official, within the horizon."""
    if not official:
        return set()
    horizon = max(max(official), this_year) + YEARS_AHEAD
    return {year for year in range(min(official), horizon + 1) if year not in official}

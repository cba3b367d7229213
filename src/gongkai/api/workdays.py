"""Working-day arithmetic over HTTP, on the platform's own holiday calendar.

Every answer says whether it depends on a year counted on the provisional
calendar (``provisional``: the official arrangement is not loaded yet, the
statutory holidays are projected; see ``gongkai.workdays.provisional``).
"""

from __future__ import annotations

from datetime import date

from ninja import Query, Router, Schema
from pydantic import Field

from gongkai import workdays
from gongkai.api.errors import Refused

router = Router(tags=["工作日"])


PROVISIONAL = (
    "true：结果依赖尚未导入正式节假日安排的年度，按《全国年节及纪念日放假办法》预估"
    "（不含调休上班日），正式安排导入后可能变化"
)


class DayOut(Schema):
    date: date
    working_day: bool
    provisional: bool = Field(description=PROVISIONAL)


class AddIn(Schema):
    start: date = Field(description="起算日（当日不计入）")
    days: int = Field(ge=-3660, le=3660, description="工作日数")


class AddOut(Schema):
    start: date
    days: int
    result: date
    provisional: bool = Field(description=PROVISIONAL)


class BetweenOut(Schema):
    start: date
    end: date
    working_days: int
    provisional: bool = Field(description=PROVISIONAL)


def _calendar(fn, *args):
    try:
        return fn(*args)
    except workdays.CalendarMissing as exc:
        raise Refused(422, str(exc), {"non_field": str(exc)}, kind="calendar-missing") from None


@router.get(
    "/workdays/add",
    operation_id="addWorkingDays",
    response=AddOut,
    summary="起算日之后第 N 个工作日",
)
def add(request, params: Query[AddIn]):
    result = _calendar(workdays.add_working_days, params.start, params.days)
    provisional = workdays.span_is_provisional(params.start, result)
    return AddOut(start=params.start, days=params.days, result=result, provisional=provisional)


@router.get(
    "/workdays/between",
    operation_id="countWorkingDays",
    response=BetweenOut,
    summary="两日之间的工作日数（不含起算日）",
)
def between(request, start: date, end: date):
    count = _calendar(workdays.working_days_between, start, end)
    provisional = workdays.span_is_provisional(start, end)
    return BetweenOut(start=start, end=end, working_days=count, provisional=provisional)


@router.get("/workdays/{day}", operation_id="getDay", response=DayOut, summary="某日是否为工作日")
def day(request, day: date):
    working = _calendar(workdays.is_working_day, day)
    return DayOut(date=day, working_day=working, provisional=workdays.is_provisional(day))

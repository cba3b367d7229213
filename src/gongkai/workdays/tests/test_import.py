"""Importing a year's arrangement from the text format, and what it does to open clocks.

The 2027 arrangement is not known here: the files below are test data only.
"""

from datetime import date

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.workdays import add_working_days, is_working_day
from gongkai.workdays.clocks import complete_clock, pause_clock
from gongkai.workdays.importing import (
    ImportFormatError,
    import_arrangement_text,
    parse_arrangement,
)
from gongkai.workdays.models import CalendarYear, SpecialDay
from gongkai.workdays.recompute import mark_overdue_clocks
from gongkai.workdays.seeding import package_calendar

TEST_2027 = """\
# 测试数据：并非国务院办公厅公布的2027年安排
year 2027
source 测试用安排
holiday 2027-01-01 元旦
holiday 2027-02-08..2027-02-12 春节
workday 2027-02-07 春节
"""


def _errors(text):
    with pytest.raises(ImportFormatError) as raised:
        parse_arrangement(text)
    return raised.value.errors


def _2026_with(*extra_lines: str) -> str:
    """The 2026 arrangement as loaded, in the import format, plus some lines."""
    lines = ["year 2026", "source 2026年安排（测试：另加一天）"]
    for day, kind, name in package_calendar()[2026]:
        lines.append(f"{kind} {day:%Y-%m-%d} {name}")
    return "\n".join([*lines, *extra_lines]) + "\n"


# -- the format ----------------------------------------------------------------------


def test_the_documented_example_parses_into_weekday_holidays_and_a_weekend_workday():
    arrangement = parse_arrangement(TEST_2027)
    assert arrangement.year == 2027 and arrangement.source == "测试用安排"
    assert (date(2027, 2, 8), "holiday", "春节") in arrangement.days
    assert (date(2027, 2, 7), "workday", "春节") in arrangement.days
    assert len(arrangement.days) == 7


def test_chinese_keywords_are_accepted():
    arrangement = parse_arrangement("年度 2027\n放假 2027-01-01 元旦\n上班 2027-01-02 元旦\n")
    assert arrangement.days == [
        (date(2027, 1, 1), "holiday", "元旦"),
        (date(2027, 1, 2), "workday", "元旦"),
    ]


def test_a_date_that_does_not_exist_is_reported_with_its_line_number():
    assert _errors("year 2027\n\nholiday 2027-02-30 春节\n") == ["第3行：日期“2027-02-30”不存在。"]


def test_a_badly_written_date_is_reported_with_its_line_number():
    errors = _errors("year 2027\nholiday 2027/01/01 元旦\n")
    assert errors[0].startswith("第2行：日期“2027/01/01”格式不对")


def test_a_date_outside_the_declared_year_is_refused():
    errors = _errors("year 2027\nholiday 2026-12-31..2027-01-01 元旦\n")
    assert errors == ["第2行：2026-12-31 不在2027年内，本文件只能导入2027年的安排。"]


def test_a_workday_must_be_a_saturday_or_sunday():
    errors = _errors("year 2027\nholiday 2027-01-01 元旦\nworkday 2027-01-04 元旦\n")
    assert errors == ["第3行：2027-01-04 是星期一，调休上班日必须是星期六或星期日。"]


def test_a_holiday_on_a_weekend_is_not_stored_but_noted():
    arrangement = parse_arrangement("year 2027\nholiday 2027-01-01 元旦\nholiday 2027-01-02 元旦\n")
    assert arrangement.days == [(date(2027, 1, 1), "holiday", "元旦")]
    assert arrangement.notes and arrangement.notes[0].startswith("第3行：2027-01-02 是周末")


def test_weekends_inside_a_holiday_range_are_skipped_silently():
    arrangement = parse_arrangement("year 2027\nholiday 2027-01-01..2027-01-04 元旦\n")
    assert [d for d, _, _ in arrangement.days] == [date(2027, 1, 1), date(2027, 1, 4)]
    assert arrangement.notes == []


def test_every_problem_is_reported_at_once():
    errors = _errors(
        "# 注释\nyear 2027\nholiday 2027-01-01 元旦\nholiday 2027-01-01 元旦\n"
        "vacation 2027-05-01 劳动节\nholiday 2027-05-01\n"
    )
    assert errors == [
        "第4行：2027-01-01 已在第3行出现过，同一天只能写一次。",
        "第5行：不认识“vacation”，每行应以 year、source、note、holiday 或 workday 开头。",
        "第6行：缺少节日名称，如 holiday 2027-05-01 春节。",
    ]


def test_the_year_must_come_first():
    assert _errors("holiday 2027-01-01 元旦\nyear 2027\n")[0] == (
        "第1行：请先在日期之前写明年度，如 year 2027。"
    )


def test_a_file_without_any_holiday_is_refused():
    assert _errors("year 2027\n") == ["文件没有列出2027年任何占用工作日的放假日期，请检查。"]


def test_the_error_message_lists_the_problems_in_chinese():
    with pytest.raises(ImportFormatError) as raised:
        parse_arrangement("year 2027\nholiday 2027-13-01 元旦\n")
    assert str(raised.value) == "节假日安排文件有误，未导入：\n第2行：日期“2027-13-01”不存在。"


# -- importing -----------------------------------------------------------------------


def test_importing_next_year_lets_december_deadlines_cross_the_new_year(db):
    result = import_arrangement_text(TEST_2027, filename="2027.txt")
    assert (result.year, result.holidays, result.workdays) == (2027, 6, 1)
    assert CalendarYear.objects.get(year=2027).source == "测试用安排"
    assert not is_working_day(date(2027, 1, 1))
    assert is_working_day(date(2027, 2, 7))
    # Received Sunday 20 December 2026: 9 working days left in 2026; the other 11
    # from Monday 4 January 2027 (Friday 1 January is 元旦 in this test file).
    assert add_working_days(date(2026, 12, 20), 20) == date(2027, 1, 18)
    event = AuditEvent.objects.get(action="calendar.import")
    assert event.object_id == str(CalendarYear.objects.get(year=2027).pk)
    assert "2027-02-08 放假 春节" in event.after["days"]


def test_reimporting_a_year_replaces_its_rows(db):
    import_arrangement_text(TEST_2027)
    import_arrangement_text("year 2027\nholiday 2027-01-01 元旦\n")
    assert list(SpecialDay.objects.filter(year=2027).values_list("date", flat=True)) == [
        date(2027, 1, 1)
    ]
    assert is_working_day(date(2027, 2, 8))


def test_a_refused_file_changes_nothing(db):
    before = SpecialDay.objects.count()
    with pytest.raises(ImportFormatError):
        import_arrangement_text("year 2026\nholiday 2026-02-30 春节\n")
    assert SpecialDay.objects.count() == before
    assert not AuditEvent.objects.filter(action="calendar.import").exists()


def test_an_imported_extra_holiday_moves_open_due_dates_and_records_why(start, world, frozen_today):
    frozen_today(date(2026, 10, 1))
    moved = start(date(2026, 9, 30))  # due 3 November
    untouched = start(date(2026, 10, 12))  # counts from 13 October, after the extra holiday
    finished = start(date(2026, 9, 30))
    complete_clock(finished, on=date(2026, 10, 20), actor=world.handler_finance)

    result = import_arrangement_text(_2026_with("holiday 2026-10-09 国庆节（测试）"))

    assert result.clocks_changed == 1
    moved.refresh_from_db()
    untouched.refresh_from_db()
    finished.refresh_from_db()
    assert moved.due_date == date(2026, 11, 4)
    assert untouched.due_date == add_working_days(date(2026, 10, 12), 20)
    assert finished.due_date == date(2026, 11, 3) and finished.state == "met"
    event = moved.events.get(kind="recompute")
    assert (event.old_due, event.new_due) == (date(2026, 11, 3), date(2026, 11, 4))
    assert "导入2026年节假日安排" in event.detail["reason"]
    assert not untouched.events.filter(kind="recompute").exists()
    summary = AuditEvent.objects.get(action="clock.recompute")
    assert summary.after["examined"] == 2 and summary.after["changed"] == 1


def test_an_overdue_clock_whose_new_due_date_has_not_passed_returns_to_running(
    start, world, frozen_today
):
    clock = start(date(2026, 9, 30))  # due 3 November
    mark_overdue_clocks(date(2026, 11, 4))
    clock.refresh_from_db()
    assert clock.state == "overdue"
    frozen_today(date(2026, 11, 4))
    import_arrangement_text(_2026_with("holiday 2026-10-09 国庆节（测试）"))
    clock.refresh_from_db()
    assert (clock.state, clock.due_date) == ("running", date(2026, 11, 4))
    assert clock.events.get(kind="recompute").detail["state"] == ["overdue", "running"]


def test_a_running_clock_whose_new_due_date_has_passed_becomes_overdue(start, frozen_today):
    clock = start(date(2026, 9, 30))  # due 3 November; 10 October is a worked Saturday
    frozen_today(date(2026, 11, 4))
    lines = _2026_with().replace("workday 2026-10-10 国庆节\n", "")
    import_arrangement_text(lines)
    clock.refresh_from_db()
    assert clock.due_date == date(2026, 11, 4)
    assert clock.state == "running"
    # removing it again the other way round: the due date is back to 3 November, passed
    import_arrangement_text(_2026_with())
    clock.refresh_from_db()
    assert (clock.state, clock.due_date) == ("overdue", date(2026, 11, 3))


def test_paused_clocks_keep_an_empty_due_date_through_a_recompute(start, world):
    clock = start(date(2026, 9, 30))
    pause_clock(clock, on=date(2026, 10, 8), reason="征求第三方意见", actor=world.handler_finance)
    import_arrangement_text(_2026_with("holiday 2026-10-09 国庆节（测试）"))
    clock.refresh_from_db()
    assert (clock.state, clock.due_date) == ("paused", None)
    assert not clock.events.filter(kind="recompute").exists()

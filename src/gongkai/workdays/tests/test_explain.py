"""A clock explains, day by day, which days it counted."""

from datetime import date

from gongkai.workdays.clocks import pause_clock, restart_clock, resume_clock


def test_explain_counts_the_makeup_saturday_and_names_the_spring_festival(start):
    clock = start(date(2026, 2, 13), limit_days=5)  # Friday before 春节
    days = clock.explain()
    assert days[0].date == date(2026, 2, 14)
    assert (days[0].counted, days[0].ordinal, days[0].note) == (True, 1, "调休上班：春节")
    by_date = {d.date: d for d in days}
    assert by_date[date(2026, 2, 15)].reason == "周末"  # Sunday inside the holiday period
    assert by_date[date(2026, 2, 16)].reason == "春节"
    assert not by_date[date(2026, 2, 23)].counted
    assert by_date[date(2026, 2, 24)].ordinal == 2
    assert days[-1].date == clock.due_date == date(2026, 2, 27)
    assert days[-1].ordinal == 5 and days[-1].is_due
    assert [d.ordinal for d in days if d.counted] == [1, 2, 3, 4, 5]


def test_explain_marks_paused_working_days_with_the_reason(start, world):
    clock = start(date(2026, 3, 2), limit_days=5)
    pause_clock(clock, on=date(2026, 3, 3), reason="征求第三方意见", actor=world.handler_finance)
    resume_clock(clock, on=date(2026, 3, 5), actor=world.handler_finance)
    by_date = {d.date: d for d in clock.explain()}
    assert by_date[date(2026, 3, 3)].ordinal == 1  # the pause day itself still counts
    assert by_date[date(2026, 3, 4)].reason == "暂停：征求第三方意见"
    assert by_date[date(2026, 3, 5)].reason == "暂停：征求第三方意见"
    assert by_date[date(2026, 3, 6)].ordinal == 2
    assert clock.due_date == date(2026, 3, 11)
    assert by_date[date(2026, 3, 11)].ordinal == 5


def test_explain_starts_the_day_after_a_restart(start, world):
    clock = start(date(2026, 3, 2), limit_days=3)
    restart_clock(clock, on=date(2026, 3, 9), reason="收到补正", actor=world.handler_finance)
    days = clock.explain()
    assert days[0].date == date(2026, 3, 10)
    assert days[-1].date == date(2026, 3, 12)


def test_explain_of_a_paused_clock_runs_to_today(start, world, frozen_today):
    clock = start(date(2026, 3, 2), limit_days=5)
    pause_clock(clock, on=date(2026, 3, 3), reason="征求第三方意见", actor=world.handler_finance)
    frozen_today(date(2026, 3, 6))
    days = clock.explain()
    assert days[-1].date == date(2026, 3, 6)
    assert days[-1].reason == "暂停：征求第三方意见"


def test_explain_text_reads_as_a_chinese_account_of_the_count(start):
    clock = start(date(2026, 9, 30), limit_days=3)
    text = clock.explain_text()
    assert "起算日：2026-09-30（当日不计）；时限3个工作日。" in text
    assert "2026-10-01 星期四 不计（国庆节）" in text
    assert "2026-10-03 星期六 不计（周末）" in text
    assert "2026-10-08 星期四 第1个工作日" in text
    assert "2026-10-10 星期六 第3个工作日（调休上班：国庆节） ← 到期日" in text
    assert text.endswith("到期日：2026-10-10。")

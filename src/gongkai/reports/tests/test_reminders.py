"""The annual report reminders (条例第四十九条): on 1 January, weekly, daily in the last five days
before 31 January, never twice a day, none for a published report, and the office's list of the
agencies that missed the deadline."""

from datetime import date

import pytest

from gongkai.disclosure.models import InformationItem
from gongkai.notices.models import Notice
from gongkai.reports import jobs, services

from .test_workflow import write

pytestmark = pytest.mark.django_db


def subjects(user) -> list[str]:
    return list(Notice.objects.filter(recipient=user).values_list("subject", flat=True))


@pytest.fixture(autouse=True)
def in_use_in_2026(world):
    """天水市 and 秦州区 used the platform in 2026 (an item published each): every unit of
    theirs is expected to report on 2026 (obligation.governments_in_use)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from .test_card import item

    on = datetime(2026, 3, 2, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    item("U1", world.finance, on)
    item("U2", world.qinzhou_finance, on)


def published_report(world):
    report = services.report_for(world.finance, 2026)
    write(report, world.handler_finance)
    services.submit(report, actor=world.reviewer_finance)
    services.approve(report, actor=world.office)
    item = services.publish_to_catalogue(report, actor=world.handler_finance)
    InformationItem.objects.filter(pk=item.pk).update(state="published")
    return report


def test_calendar_of_article_49():
    assert jobs.publication_deadline(2026, government=False) == date(2027, 1, 31)
    assert jobs.publication_deadline(2026, government=True) == date(2027, 3, 31)
    deadline = date(2027, 1, 31)
    days = [d for d in range(1, 32) if jobs.is_reminder_day(date(2027, 1, d), deadline)]
    assert days == [1, 8, 15, 22, 27, 28, 29, 30, 31]
    assert not jobs.is_reminder_day(date(2027, 2, 1), deadline)
    assert not jobs.is_reminder_day(date(2026, 12, 31), deadline)
    late = jobs.deadline_status(2026, government=False, published=False, today=date(2027, 2, 3))
    assert late.overdue and late.label == "已逾期3天"
    done = jobs.deadline_status(2026, government=False, published=True, today=date(2027, 2, 3))
    assert not done.overdue and done.label == "已公开"


def test_first_of_january_reaches_handlers_and_reviewers_once(world):
    report = services.report_for(world.finance, 2026)
    sent = jobs.remind(today=date(2027, 1, 1))
    expected = "天水市财政局2026年度政府信息公开工作年度报告尚未公开（距截止还有30天）"
    assert subjects(world.handler_finance) == [expected]
    assert subjects(world.reviewer_finance) == [expected]
    assert subjects(world.secrecy_finance) == []  # 保密审查员 do not write the report
    assert subjects(world.handler_environment) == [
        "天水市环境保护局2026年度政府信息公开工作年度报告尚未公开（距截止还有30天）"
    ]
    notice = Notice.objects.get(recipient=world.handler_finance)
    assert notice.url == f"/workbench/reports/{report.pk}/"
    assert "编写中" in notice.body and "2027年1月31日" in notice.body
    assert sent["reminders"] > 0 and sent["summaries"] == 0

    assert jobs.remind(today=date(2027, 1, 1)) == {"reminders": 0, "summaries": 0}
    assert Notice.objects.filter(recipient=world.handler_finance).count() == 1
    assert jobs.remind(today=date(2027, 1, 2))["reminders"] == 0  # not a reminder day


def test_daily_in_the_last_days_but_not_for_a_published_report(world):
    published_report(world)
    jobs.remind(today=date(2027, 1, 27))
    assert subjects(world.handler_finance) == []
    assert subjects(world.handler_environment) == [
        "天水市环境保护局2026年度政府信息公开工作年度报告尚未公开（距截止还有4天）"
    ]
    jobs.remind(today=date(2027, 1, 28))
    assert len(subjects(world.handler_environment)) == 2


def test_the_office_gets_the_list_of_agencies_past_the_deadline(world):
    published_report(world)
    sent = jobs.remind(today=date(2027, 2, 1))
    assert sent["reminders"] == 0  # agencies are past their deadline, governments not due today
    [summary] = Notice.objects.filter(recipient=world.office)
    assert summary.subject == "天水市2026年度报告逾期未公开的机关（部门）名单"
    assert "天水市环境保护局" in summary.body and "秦州区财政局" in summary.body
    assert "天水市财政局" not in summary.body and "陇南市财政局" not in summary.body
    assert subjects(world.handler_finance) == subjects(world.handler_environment) == []
    assert jobs.remind(today=date(2027, 2, 1)) == {"reminders": 0, "summaries": 0}
    assert jobs.remind(today=date(2027, 2, 2)) == {"reminders": 0, "summaries": 0}


def test_the_government_report_until_31_march_then_the_office_list(world):
    from gongkai.orgs.roles import Role
    from gongkai.testing.factories import staff

    clerk = staff("handler_office", (world.general_office, Role.HANDLER))
    jobs.remind(today=date(2027, 3, 27))
    assert "天水市2026年度政府信息公开工作年度报告尚未公开（距截止还有4天）" in subjects(clerk)
    assert jobs.remind(today=date(2027, 3, 27)) == {"reminders": 0, "summaries": 0}

    jobs.remind(today=date(2027, 4, 1))
    summary = Notice.objects.get(
        recipient=world.office, subject="天水市2026年度报告逾期未公开的政府名单"
    )
    assert "天水市、秦州区" in summary.body or "秦州区、天水市" in summary.body
    assert "陇南市" not in summary.body


def test_the_reminders_run_every_day_at_half_past_eight():
    from gongkai.jobs.registry import SCHEDULES

    schedule = SCHEDULES["reports.remind"]
    assert schedule.cron == "30 8 * * *"
    assert schedule.task is jobs.remind_annual_reports

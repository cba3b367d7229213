"""The Art. 49 calendar (条例第四十九条) and the daily reminders of the annual report (年度报告).

Agencies (机关, departments) publish the previous year's report by 31 January,
governments (政府) by 31 March. From 1 January the handlers and reviewers of
every agency (for a government: of its general office, 政府办公室) whose report
is not yet published get an in-app notice on 1 January, then weekly, and daily
in the last five days before the deadline. The day after a deadline the
disclosure office (公开办) of each government gets one summary with the
agencies of its tree that have not published. Only units whose government used the
platform in the year are expected to report (``obligation.governments_in_use``).

``remind(today=)`` is idempotent per day: every notice's subject names the day
it belongs to, and a subject already sent to a person is not sent again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone
from django_tasks import task

from gongkai.jobs.registry import scheduled

REMIND_DAILY = 5  # the last days before the deadline with a reminder every day
WEEK = 7


def publication_deadline(year: int, *, government: bool) -> date:
    """When the report of ``year`` must be published (条例第四十九条)."""
    return date(year + 1, 3, 31) if government else date(year + 1, 1, 31)


NOT_EXPECTED = "该年度未使用平台，不计逾期"


@dataclass(frozen=True)
class DeadlineStatus:
    deadline: date
    published: bool
    days_left: int  # negative once the deadline has passed
    # Was a report expected (``obligation.governments_in_use``)? A unit whose government
    # did not use the platform that year is never 逾期 there.
    expected: bool = True

    @property
    def overdue(self) -> bool:
        return self.expected and not self.published and self.days_left < 0

    @property
    def label(self) -> str:
        if self.published:
            return "已公开"
        if not self.expected:
            return NOT_EXPECTED
        if self.days_left < 0:
            return f"已逾期{-self.days_left}天"
        if self.days_left == 0:
            return "今天截止"
        return f"距截止还有{self.days_left}天"


def deadline_status(
    year: int, *, government: bool, published: bool, today: date, expected: bool = True
) -> DeadlineStatus:
    deadline = publication_deadline(year, government=government)
    return DeadlineStatus(deadline, published, (deadline - today).days, expected)


def is_reminder_day(today: date, deadline: date) -> bool:
    """1 January, then every seventh day, and each of the last five days up to the deadline."""
    start = date(deadline.year, 1, 1)
    if not start <= today <= deadline:
        return False
    return (today - start).days % WEEK == 0 or (deadline - today).days < REMIND_DAILY


def _scopes(year: int):
    """Every active agency and every government, each with its report of ``year`` (or None)."""
    from gongkai.orgs.models import Department, Government

    from .models import AnnualReport

    reports = AnnualReport.objects.filter(year=year).select_related("item")
    departments = Department.objects.filter(active=True).select_related("government")
    departments = departments.prefetch_related(
        Prefetch("annual_reports", queryset=reports, to_attr="year_reports")
    )
    governments = Government.objects.prefetch_related(
        Prefetch("annual_reports", queryset=reports, to_attr="year_reports"),
        Prefetch(
            "departments",
            queryset=Department.objects.filter(kind="general_office", active=True),
            to_attr="general_offices",
        ),
    )
    for department in departments:
        yield department, department, (department.year_reports or [None])[0], False
    for government in governments:
        office = (government.general_offices or [None])[0]
        yield government, office, (government.year_reports or [None])[0], True


def _send_once(user, subject: str, body: str, url: str, related) -> bool:
    from gongkai.notices.models import Notice, NoticeChannel
    from gongkai.notices.services import send_notice

    if Notice.objects.filter(recipient=user, channel=NoticeChannel.INAPP, subject=subject).exists():
        return False
    send_notice(
        channel=NoticeChannel.INAPP,
        recipient=user,
        subject=subject,
        body=body,
        url=url,
        related=related,
    )
    return True


def _members(department, roles):
    from gongkai.orgs.models import Membership

    if department is None:
        return []
    return [
        m.user
        for m in Membership.objects.filter(
            department=department, role__in=roles, active=True, user__is_active=True
        ).select_related("user")
    ]


def remind(today: date | None = None) -> dict[str, int]:
    """Send the day's reminders and summaries; returns how many notices were sent."""
    from gongkai.orgs.models import Department, Government
    from gongkai.orgs.roles import Role

    from .obligation import governments_in_use, reporting_year

    today = today or timezone.localdate()
    year = reporting_year(today)
    in_use = governments_in_use(year)
    sent = {"reminders": 0, "summaries": 0}
    unpublished: list[tuple] = []  # (scope, is_government) after its deadline
    for scope, office, report, is_government in _scopes(year):
        if report is not None and report.published:
            continue
        if (scope.pk if is_government else scope.government_id) not in in_use:
            continue  # its government did not use the platform that year: nothing expected
        deadline = publication_deadline(year, government=is_government)
        if today > deadline:
            unpublished.append((scope, is_government))
            continue
        if not is_reminder_day(today, deadline):
            continue
        days_left = (deadline - today).days
        when = "今天截止" if days_left == 0 else f"距截止还有{days_left}天"
        subject = f"{scope.name}{year}年度政府信息公开工作年度报告尚未公开（{when}）"
        state = report.get_state_display() if report is not None else "尚未开始编写"
        body = (
            f"按照《中华人民共和国政府信息公开条例》第四十九条，{year}年度报告应于"
            f"{deadline.year}年{deadline.month}月{deadline.day}日前向社会公布。"
            f"目前状态：{state}。"
        )
        url = f"/workbench/reports/{report.pk}/" if report is not None else "/workbench/reports/"
        for user in _members(office, (Role.HANDLER, Role.REVIEWER)):
            sent["reminders"] += _send_once(user, subject, body, url, report)

    for is_government, what in ((False, "机关（部门）"), (True, "政府")):
        deadline = publication_deadline(year, government=is_government)
        if today <= deadline:
            continue
        for government in Government.objects.all():
            late = [
                scope
                for scope, gov_flag in unpublished
                if gov_flag == is_government
                and (scope if is_government else scope.government).is_within(government)
            ]
            if not late:
                continue
            office = Department.objects.filter(
                government=government, kind="general_office", active=True
            ).first()
            subject = f"{government.name}{year}年度报告逾期未公开的{what}名单"
            body = (
                f"{year}年度政府信息公开工作年度报告的公开期限"
                f"（{deadline.year}年{deadline.month}月{deadline.day}日）已过，"
                f"以下{len(late)}个{what}尚未公开：" + "、".join(s.name for s in late) + "。"
            )
            for user in _members(office, (Role.DISCLOSURE_OFFICE,)):
                sent["summaries"] += _send_once(user, subject, body, "/workbench/reports/", None)
    return sent


@scheduled("30 8 * * *", name="reports.remind")
@task()
def remind_annual_reports() -> dict[str, int]:
    """Every day at 08:30 (Beijing time): the annual report reminders and overdue summaries."""
    return remind()

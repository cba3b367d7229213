"""Reminders (督办提醒) of the reply period and of the correction-notice limit.

Run each morning by the job ``applications.reminders``. For every open reply
clock of an application (答复期限, Art. 33, or the later one set under
Art. 35):

* due within N working days after today (N = ``ApplicationRules.due_soon_days``),
* due today,
* overdue —

an in-app notice goes to the assignee (or, with none, the agency's
handlers); overdue ones also go to the disclosure office (公开办) above the
agency. And one working day before ``Application.correction_notice_by`` (the
7-working-day limit of a 补正 (correction notice), Art. 30) the handler is
warned if no correction was requested and no reply submitted yet.

Each reminder is sent at most once per application, point and due date: the
subject names the point and the date, and a notice of the application with
that subject already in the outbox means it was sent. A new due date (an
extension, a restart after correction) is a new reminder.
"""

from __future__ import annotations

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from gongkai.core.dates import cn_date
from gongkai.notices.models import Notice
from gongkai.workdays import add_working_days
from gongkai.workdays.models import ClockState
from gongkai.workflow import timeline

from .models import Application, ApplicationState, StepKind
from .services.common import notify_office, notify_staff, today
from .staff.queries import horizons, reply_clocks

POINTS = {
    "soon": "答复期限临近",
    "today": "答复期限今日届满",
    "overdue": "答复已超期",
}


def reminder_subject(point: str, application: Application, due: date) -> str:
    return f"【{POINTS[point]}】{application.tracking_number}（{due:%Y-%m-%d}到期）"


def correction_subject(application: Application) -> str:
    return (
        f"【补正告知期限临近】{application.tracking_number}"
        f"（{application.correction_notice_by:%Y-%m-%d}前）"
    )


def _already_sent(application: Application, subject: str) -> bool:
    return Notice.objects.filter(
        content_type=ContentType.objects.get_for_model(Application),
        object_id=str(application.pk),
        subject=subject,
    ).exists()


def _point(due: date, day: date, horizon: date) -> str | None:
    if due < day:
        return "overdue"
    if due == day:
        return "today"
    if due <= horizon:
        return "soon"
    return None


def send_reply_reminders(day: date | None = None) -> dict[str, int]:
    """Remind of reply periods due soon, due today and overdue. Returns counts sent."""
    day = day or today()
    sent = {"soon": 0, "today": 0, "overdue": 0}
    clocks = list(
        reply_clocks()
        .filter(state__in=[ClockState.RUNNING, ClockState.OVERDUE], due_date__isnull=False)
        .select_related("department")
    )
    horizon = horizons({c.department.government_id for c in clocks}, day)
    candidates = [
        (c, point)
        for c in clocks
        if (point := _point(c.due_date, day, horizon[c.department.government_id])) is not None
    ]
    applications = Application.objects.select_related("department__government", "assignee").in_bulk(
        [int(c.object_id) for c, _ in candidates]
    )
    for clock, point in candidates:
        application = applications.get(int(clock.object_id))
        if application is None or application.state not in (
            ApplicationState.IN_PROGRESS,
            ApplicationState.AWAITING_CORRECTION,
            ApplicationState.AWAITING_FEE,
            ApplicationState.REPLY_REVIEW,
        ):
            continue
        subject = reminder_subject(point, application, clock.due_date)
        if _already_sent(application, subject):
            continue
        if point == "overdue":
            body = f"答复期限已于{cn_date(clock.due_date)}届满，尚未作出答复，请尽快办理。"
        elif point == "today":
            body = "答复期限今日届满，请在今天内作出答复。"
        else:
            body = f"答复期限将于{cn_date(clock.due_date)}届满，请抓紧办理。"
        with transaction.atomic():
            notify_staff(application, subject, body)
            if point == "overdue":
                notify_office(application, subject, body)
        sent[point] += 1
    return sent


def send_correction_warnings(day: date | None = None) -> int:
    """One working day before the correction-notice limit: warn the handler once."""
    day = day or today()
    tomorrow = add_working_days(day, 1)
    pending = (
        Application.objects.filter(
            state=ApplicationState.IN_PROGRESS,
            correction_notice_by__gte=day,
            correction_notice_by__lte=tomorrow,
            correction__isnull=True,
        )
        .exclude(timeline.having(Application, kind=StepKind.REPLY_SUBMITTED))
        .select_related("department__government", "assignee")
    )
    sent = 0
    for application in pending:
        subject = correction_subject(application)
        if _already_sent(application, subject):
            continue
        with transaction.atomic():
            notify_staff(
                application,
                subject,
                f"如申请内容需要补正，须在{cn_date(application.correction_notice_by)}前"
                "一次性告知申请人（条例第三十条），逾期不能再告知补正。",
            )
        sent += 1
    return sent


def send_reminders(day: date | None = None) -> dict[str, int]:
    day = day or today()
    return {**send_reply_reminders(day), "correction": send_correction_warnings(day)}

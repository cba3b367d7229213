"""Jobs of the application workflow: expiry of applicant periods, notice files."""

from django_tasks import task

from gongkai.jobs.registry import scheduled
from gongkai.jobs.retry import retrying


# Before workdays.mark_overdue (00:05): an applicant's lapsed period closes the
# application rather than showing as the agency's overdue clock.
@scheduled("1 0 * * *", name="applications.expire_periods")
@task()
def expire_applicant_periods() -> dict:
    """Every night at 00:01: close applications whose correction or payment period lapsed."""
    from .services import expire_corrections, expire_fees

    return {"corrections": expire_corrections(), "fees": expire_fees()}


@task()
@retrying(max_attempts=5)
def render_notice_files(notice_id: int) -> None:
    """Make the DOCX and PDF of an issued formal notice (once; safe to run twice)."""
    from .documents import render_notice_files as render

    render(notice_id)


@scheduled("30 8 * * *", name="applications.reminders")
@task()
def send_application_reminders() -> dict:
    """Every working morning at 08:30: reply periods due soon, due today or overdue,
    and correction notices due tomorrow (each reminder once; see ``reminders``)."""
    from gongkai.workdays import is_working_day

    from .reminders import send_reminders
    from .services.common import today

    if not is_working_day(today()):
        return {"skipped": "not a working day"}
    return send_reminders()

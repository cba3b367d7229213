"""Scheduled jobs of the clocks."""

from django_tasks import task

from gongkai.jobs.registry import scheduled


@scheduled("5 0 * * *", name="workdays.mark_overdue")
@task()
def mark_overdue_clocks() -> int:
    """Every night at 00:05 (Beijing time): running clocks past their due date become overdue."""
    from . import recompute

    return recompute.mark_overdue_clocks()


@scheduled("*/5 * * * *", name="workdays.mark_overdue_hours")
@task()
def mark_overdue_hour_clocks() -> int:
    """Every five minutes: running hour clocks (舆情回应's 5, 24, 48 hours) past their due
    instant become overdue, so supervision sees them within minutes, not the next night."""
    from . import recompute
    from .models import ClockUnit

    return recompute.mark_overdue_clocks(units=(ClockUnit.HOURS,))

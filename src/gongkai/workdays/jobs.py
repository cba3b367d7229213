"""Scheduled jobs of the working-day clocks."""

from django_tasks import task

from gongkai.jobs.registry import scheduled


@scheduled("5 0 * * *", name="workdays.mark_overdue")
@task()
def mark_overdue_clocks() -> int:
    """Every night at 00:05 (Beijing time): running clocks past their due date become overdue."""
    from . import recompute

    return recompute.mark_overdue_clocks()

"""Scheduled jobs of the message boards."""

from django_tasks import task

from gongkai.jobs.registry import scheduled


@scheduled("10 0 * * *", name="interaction.close_unrated")
@task()
def close_unrated_messages() -> int:
    """Every night at 00:10: replied messages past their rating period are closed."""
    from .services import close_unrated

    return close_unrated()


@scheduled("30 8 * * *", name="interaction.supervise")
@task()
def supervise_messages() -> dict[str, int]:
    """Every day at 08:30 (Beijing time): 督办 reminders before and at the reply deadline,
    overdue notices and escalation to department leaders (each once per clock)."""
    from .supervision import supervise

    return supervise()

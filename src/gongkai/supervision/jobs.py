"""Scheduled jobs of 督查考核."""

from django_tasks import task

from gongkai.jobs.registry import scheduled


@scheduled("17 * * * *", name="supervision.probe_sites")
@task()
def probe_sites() -> int:
    """Every hour at :17 (Beijing time): one availability probe of each registered site
    (24 a day; the indicators ask for at least 20, spread over the day)."""
    from . import services

    return services.probe_sites()

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


@scheduled("40 6 * * *", name="supervision.check_outside_links")
@task()
def check_outside_links() -> int:
    """Every morning at 06:40: the links the site's pages give to other sites (each key
    area's responsible unit …), politely, one a second."""
    from gongkai.portal.site import site_government

    from . import services

    return services.check_outside_links(site_government())

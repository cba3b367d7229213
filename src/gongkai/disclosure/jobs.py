"""Scheduled jobs of proactive disclosure (times are Beijing time)."""

from django_tasks import task

from gongkai.jobs.registry import scheduled


@scheduled("* * * * *", name="disclosure.publish_scheduled")
@task()
def publish_scheduled_items() -> int:
    """Every minute: publish approved items whose 定时发布时间 has come."""
    from .publishing import publish_due_items

    return publish_due_items()


@scheduled("15 0 * * *", name="disclosure.expire_documents")
@task()
def expire_lapsed_documents() -> int:
    """Every night at 00:15: 规范性文件 past their 有效期至 become 失效."""
    from .corrections import expire_lapsed_documents as expire

    return expire()

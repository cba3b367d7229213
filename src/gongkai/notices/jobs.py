"""Jobs of the notices outbox."""

from __future__ import annotations

from django_tasks import task

from gongkai.jobs.registry import scheduled
from gongkai.jobs.retry import exponential_backoff, retrying

from . import delivery


@task()
@retrying(max_attempts=delivery.MAX_ATTEMPTS, backoff=exponential_backoff(first=60, maximum=1800))
def deliver_notice(notice_id: int) -> str:
    """Send one email or SMS notice (idempotent: only a pending row is sent; an
    interrupted send is resumed by asking the provider first)."""
    return delivery.deliver(notice_id)


@scheduled("*/5 * * * *", name="notices.sweep")
@task()
def sweep_notices() -> dict[str, int]:
    """Re-enqueue notices whose delivery job was lost, and interrupted sends."""
    return delivery.sweep()

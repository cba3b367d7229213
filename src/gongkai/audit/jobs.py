"""Jobs of the audit trail."""

from __future__ import annotations

from django_tasks import task

from gongkai.jobs.registry import scheduled

from . import anchors


@scheduled("30 0 * * *", name="audit.anchor_head")
@task()
def anchor_head() -> int:
    """Sign today's chain head and keep it outside the database; the number of events."""
    return anchors.write().count

"""Failed jobs, for the administrators' pages.

A job is failed when its task raised after its last attempt (see
``gongkai.jobs.retry``) or could not start. The rows are django-tasks-db's
``DBTaskResult``; the Django admin lists them under 任务结果 as well (filter
by status).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.urls import reverse
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .retry import ATTEMPT_KWARG


@dataclass(frozen=True)
class FailedJob:
    id: str
    task_name: str
    task_path: str
    args: list[Any]
    kwargs: dict[str, Any]
    attempt: int
    queue_name: str
    enqueued_at: datetime
    finished_at: datetime | None
    error_class: str
    error: str  # the last line of the traceback, e.g. "SmsError: 网关超时"
    traceback: str
    admin_url: str


def _last_line(traceback: str) -> str:
    lines = [line for line in traceback.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


def failed_jobs(limit: int = 50) -> list[FailedJob]:
    """The most recently failed jobs, newest first."""
    rows = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).order_by(
        "-finished_at", "-enqueued_at"
    )[:limit]
    jobs = []
    for row in rows:
        kwargs = dict(row.args_kwargs.get("kwargs", {}))
        attempt = int(kwargs.pop(ATTEMPT_KWARG, 1))
        jobs.append(
            FailedJob(
                id=str(row.id),
                task_name=row.task_name,
                task_path=row.task_path,
                args=list(row.args_kwargs.get("args", [])),
                kwargs=kwargs,
                attempt=attempt,
                queue_name=row.queue_name,
                enqueued_at=row.enqueued_at,
                finished_at=row.finished_at,
                error_class=row.exception_class_path,
                error=_last_line(row.traceback),
                traceback=row.traceback,
                admin_url=reverse("admin:django_tasks_database_dbtaskresult_change", args=[row.pk]),
            )
        )
    return jobs


def failed_job_count() -> int:
    return DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).count()

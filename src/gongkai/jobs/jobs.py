"""Housekeeping: the job tables themselves, and expired sessions."""

from __future__ import annotations

from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db.models import Max, Q
from django.utils import timezone
from django_tasks import task
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import ScheduleRun
from .registry import scheduled

KEEP_SUCCESSFUL = timedelta(days=30)
KEEP_FAILED = timedelta(days=180)
KEEP_SCHEDULE_RUNS = timedelta(days=90)


@scheduled("30 3 * * *", name="jobs.prune_history")
@task()
def prune_job_history() -> dict[str, int]:
    """Delete finished task results and schedule-run rows past their keeping time."""
    now = timezone.now()
    successful, _ = DBTaskResult.objects.filter(
        status=TaskResultStatus.SUCCESSFUL, finished_at__lt=now - KEEP_SUCCESSFUL
    ).delete()
    failed, _ = DBTaskResult.objects.filter(
        status=TaskResultStatus.FAILED, finished_at__lt=now - KEEP_FAILED
    ).delete()
    # The newest run of each schedule stays: it is what tells the scheduler
    # that a yearly slot was already taken.
    newest = Q()
    for row in ScheduleRun.objects.values("name").annotate(last=Max("slot")):
        newest |= Q(name=row["name"], slot=row["last"])
    old = ScheduleRun.objects.filter(slot__lt=now - KEEP_SCHEDULE_RUNS)
    runs, _ = (old.exclude(newest) if newest else old).delete()
    return {"successful": successful, "failed": failed, "schedule_runs": runs}


@scheduled("40 3 * * *", name="sessions.clear_expired")
@task()
def clear_expired_sessions() -> dict[str, int | None]:
    """What ``manage.py clearsessions`` does, daily: delete sessions past their expiry.

    Django never deletes an expired session row by itself; without this the
    table grows by every visit for ever. The count is known for the database
    backends; other backends clean up in their own way.
    """
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if issubclass(store, DatabaseSessionStore):
        deleted, _ = store.get_model_class().objects.filter(expire_date__lt=timezone.now()).delete()
        return {"sessions": deleted}
    store.clear_expired()
    return {"sessions": None}

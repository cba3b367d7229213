"""Leases: a job whose worker is gone goes back to the queue.

django-tasks-db marks a claimed job RUNNING and appends the worker's id to
``worker_ids``; a worker killed mid-job (``kill -9``, out of memory, power)
leaves it RUNNING for ever. Here every worker keeps a ``WorkerHeartbeat`` row
fresh: it is written before the worker claims anything and refreshed every
``heartbeat_interval()`` seconds by a thread, so a job running for an hour
keeps its lease. ``reclaim()`` (run by every worker when it starts and then
every heartbeat interval) treats a RUNNING job as orphaned when the worker
that claimed it last

- has no heartbeat row, or has not beaten for ``lease_seconds()``
  (``GONGKAI_JOB_LEASE_SECONDS``, default 300); or
- ran on this machine, its process no longer exists, and it has not beaten
  for two heartbeat intervals (the fast path: ``gongkai serve`` restarting a
  killed worker gets its job back within seconds, not minutes).

An orphaned job returns to READY and runs again from the start; after
``MAX_LOST_ATTEMPTS`` claims that all ended with their worker gone (a job that
kills its worker, by memory say) it is FAILED with ``WorkerLost`` instead of
looping for ever.

All lease times are the database's clock (``Now()``), never a process's: two
machines with skewed clocks, or a test process whose clock is frozen, agree.

What a lease does not guarantee: a worker that is alive but cut off from the
database (or stopped) for longer than the lease loses its jobs to another
worker while it may still finish them, so a job can run twice; task bodies
must stay idempotent (ADR 0008).
"""

from __future__ import annotations

import contextvars
import logging
import os
import socket
import threading
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection, connections
from django.db.models import DateTimeField, ExpressionWrapper
from django.db.models.functions import Now
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import WorkerHeartbeat

logger = logging.getLogger("gongkai.jobs")

DEFAULT_LEASE_SECONDS = 300
# Claims ended by a lost worker before the job is failed rather than run again.
MAX_LOST_ATTEMPTS = 3
# Heartbeat rows of workers gone this long are deleted.
FORGET_AFTER = timedelta(days=1)

HOSTNAME = socket.gethostname()[:255]

_current_worker = contextvars.ContextVar("gongkai_job_worker", default="")


class WorkerLost(Exception):
    """The worker running a job disappeared (the reason written on a job failed by a lease)."""


def lease_seconds() -> float:
    return float(getattr(settings, "JOB_LEASE_SECONDS", DEFAULT_LEASE_SECONDS))


def heartbeat_interval() -> float:
    """Seconds between heartbeats: a third of the lease, at most 10."""
    return max(0.2, min(10.0, lease_seconds() / 3))


def current_worker_id() -> str:
    """The id of the worker running the current job ("" outside a job)."""
    return _current_worker.get()


def set_current_worker(worker_id: str) -> contextvars.Token:
    return _current_worker.set(worker_id)


def reset_current_worker(token: contextvars.Token) -> None:
    _current_worker.reset(token)


def _db_now_minus(seconds: float) -> ExpressionWrapper:
    return ExpressionWrapper(Now() - timedelta(seconds=seconds), output_field=DateTimeField())


def register(worker_id: str) -> None:
    """Write (or refresh) this process's heartbeat row."""
    updated = WorkerHeartbeat.objects.filter(pk=worker_id).update(
        last_seen=Now(), hostname=HOSTNAME, pid=os.getpid()
    )
    if not updated:
        WorkerHeartbeat.objects.create(
            worker_id=worker_id,
            hostname=HOSTNAME,
            pid=os.getpid(),
            started_at=Now(),
            last_seen=Now(),
        )


def unregister(worker_id: str) -> None:
    WorkerHeartbeat.objects.filter(pk=worker_id).delete()


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def live_worker_ids() -> set[str]:
    """Workers holding a lease: heard from within the lease, and not known dead here."""
    live = set()
    rows = WorkerHeartbeat.objects.filter(last_seen__gte=_db_now_minus(lease_seconds()))
    recently = set(
        WorkerHeartbeat.objects.filter(
            last_seen__gte=_db_now_minus(2 * heartbeat_interval())
        ).values_list("worker_id", flat=True)
    )
    for worker_id, hostname, pid in rows.values_list("worker_id", "hostname", "pid"):
        gone_here = hostname == HOSTNAME and not _process_exists(pid) and worker_id not in recently
        if not gone_here:
            live.add(worker_id)
    return live


def is_alive(worker_id: str) -> bool:
    return bool(worker_id) and worker_id in live_worker_ids()


def _lost_reason(claims: int) -> str:
    return (
        f"{WorkerLost.__module__}.{WorkerLost.__qualname__}: "
        f"执行此任务的后台任务进程已连续 {claims} 次在任务完成前消失（进程被结束、内存不足或机器重启），"
        "不再自动重试；请查明原因后重新排队。\n"
    )


def reclaim() -> dict[str, int]:
    """Return orphaned RUNNING jobs to the queue (or fail them); how many of each."""
    running = list(
        DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).values_list(
            "pk", "worker_ids", "started_at", "task_path"
        )
    )
    counts = {"requeued": 0, "failed": 0}
    if not running:
        _forget_old_workers()
        return counts
    live = live_worker_ids()
    for pk, worker_ids, started_at, task_path in running:
        worker_ids = worker_ids or []
        if worker_ids and worker_ids[-1] in live:
            continue
        # Conditional on the same claim: a row claimed again meanwhile is left alone.
        same_claim = DBTaskResult.objects.filter(
            pk=pk, status=TaskResultStatus.RUNNING, started_at=started_at
        )
        if len(worker_ids) >= MAX_LOST_ATTEMPTS:
            done = same_claim.update(
                status=TaskResultStatus.FAILED,
                finished_at=Now(),
                return_value=None,
                exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
                traceback=_lost_reason(len(worker_ids)),
            )
            if done:
                counts["failed"] += 1
                logger.error(
                    "Job %s (%s) failed: its worker disappeared %d times",
                    pk,
                    task_path,
                    len(worker_ids),
                )
        else:
            done = same_claim.update(status=TaskResultStatus.READY)
            if done:
                counts["requeued"] += 1
                logger.warning(
                    "Job %s (%s) returned to the queue: worker %s is gone",
                    pk,
                    task_path,
                    worker_ids[-1] if worker_ids else "?",
                )
    _forget_old_workers()
    return counts


def _forget_old_workers() -> None:
    WorkerHeartbeat.objects.filter(
        last_seen__lt=_db_now_minus(max(FORGET_AFTER.total_seconds(), 2 * lease_seconds()))
    ).delete()


class Heartbeat:
    """Keeps a worker's lease: its row, refreshed by a thread while the worker runs.

    ``thread=False`` (a worker inside a test's transaction) writes the row once
    and starts no thread: another connection would not see the transaction.
    """

    def __init__(self, worker_id: str, *, thread: bool = True):
        self.worker_id = worker_id
        self.use_thread = thread
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> Heartbeat:
        register(self.worker_id)
        if self.use_thread:
            self._thread = threading.Thread(
                target=self._run, name=f"heartbeat-{self.worker_id[:8]}", daemon=True
            )
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
        try:
            unregister(self.worker_id)
        except DatabaseError:
            logger.warning("Could not remove the heartbeat of worker %s", self.worker_id)

    def _run(self) -> None:
        try:
            while not self._stop.wait(heartbeat_interval()):
                try:
                    register(self.worker_id)
                except DatabaseError:
                    logger.warning("Heartbeat of worker %s failed", self.worker_id, exc_info=True)
                    connection.close()
        finally:
            connections.close_all()

"""The job worker: django-tasks-db's ``Worker`` with the scheduler in its loop.

``JobWorker`` reuses the library worker unchanged for claiming and running
tasks (``select_for_update(skip_locked=True)``, exclusive transactions on
SQLite, results and tracebacks stored on the row). Its own loop only adds the
scheduler: tick → run the ready tasks (at most ``chunk`` before the next tick)
→ sleep ``interval`` when the queue is empty. Each job it runs is logged in
one line (``gongkai.jobs``, INFO; DEBUG for a scheduled job that found nothing
to do, such as the every-minute publication check). A failed job is logged by
django-tasks with its traceback, a failed attempt that will be retried by
``gongkai.jobs.retry``; neither adds this line.

Leases (``gongkai.jobs.lease``): while it runs, the worker keeps a heartbeat
row fresh (a thread, so a long job keeps its lease); when it starts and then
every heartbeat interval it returns RUNNING jobs whose worker is gone to the
queue.

``run_now(tasks)`` runs the ready jobs of some tasks in the calling process
until none is left, with the same claim and the same ``run_task``: for a
command whose work is only complete once its jobs have run (``gongkai demo``).
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import DatabaseError, OperationalError, close_old_connections, connections
from django.utils.crypto import get_random_string
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from . import lease, registry
from .scheduler import Scheduler

logger = logging.getLogger("gongkai.jobs")

# Seconds to wait before trying again when the database is unreachable.
RECONNECT_DELAY = 5.0


def _did_something(value) -> bool:
    """Whether a scheduled job's result reports work done: a non-zero count somewhere in it
    (a string is a status, such as "not a working day")."""
    if isinstance(value, bool):
        return value
    if value is None or isinstance(value, str):
        return False
    if isinstance(value, int | float):
        return value != 0
    if isinstance(value, dict):
        return any(_did_something(v) for v in value.values())
    if isinstance(value, list | tuple):
        return bool(value)
    return True


def _short(value, limit: int = 120) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def close_old_connections_outside_transactions() -> None:
    """Django's ``close_old_connections``, except while a transaction is open.

    A connection inside ``atomic()`` (a test's transaction) counts as
    "unusable" to Django because its autocommit is off, and would be closed.
    """
    if any(conn.in_atomic_block for conn in connections.all(initialized_only=True)):
        return
    close_old_connections()


class JobWorker(Worker):
    def __init__(
        self,
        *,
        queue_names: list[str] | tuple[str, ...] = ("*",),
        interval: float = 1.0,
        batch: bool = False,
        schedules: bool = True,
        scheduler: Scheduler | None = None,
        chunk: int = 100,
        backend_name: str = "default",
        worker_id: str | None = None,
        quiet: bool = False,
    ):
        # The library loop always runs in batch mode here: it returns when no
        # task is ready (or after ``chunk`` tasks), and this loop decides what
        # comes next.
        super().__init__(
            queue_names=list(queue_names),
            interval=interval,
            batch=True,
            backend_name=backend_name,
            startup_delay=False,
            max_tasks=None if batch else chunk,
            worker_id=worker_id or get_random_string(32),
            excluded_queue_names=[],
        )
        self.once = batch
        self.scheduler = (
            scheduler if scheduler is not None else (Scheduler() if schedules else None)
        )
        self.tasks_run = 0
        self.quiet = quiet  # each job's line at DEBUG: the caller reports a summary
        self._next_reclaim = 0.0

    def run_task(self, db_task_result: DBTaskResult) -> None:
        started = time.monotonic()
        token = lease.set_current_worker(self.worker_id)
        try:
            super().run_task(db_task_result)
        finally:
            lease.reset_current_worker(token)
        self._log_job(db_task_result, time.monotonic() - started)

    def heartbeat(self) -> lease.Heartbeat:
        """This worker's lease. No thread inside a transaction (a test's), which another
        connection could not see, nor on an in-memory SQLite database (the tests'),
        whose connections from other threads lock each other's tables."""
        in_transaction = any(
            conn.in_atomic_block for conn in connections.all(initialized_only=True)
        )
        database = connections[DBTaskResult.objects.db]
        in_memory = database.vendor == "sqlite" and database.is_in_memory_db()
        return lease.Heartbeat(self.worker_id, thread=not (in_transaction or in_memory))

    def reclaim(self, *, force: bool = False) -> None:
        """Return jobs of vanished workers to the queue (at most every heartbeat interval)."""
        if not force and time.monotonic() < self._next_reclaim:
            return
        self._next_reclaim = time.monotonic() + lease.heartbeat_interval()
        try:
            lease.reclaim()
        except DatabaseError:
            logger.exception("Could not reclaim the jobs of vanished workers")

    def _log_job(self, row: DBTaskResult, seconds: float) -> None:
        value = row.return_value
        if row.status != TaskResultStatus.SUCCESSFUL or (
            isinstance(value, dict) and "retry_scheduled" in value
        ):
            return  # logged as an error or a warning already
        scheduled = {s.task.module_path for s in registry.SCHEDULES.values()}
        idle = row.task_path in scheduled and not _did_something(value)
        logger.log(
            logging.DEBUG if self.quiet or idle else logging.INFO,
            "Job %s done in %.1f s: %s",
            row.task_path.rsplit(".", 1)[-1],
            seconds,
            _short(value),
        )

    def tick(self) -> None:
        close_old_connections_outside_transactions()
        if self.scheduler is not None:
            try:
                self.scheduler.tick()
            except Exception:
                # A failing tick (database restarting, say) must not stop the worker.
                logger.exception("Scheduler tick failed")
        for name, duty in registry.EVERY_LOOP.items():
            try:
                duty()
            except Exception:
                logger.exception("Worker duty %s failed", name)

    def run(self) -> None:
        logger.debug(
            "Job worker %s started: queues=%s schedules=%s",
            self.worker_id,
            ",".join(self.queue_names),
            "on" if self.scheduler else "off",
        )
        with self.heartbeat():
            self.reclaim(force=True)
            self._loop()

    def _loop(self) -> None:
        while self.running:
            self.tick()
            self.reclaim()
            self._run_tasks = 0
            try:
                super().run()
            except DatabaseError:
                # The database restarting must not end a long-running worker
                # (with ``gongkai serve`` it would take the web server along).
                if self.once:
                    raise
                logger.exception("Database error in the job worker; trying again shortly")
                close_old_connections()
                time.sleep(max(self.interval, RECONNECT_DELAY))
                continue
            finally:
                self.tasks_run += self._run_tasks
            if self.once:
                return
            drained = self.max_tasks is None or self._run_tasks < self.max_tasks
            if self.running and drained:
                time.sleep(self.interval)

    def run_only(self, task_paths: Iterable[str]) -> list[str]:
        """Claim and run ready jobs of these task paths until none is ready; their ids.

        The library's claim (``get_locked`` and ``claim`` in an exclusive
        transaction) and ``run_task``; only the selection adds the task paths.
        A retry waiting for its backoff is not ready and is left to the worker.
        """
        with self.heartbeat():
            return self._run_only(list(task_paths))

    def _run_only(self, paths: list[str]) -> list[str]:
        ran: list[str] = []
        while self.running:
            ready = DBTaskResult.objects.ready().filter(
                backend_name=self.backend_name, task_path__in=paths
            )
            try:
                with exclusive_transaction(ready.db):
                    row = ready.get_locked()
                    if row is not None:
                        row.claim(self.worker_id)
            except OperationalError as error:
                if not is_locked_database_exception(error):
                    raise
                time.sleep(self.interval)  # another process holds SQLite's write lock
                continue
            if row is None:
                return ran
            self.run_task(row)
            ran.append(str(row.pk))
        return ran


@dataclass
class JobsRun:
    """What ``run_now`` did: jobs run per task path, and the errors of those that failed."""

    ran: Counter = field(default_factory=Counter)
    # task path → last line of each error, for jobs that failed or will be retried later
    failed: dict[str, list[str]] = field(default_factory=dict)

    @property
    def failures(self) -> int:
        return sum(len(errors) for errors in self.failed.values())


def run_now(tasks: Iterable, *, backend_name: str = "default") -> JobsRun:
    """Run every ready job of ``tasks`` (django-tasks ``Task`` objects) here and now.

    Jobs these jobs enqueue are run too when they are of the same tasks. A job
    whose attempt failed and that ``retrying`` re-enqueued for later counts as
    failed here; its retry stays queued for ``gongkai worker``. Then the
    worker's duties (``registry.every_loop``) run once, as a worker's loop
    would after these jobs.
    """
    paths = [t.module_path for t in tasks]
    worker = JobWorker(batch=True, schedules=False, backend_name=backend_name, quiet=True)
    ids = worker.run_only(paths)
    worker.tick()
    report = JobsRun()
    rows = (
        row
        for start in range(0, len(ids), 500)
        for row in DBTaskResult.objects.filter(pk__in=ids[start : start + 500]).only(
            "task_path", "status", "return_value", "traceback"
        )
    )
    for row in rows:
        report.ran[row.task_path] += 1
        retry = (
            row.return_value.get("retry_scheduled") if isinstance(row.return_value, dict) else None
        )
        if row.status == TaskResultStatus.FAILED:
            report.failed.setdefault(row.task_path, []).append(
                row.traceback.strip().splitlines()[-1] if row.traceback.strip() else ""
            )
        elif retry:
            report.failed.setdefault(row.task_path, []).append(retry["error"])
    return report

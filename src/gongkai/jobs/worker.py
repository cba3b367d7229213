"""The job worker: django-tasks-db's ``Worker`` with the scheduler in its loop.

``JobWorker`` reuses the library worker unchanged for claiming and running
tasks (``select_for_update(skip_locked=True)``, exclusive transactions on
SQLite, results and tracebacks stored on the row). Its own loop only adds the
scheduler: tick → run the ready tasks (at most ``chunk`` before the next tick)
→ sleep ``interval`` when the queue is empty.
"""

from __future__ import annotations

import logging
import time

from django.db import DatabaseError, close_old_connections, connections
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from .scheduler import Scheduler

logger = logging.getLogger("gongkai.jobs")

# Seconds to wait before trying again when the database is unreachable.
RECONNECT_DELAY = 5.0


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

    def tick(self) -> None:
        if self.scheduler is None:
            return
        close_old_connections_outside_transactions()
        try:
            self.scheduler.tick()
        except Exception:
            # A failing tick (database restarting, say) must not stop the worker.
            logger.exception("Scheduler tick failed")

    def run(self) -> None:
        logger.info(
            "Job worker %s started: queues=%s schedules=%s",
            self.worker_id,
            ",".join(self.queue_names),
            "on" if self.scheduler else "off",
        )
        while self.running:
            self.tick()
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

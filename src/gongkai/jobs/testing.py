"""Running jobs for real in tests.

``run_jobs()`` runs the real worker (``JobWorker``) in batch mode in this
process: every ready task is claimed and executed exactly as ``gongkai worker``
would, inside the test's database. No mocks::

    def test_receipt_is_mailed(transactional_db):
        submit_application(...)      # enqueues on commit
        run_jobs()
        assert len(mail.outbox) == 1

Tests using the ``db`` fixture never commit, so ``transaction.on_commit``
callbacks only run inside ``django_capture_on_commit_callbacks(execute=True)``
(or use ``transactional_db``).
"""

from __future__ import annotations

from contextlib import contextmanager

from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult, get_date_max

from .worker import JobWorker, close_old_connections_outside_transactions


def _deferred():
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, run_after__gt=timezone.now()
    ).exclude(run_after=get_date_max())


@contextmanager
def _connections_kept_in_transactions():
    # The library worker closes "old" connections between tasks. Inside a
    # test's transaction that would close the test's own connection (on
    # PostgreSQL), as Django's test client avoids for requests; keep it open.
    original = db_worker.close_old_connections
    db_worker.close_old_connections = close_old_connections_outside_transactions
    try:
        yield
    finally:
        db_worker.close_old_connections = original


def run_jobs(
    *,
    schedules: bool = False,
    skip_delays: bool = False,
    queue_names: tuple[str, ...] = ("*",),
    max_rounds: int = 50,
) -> int:
    """Run the ready jobs; return how many tasks ran.

    ``schedules=True`` also enqueues due schedule slots first (as the worker
    does). ``skip_delays=True`` makes deferred tasks (retries waiting for their
    backoff) due at once and repeats until none is left, so a retry chain runs
    to its end; more than ``max_rounds`` rounds is an error (a task that
    retries forever).
    """
    total = 0
    for _ in range(max_rounds):
        if skip_delays:
            _deferred().update(run_after=timezone.now())
        worker = JobWorker(batch=True, schedules=schedules, queue_names=queue_names)
        with _connections_kept_in_transactions():
            worker.run()
        total += worker.tasks_run
        schedules = False
        if not skip_delays or not _deferred().exists():
            return total
    raise RuntimeError(f"Jobs still re-enqueuing themselves after {max_rounds} rounds.")

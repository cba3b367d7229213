"""Leases: a RUNNING job whose worker is gone goes back to the queue (or fails)."""

import os
import subprocess
import sys
from datetime import timedelta

from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db.models.functions import Now
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from gongkai.jobs import lease
from gongkai.jobs.jobs import clear_expired_sessions
from gongkai.jobs.models import WorkerHeartbeat
from gongkai.jobs.testing import run_jobs
from gongkai.jobs.tests.tasks import add


def running(worker_ids: list[str]) -> DBTaskResult:
    result = add.enqueue(2, 3)
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now(), worker_ids=worker_ids
    )
    return DBTaskResult.objects.get(pk=result.id)


def status(row: DBTaskResult) -> str:
    row.refresh_from_db()
    return row.status


def age(worker_id: str, seconds: float) -> None:
    WorkerHeartbeat.objects.filter(pk=worker_id).update(
        last_seen=Now() - timedelta(seconds=seconds)
    )


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_job_of_a_worker_heard_from_within_the_lease_stays_running(db):
    lease.register("alive")
    row = running(["alive"])
    assert lease.reclaim() == {"requeued": 0, "failed": 0}
    assert status(row) == TaskResultStatus.RUNNING


def test_a_job_whose_worker_is_silent_past_the_lease_goes_back_to_the_queue(db, settings):
    settings.JOB_LEASE_SECONDS = 300
    lease.register("silent")
    row = running(["silent"])
    age("silent", 299)
    assert lease.reclaim()["requeued"] == 0
    age("silent", 301)
    assert lease.reclaim()["requeued"] == 1
    assert status(row) == TaskResultStatus.READY
    assert run_jobs() == 1
    row.refresh_from_db()
    assert (row.status, row.return_value) == (TaskResultStatus.SUCCESSFUL, 5)


def test_a_job_of_a_worker_without_a_heartbeat_row_is_orphaned(db):
    row = running(["never-registered"])
    assert lease.reclaim()["requeued"] == 1
    assert status(row) == TaskResultStatus.READY


def test_a_dead_process_on_this_machine_loses_its_jobs_before_the_lease_ends(db, settings):
    settings.JOB_LEASE_SECONDS = 300
    lease.register("killed")
    WorkerHeartbeat.objects.filter(pk="killed").update(pid=dead_pid())
    row = running(["killed"])
    assert lease.reclaim()["requeued"] == 0  # heard from just now: not yet
    age("killed", 2 * lease.heartbeat_interval() + 1)
    assert lease.reclaim()["requeued"] == 1
    assert status(row) == TaskResultStatus.READY


def test_a_live_process_on_this_machine_keeps_its_jobs(db, settings):
    settings.JOB_LEASE_SECONDS = 300
    lease.register("me")
    age("me", 60)
    row = running(["me"])
    assert lease.reclaim()["requeued"] == 0
    assert status(row) == TaskResultStatus.RUNNING
    assert os.getpid() == WorkerHeartbeat.objects.get(pk="me").pid


def test_a_job_that_lost_its_worker_three_times_fails_with_the_reason(db):
    row = running(["w1", "w2", "w3"])
    assert lease.reclaim() == {"requeued": 0, "failed": 1}
    row.refresh_from_db()
    assert row.status == TaskResultStatus.FAILED
    assert row.exception_class_path == "gongkai.jobs.lease.WorkerLost"
    assert "连续 3 次在任务完成前消失" in row.traceback


def test_the_worker_reclaims_when_it_starts_and_runs_the_job_again(db):
    row = running(["killed-before"])
    assert run_jobs() == 1
    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert len(row.worker_ids) == 2
    assert not WorkerHeartbeat.objects.exists()  # the batch worker removed its row


def test_heartbeats_keep_a_long_job_s_lease(transactional_db, settings):
    settings.JOB_LEASE_SECONDS = 0.6  # a beat every 0.2 s
    with lease.Heartbeat("beating"):
        age("beating", 10)
        import time

        time.sleep(0.5)
        assert lease.is_alive("beating")
    assert not WorkerHeartbeat.objects.filter(pk="beating").exists()


def test_expired_sessions_are_cleared_daily(db):
    old, current = SessionStore(), SessionStore()
    old.create()
    current.create()
    Session.objects.filter(pk=old.session_key).update(
        expire_date=timezone.now() - timedelta(minutes=1)
    )
    assert clear_expired_sessions.call() == {"sessions": 1}
    assert list(Session.objects.values_list("pk", flat=True)) == [current.session_key]
    from gongkai.jobs import registry
    from gongkai.jobs.scheduler import autodiscover

    autodiscover()
    assert registry.SCHEDULES["sessions.clear_expired"].cron == "40 3 * * *"

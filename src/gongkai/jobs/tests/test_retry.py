from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from gongkai.jobs.failures import failed_jobs
from gongkai.jobs.retry import exponential_backoff
from gongkai.jobs.testing import run_jobs
from gongkai.jobs.tests import tasks


@pytest.fixture(autouse=True)
def _reset_flaky():
    tasks.FAILURES_LEFT.clear()
    yield
    tasks.FAILURES_LEFT.clear()


def results_of(task_obj):
    return list(DBTaskResult.objects.filter(task_path=task_obj.module_path).order_by("enqueued_at"))


def test_a_task_failing_twice_succeeds_on_its_third_attempt(db):
    tasks.FAILURES_LEFT["record-7"] = 2
    tasks.flaky.enqueue("record-7")
    run_jobs(skip_delays=True)
    first, second, third = results_of(tasks.flaky)
    assert third.status == TaskResultStatus.SUCCESSFUL
    assert third.return_value == "record-7 done"
    assert third.args_kwargs["kwargs"] == {"_attempt": 3}
    # The failed attempts record the error and the retry, and are not failures.
    assert first.status == second.status == TaskResultStatus.SUCCESSFUL
    assert "省级平台暂时无法连接" in first.return_value["retry_scheduled"]["error"]
    assert failed_jobs() == []


def test_a_task_failing_every_attempt_fails_visibly_after_the_last(db):
    tasks.always_fails.enqueue("R-2016-001")
    run_jobs(skip_delays=True)
    rows = results_of(tasks.always_fails)
    assert [row.status for row in rows] == [
        TaskResultStatus.SUCCESSFUL,
        TaskResultStatus.SUCCESSFUL,
        TaskResultStatus.FAILED,
    ]
    (failed,) = failed_jobs()
    assert failed.task_name == "always_fails"
    assert failed.args == ["R-2016-001"]
    assert failed.attempt == 3
    assert failed.error == "ConnectionError: 省级平台拒绝了记录 R-2016-001"
    assert failed.admin_url.endswith(f"/{failed.id}/change/")


def test_each_retry_waits_longer_than_the_one_before(db):
    tasks.always_fails.enqueue("R-2016-002")
    started = timezone.now()
    run_jobs()
    (waiting,) = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    assert started + timedelta(seconds=59) < waiting.run_after < started + timedelta(seconds=90)
    # Nothing more runs until the backoff has passed.
    assert run_jobs() == 0

    DBTaskResult.objects.filter(pk=waiting.pk).update(run_after=timezone.now())
    started = timezone.now()
    run_jobs()
    (waiting,) = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    assert started + timedelta(seconds=119) < waiting.run_after < started + timedelta(seconds=150)


def test_give_up_fails_the_job_at_once_without_retrying(db):
    tasks.refuses_bad_data.enqueue("R-2016-003")
    assert run_jobs(skip_delays=True) == 1
    (row,) = results_of(tasks.refuses_bad_data)
    assert row.status == TaskResultStatus.FAILED
    assert "重试无益" in failed_jobs()[0].error


def test_exponential_backoff_doubles_up_to_its_maximum():
    delay = exponential_backoff(first=60, factor=2, maximum=300)
    assert [delay(n) for n in range(1, 6)] == [60, 120, 240, 300, 300]

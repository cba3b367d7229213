from io import StringIO

from django.core.management import call_command
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from gongkai.jobs.models import ScheduleRun
from gongkai.jobs.registry import Schedule
from gongkai.jobs.testing import run_jobs
from gongkai.jobs.tests.tasks import add, enqueue_follow_up, publish_daily_digest

# The command runs as in production, committing as it goes: these tests use
# transactional_db (run_jobs() is the helper for tests inside a transaction).


def test_worker_batch_runs_queued_tasks_for_real(transactional_db, only_test_schedules):
    result = add.enqueue(2, 3)
    out = StringIO()
    call_command("worker", "--batch", stdout=out)
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.return_value == 5
    assert "已执行 1 个任务" in out.getvalue()


def test_worker_batch_enqueues_and_runs_due_schedules(transactional_db, only_test_schedules):
    # Once a year, on 1 January: the latest slot is always in the past.
    only_test_schedules["test.new_year"] = Schedule(
        name="test.new_year", cron="0 0 1 1 *", task=publish_daily_digest
    )
    call_command("worker", "--batch", stdout=StringIO())
    run = ScheduleRun.objects.get(name="test.new_year")
    row = DBTaskResult.objects.get(pk=run.task_result_id)
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.return_value == "digest published"

    call_command("worker", "--batch", stdout=StringIO())
    assert ScheduleRun.objects.count() == 1
    assert DBTaskResult.objects.count() == 1


def test_worker_batch_runs_only_the_queues_it_is_given(transactional_db, only_test_schedules):
    other = add.using(queue_name="default").enqueue(1, 1)
    call_command("worker", "--batch", "--queue", "exchange", stdout=StringIO())
    assert DBTaskResult.objects.get(pk=other.id).status == TaskResultStatus.READY
    call_command("worker", "--batch", "--queue", "default", stdout=StringIO())
    assert DBTaskResult.objects.get(pk=other.id).status == TaskResultStatus.SUCCESSFUL


def test_run_jobs_also_runs_tasks_that_jobs_enqueue(db):
    enqueue_follow_up.enqueue(41)
    assert run_jobs() == 2
    follow_up = DBTaskResult.objects.get(task_path=add.module_path)
    assert follow_up.return_value == 42


def test_run_jobs_leaves_schedules_alone_unless_asked(db, only_test_schedules):
    only_test_schedules["test.new_year"] = Schedule(
        name="test.new_year", cron="0 0 1 1 *", task=publish_daily_digest
    )
    assert run_jobs() == 0
    assert not ScheduleRun.objects.exists()
    assert run_jobs(schedules=True) == 1

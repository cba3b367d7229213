"""``run_now``: a command runs the ready jobs of some tasks itself, through the real worker."""

from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from gongkai.jobs.tests.tasks import add, always_fails, enqueue_follow_up, publish_daily_digest
from gongkai.jobs.worker import run_now


def test_it_runs_the_named_tasks_until_none_is_left_and_leaves_the_others_queued(db):
    first, second = add.enqueue(1, 2), add.enqueue(3, 4)
    other = publish_daily_digest.enqueue()
    enqueue_follow_up.enqueue(41)  # enqueues add(41, 1): run as well

    done = run_now([add, enqueue_follow_up])

    assert done.ran == {add.module_path: 3, enqueue_follow_up.module_path: 1}
    assert done.failures == 0
    assert DBTaskResult.objects.get(pk=first.id).return_value == 3
    assert DBTaskResult.objects.get(pk=second.id).return_value == 7
    assert DBTaskResult.objects.filter(task_path=add.module_path, return_value=42).exists()
    assert DBTaskResult.objects.get(pk=other.id).status == TaskResultStatus.READY


@time_machine.travel(datetime(2026, 11, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
def test_a_failed_attempt_is_reported_and_its_retry_left_to_the_worker(db):
    always_fails.enqueue("2016-0042")

    done = run_now([always_fails])

    assert done.ran == {always_fails.module_path: 1}
    assert done.failed == {
        always_fails.module_path: ["ConnectionError: 省级平台拒绝了记录 2016-0042"]
    }
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert retry.task_path == always_fails.module_path and retry.run_after == datetime(
        2026, 11, 2, 9, 1, tzinfo=ZoneInfo("Asia/Shanghai")
    )  # a minute later (the task's backoff)


def test_nothing_queued_runs_nothing(db):
    done = run_now([add])
    assert done.ran == {} and done.failures == 0

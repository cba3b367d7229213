import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from gongkai.jobs.jobs import prune_job_history
from gongkai.jobs.models import ScheduleRun
from gongkai.jobs.registry import Schedule
from gongkai.jobs.scheduler import BEIJING, Scheduler, latest_slot, schedules_overview
from gongkai.jobs.tests.tasks import publish_daily_digest

DAILY_AT_NINE = Schedule(name="test.daily_digest", cron="0 9 * * *", task=publish_daily_digest)


def beijing(*args) -> datetime:
    return datetime(*args, tzinfo=BEIJING)


def test_slots_are_counted_in_beijing_time():
    # 01:30 UTC is 09:30 in Beijing: today's 09:00 slot has passed.
    now = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)
    assert latest_slot("0 9 * * *", now) == beijing(2026, 3, 2, 9, 0)
    # 00:30 UTC is 08:30 in Beijing: the latest slot is yesterday's.
    assert latest_slot("0 9 * * *", now - timedelta(hours=1)) == beijing(2026, 3, 1, 9, 0)


def test_a_slot_is_due_at_its_exact_minute():
    assert latest_slot("0 9 * * *", beijing(2026, 3, 2, 9, 0)) == beijing(2026, 3, 2, 9, 0)


def test_a_slot_is_enqueued_once_when_the_scheduler_ticks_twice(db):
    scheduler = Scheduler([DAILY_AT_NINE])
    first = scheduler.tick(beijing(2026, 3, 2, 9, 0, 5))
    second = scheduler.tick(beijing(2026, 3, 2, 9, 0, 40))
    assert [run.slot for run in first] == [beijing(2026, 3, 2, 9, 0)]
    assert second == []
    assert ScheduleRun.objects.count() == 1
    assert DBTaskResult.objects.filter(task_path=publish_daily_digest.module_path).count() == 1


def test_two_schedulers_enqueue_each_slot_once(db):
    now = beijing(2026, 3, 2, 9, 1)
    assert len(Scheduler([DAILY_AT_NINE]).tick(now)) == 1
    assert Scheduler([DAILY_AT_NINE]).tick(now) == []
    assert DBTaskResult.objects.count() == 1


def test_the_log_row_names_the_task_it_enqueued(db):
    (run,) = Scheduler([DAILY_AT_NINE]).tick(beijing(2026, 3, 2, 9, 1))
    run.refresh_from_db()
    assert DBTaskResult.objects.get(pk=run.task_result_id).task_path == (
        publish_daily_digest.module_path
    )


def test_the_next_slot_is_enqueued_when_its_time_comes(db):
    scheduler = Scheduler([DAILY_AT_NINE])
    scheduler.tick(beijing(2026, 3, 2, 9, 1))
    assert scheduler.tick(beijing(2026, 3, 3, 8, 59)) == []
    (run,) = scheduler.tick(beijing(2026, 3, 3, 9, 0))
    assert run.slot == beijing(2026, 3, 3, 9, 0)
    assert DBTaskResult.objects.count() == 2


def test_after_downtime_only_the_most_recent_missed_slot_is_enqueued(db):
    Scheduler([DAILY_AT_NINE]).tick(beijing(2026, 3, 2, 9, 1))
    # The workers were down from 3 March to the morning of 6 March.
    restarted = Scheduler([DAILY_AT_NINE])
    (run,) = restarted.tick(beijing(2026, 3, 6, 10, 15))
    assert run.slot == beijing(2026, 3, 6, 9, 0)
    assert restarted.tick(beijing(2026, 3, 6, 10, 16)) == []
    assert list(ScheduleRun.objects.order_by("slot").values_list("slot", flat=True)) == [
        beijing(2026, 3, 2, 9, 0),
        beijing(2026, 3, 6, 9, 0),
    ]
    assert DBTaskResult.objects.count() == 2


def test_a_slot_older_than_the_last_logged_run_is_not_enqueued(db):
    ScheduleRun.objects.create(name=DAILY_AT_NINE.name, slot=beijing(2026, 3, 5, 9, 0))
    assert Scheduler([DAILY_AT_NINE]).tick(beijing(2026, 3, 5, 9, 30)) == []
    assert DBTaskResult.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_schedulers_racing_in_parallel_workers_enqueue_a_slot_once():
    now = beijing(2026, 3, 2, 9, 1)
    barrier = threading.Barrier(4)
    enqueued: list[int] = []

    def worker():
        try:
            barrier.wait()
            enqueued.append(len(Scheduler([DAILY_AT_NINE]).tick(now)))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(enqueued) == [0, 0, 0, 1]
    assert ScheduleRun.objects.count() == 1
    assert DBTaskResult.objects.count() == 1


def test_the_overview_shows_each_schedules_last_and_next_slot(db, only_test_schedules):
    only_test_schedules[DAILY_AT_NINE.name] = DAILY_AT_NINE
    Scheduler([DAILY_AT_NINE]).tick(beijing(2026, 3, 2, 9, 1))
    (info,) = schedules_overview(beijing(2026, 3, 2, 12, 0))
    assert info.name == "test.daily_digest"
    assert info.last_slot == beijing(2026, 3, 2, 9, 0)
    assert info.next_slot == beijing(2026, 3, 3, 9, 0)


def test_pruning_the_log_keeps_the_newest_run_of_each_schedule(db):
    yearly = Schedule(name="test.annual_report", cron="0 8 15 1 *", task=publish_daily_digest)
    Scheduler([yearly]).tick(beijing(2025, 1, 15, 8, 0))
    Scheduler([yearly]).tick(beijing(2026, 1, 15, 8, 0))
    ScheduleRun.objects.create(name="test.daily_digest", slot=beijing(2020, 1, 1, 9, 0))
    prune_job_history.call()
    assert sorted(ScheduleRun.objects.values_list("name", "slot")) == [
        ("test.annual_report", beijing(2026, 1, 15, 8, 0)),
        ("test.daily_digest", beijing(2020, 1, 1, 9, 0)),
    ]
    # So a year-old slot is not mistaken for a missed one.
    assert Scheduler([yearly]).tick(beijing(2026, 11, 30, 8, 0)) == []

"""The console at the default level: at most one line per job (issue 14)."""

import logging

from gongkai.jobs.registry import Schedule
from gongkai.jobs.testing import run_jobs
from gongkai.jobs.tests.tasks import add, always_fails


def lines(caplog, level=logging.INFO):
    return [r for r in caplog.records if r.levelno >= level]


def test_a_job_is_one_line_and_the_library_adds_none(db, caplog, only_test_schedules):
    caplog.set_level(logging.DEBUG, logger="gongkai.jobs")
    add.enqueue(2, 3)
    run_jobs()
    (line,) = lines(caplog)
    assert line.name == "gongkai.jobs" and line.levelno == logging.INFO
    assert "Job add done" in line.getMessage() and line.getMessage().endswith(": 5")


def test_a_scheduled_job_with_nothing_to_do_is_quiet(db, caplog, only_test_schedules):
    only_test_schedules["test.every_minute"] = Schedule("test.every_minute", "* * * * *", add)
    caplog.set_level(logging.DEBUG, logger="gongkai.jobs")
    add.enqueue(0, 0)
    run_jobs()
    assert lines(caplog) == []
    assert any("Job add done" in r.getMessage() for r in lines(caplog, logging.DEBUG))


def test_a_failed_attempt_is_one_warning(db, caplog, only_test_schedules):
    always_fails.enqueue("2016-0042")
    run_jobs()
    (line,) = lines(caplog)
    assert line.levelno == logging.WARNING and "attempt 1/3 failed" in line.getMessage()

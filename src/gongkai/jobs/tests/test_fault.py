"""The fault test: kill the job worker mid-job and mid-send under a real ``gongkai serve``.

A real site (gunicorn + worker, SQLite file shared by the processes, a 3-second
job lease) is given a slow job and five notices (four SMS through the log
provider, which pauses after accepting the first one; one e-mail). The worker
is killed with SIGKILL while the job sleeps, and again after the SMS provider
accepted a message but before the worker could record it. Then:

- the site answered 200 throughout (``/`` and ``/healthz``);
- ``gongkai serve`` restarted the worker each time and is still running;
- no job is left RUNNING: the interrupted job ran again and succeeded once;
- the log provider's record (and the mail record) holds every notice exactly
  once, and every notice is sent.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from gongkai.jobs.tests.sites import Prober, Serve, new_site, wait_for_http

SMS_COUNT = 4


def shell(env: dict[str, str], code: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "gongkai", "shell", "-c", code], env=env, check=True, timeout=60
    )


def wait_for_file(path: Path, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and path.read_text().strip():
            return path.read_text().strip()
        time.sleep(0.05)
    raise AssertionError(f"{path.name} never appeared")


def query(database: Path, sql: str, *params) -> list[tuple]:
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=20)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def records(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_killing_the_worker_mid_job_and_mid_send_loses_nothing_and_repeats_nothing(
    migrated_template, tmp_path
):
    started = time.monotonic()
    var = tmp_path / "var"
    job_marker, job_log = tmp_path / "job-started", tmp_path / "job-done"
    sms_marker = tmp_path / "sms-accepted"
    env = new_site(
        migrated_template,
        var,
        GONGKAI_JOB_LEASE_SECONDS="3",
        GONGKAI_SMS_PROVIDER="gongkai.notices.tests.providers.SlowLogSmsProvider",
        GONGKAI_TEST_SMS_PAUSE="60",
        GONGKAI_TEST_SMS_PAUSE_FILE=str(sms_marker),
    )
    database = var / "gongkai.sqlite3"
    serve = Serve.start(env)
    try:
        wait_for_http(serve.url())
        with Prober([serve.url("/"), serve.url("/healthz")]) as prober:
            # 1. Kill the worker in the middle of a job.
            shell(
                env,
                "from gongkai.jobs.tests.tasks import slow_once; "
                f"slow_once.enqueue({str(job_marker)!r}, {str(job_log)!r}, 60)",
            )
            os.kill(int(wait_for_file(job_marker)), signal.SIGKILL)
            serve.wait_for_stderr("后台任务进程已重新启动")

            # 2. Kill it after the SMS provider accepted a message, before it was recorded.
            shell(
                env,
                "from gongkai.notices.services import send_notice\n"
                f"for n in range({SMS_COUNT}):\n"
                "    send_notice(channel='sms', address=f'1389381234{n}',"
                " subject='申请受理通知', body=f'您的申请 YSQ-2026-000{n} 已受理。')\n"
                "send_notice(channel='email', address='li.si@example.cn',"
                " subject='留言办理结果', body='您的留言已答复。')",
            )
            os.kill(int(wait_for_file(sms_marker)), signal.SIGKILL)
            serve.wait_for_stderr("2 秒后重新启动")

            # 3. Everything settles: no job queued or running, every notice sent.
            deadline = time.monotonic() + 40
            while time.monotonic() < deadline:
                open_jobs = query(
                    database,
                    "SELECT count(*) FROM django_tasks_database_dbtaskresult"
                    " WHERE status IN ('RUNNING', 'READY')",
                )[0][0]
                unsent = query(
                    database, "SELECT count(*) FROM notices_notice WHERE state != 'sent'"
                )[0][0]
                if not open_jobs and not unsent:
                    break
                time.sleep(0.25)
        assert serve.process.poll() is None, "".join(serve.stderr)
        assert prober.answers and prober.failures() == [], prober.failures()[:5]
    finally:
        returncode, _ = serve.stop()
    assert returncode == 0

    stderr = "".join(serve.stderr)
    assert stderr.count("后台任务进程意外退出（被信号 SIGKILL 结束）") == 2, stderr
    assert "returned to the queue: worker" in stderr  # the lease gave both jobs back
    assert "interrupted send had been accepted" in stderr  # and the SMS was not sent again
    assert (
        query(
            database,
            "SELECT status, count(*) FROM django_tasks_database_dbtaskresult"
            " WHERE status IN ('RUNNING', 'READY') GROUP BY status",
        )
        == []
    )
    ((status, worker_ids),) = query(
        database,
        "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult"
        " WHERE task_path LIKE '%slow_once'",
    )
    assert status == "SUCCESSFUL"
    assert len(json.loads(worker_ids)) == 2  # claimed, lost with its worker, claimed again
    assert len(job_log.read_text().splitlines()) == 1  # and finished once

    notices = query(database, "SELECT channel, state, reference FROM notices_notice")
    assert len(notices) == SMS_COUNT + 1
    assert {state for _, state, _ in notices} == {"sent"}
    sms_references = sorted(
        str(__import__("uuid").UUID(ref)) for channel, _, ref in notices if channel == "sms"
    )
    sent = records(var / "sms" / "sent.jsonl")
    assert sorted(entry["reference"] for entry in sent) == sms_references  # each exactly once
    mails = records(var / "mail" / "accepted.jsonl")
    assert len(mails) == 1
    assert time.monotonic() - started < 60

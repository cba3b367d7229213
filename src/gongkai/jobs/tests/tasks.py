"""Tasks the job tests enqueue: real module-level tasks, run by the real worker."""

from __future__ import annotations

from django_tasks import task

from gongkai.jobs.retry import GiveUp, exponential_backoff, retrying

# How many more times ``flaky`` fails for a key before it succeeds.
FAILURES_LEFT: dict[str, int] = {}


@task()
def add(a: int, b: int) -> int:
    return a + b


@task()
def publish_daily_digest() -> str:
    return "digest published"


@task()
def enqueue_follow_up(a: int) -> str:
    add.enqueue(a, 1)
    return "follow-up enqueued"


@task()
@retrying(max_attempts=3, backoff=exponential_backoff(first=60))
def flaky(key: str) -> str:
    if FAILURES_LEFT.get(key, 0) > 0:
        FAILURES_LEFT[key] -= 1
        raise ConnectionError(f"省级平台暂时无法连接（{key}）")
    return f"{key} done"


@task()
@retrying(max_attempts=3, backoff=exponential_backoff(first=60))
def always_fails(record: str) -> str:
    raise ConnectionError(f"省级平台拒绝了记录 {record}")


@task()
@retrying(max_attempts=5)
def refuses_bad_data(record: str) -> str:
    raise GiveUp(f"记录 {record} 的格式不正确，重试无益")


@task()
def slow_once(marker: str, done_log: str, seconds: float) -> str:
    """The fault test's job: the first run writes its pid to ``marker`` and sleeps
    (the test kills its worker then); a later run finishes at once. Every run
    that finishes appends a line to ``done_log``."""
    import os
    import time
    from pathlib import Path

    first = not Path(marker).exists()
    if first:
        Path(marker).write_text(str(os.getpid()))
        time.sleep(seconds)
    with open(done_log, "a", encoding="utf-8") as log:
        log.write(f"{os.getpid()}\n")
    return "slow job done"

"""gongkai.core.ratelimit counts exactly across processes without Redis.

``gongkai serve`` runs two web processes; with the default ``locmem://`` cache
each would count on its own. The database store is shared: several separate
processes hitting one key at the same moment get every count from 1 to the
total exactly once, and of their ``FailureLimit.begin`` calls exactly ``limit``
are let through. On SQLite (a file of its own, the suite's database being in
memory) and on PostgreSQL (the test database itself) when the suite runs there.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from urllib.parse import quote

import pytest
from django.db import connection

from gongkai.core.models import RateCounter

pytestmark = pytest.mark.django_db(transaction=True)

PROCESSES, HITS, LIMIT = 4, 150, 7
NOW = 1_796_000_000.0

CREATE_TABLE = """
import django
django.setup()
from django.db import connection
from gongkai.core.models import RateCounter
with connection.schema_editor() as editor:
    editor.create_model(RateCounter)
"""

WORKER = """
import json, os, sys, time
from pathlib import Path
import django
django.setup()
from gongkai.core import ratelimit
assert ratelimit.store() == ratelimit.DATABASE, ratelimit.store()
barrier, hits, now = Path(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
guard = ratelimit.FailureLimit("processes.guard", int(sys.argv[4]), 3600)
processes = int(sys.argv[5])
# Start together however slowly each process got ready (a loaded machine):
# each says it is ready, then waits for all the others.
(barrier / str(os.getpid())).touch()
while len(list(barrier.iterdir())) < processes:
    time.sleep(0.001)
counts, allowed = [], 0
for _ in range(hits):
    counts.append(ratelimit.hit("processes", "one key", 10**9, 3600, now=now).count)
    allowed += not guard.begin("one key", now=now).refused
print(json.dumps({"counts": counts, "allowed": allowed}))
"""


def _environment(database_url: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("GONGKAI_") and key != "DJANGO_SETTINGS_MODULE"
    }
    env.update(
        GONGKAI_ENV="test",
        GONGKAI_DATABASE_URL=database_url,
        GONGKAI_CACHE_URL="locmem://",
        DJANGO_SETTINGS_MODULE="gongkai.settings",
    )
    return env


def _database_url(tmp_path) -> str:
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'counters.sqlite3'}"
    settings = connection.settings_dict
    user = quote(settings.get("USER") or "")
    password = f":{quote(settings['PASSWORD'])}" if settings.get("PASSWORD") else ""
    host = settings.get("HOST") or "127.0.0.1"
    port = settings.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"


def _final_count(url: str) -> int:
    if connection.vendor != "sqlite":
        return max(RateCounter.objects.values_list("count", flat=True))
    path = url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT count FROM core_ratecounter WHERE count > 0").fetchall()
    return max(count for (count,) in rows)


def test_separate_processes_share_the_count_exactly(tmp_path):
    url = _database_url(tmp_path)
    env = _environment(url)
    if connection.vendor == "sqlite":  # a database file of its own, with the counters' table
        subprocess.run(
            [sys.executable, "-c", CREATE_TABLE],
            env=env,
            check=True,
            timeout=120,
        )
    barrier = tmp_path / "ready"
    barrier.mkdir()
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                WORKER,
                str(barrier),
                str(HITS),
                str(NOW),
                str(LIMIT),
                str(PROCESSES),
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(PROCESSES)
    ]
    results = []
    for worker in workers:
        out, err = worker.communicate(timeout=180)
        assert worker.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    counts = sorted(count for result in results for count in result["counts"])
    assert counts == list(range(1, PROCESSES * HITS + 1))  # each count handed out once
    assert sum(result["allowed"] for result in results) == LIMIT
    # the processes really overlapped: at least one got counts interleaved with another's
    assert any(
        result["counts"] != list(range(result["counts"][0], result["counts"][0] + HITS))
        for result in results
    )
    assert _final_count(url) == PROCESSES * HITS

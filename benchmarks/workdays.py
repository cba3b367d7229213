"""Working-day arithmetic and clock recomputation, measured side by side in one run.

* ``add_working_days`` (ordinal tables, two array lookups) against a naive day-by-day loop
  over the same 100,000 random (start, n) inputs; both must give the same answers.
* Recomputing 100,000 open clocks after a calendar change (one extra holiday
  added through the same action the admin uses), against reading the same
  rows with one plain query.

Runs on a throw-away SQLite file database under /tmp that it migrates itself
(the migration seeds the calendar 2004–2026). Run ``python -m benchmarks.workdays``
or ``make bench``.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

CALLS = 100_000
CLOCKS = 100_000
SEED = 20261127
LAST_DAY = date(2026, 12, 31)  # the last day chinese-calendar 1.11.0 covers


def _print_report(name: str, value: float, unit: str, note: str = "") -> None:
    shown = f"{value:,.0f}" if value >= 100 else f"{value:,.3f}"
    print(f"  {name:<52} {shown:>14} {unit:<10} {note}")


def _setup_django(db_path: Path) -> None:
    from django.apps import apps

    if apps.ready:
        from django.conf import settings

        name = str(settings.DATABASES["default"]["NAME"])
        if not name.startswith(tempfile.gettempdir()):
            raise SystemExit(
                "benchmarks.workdays writes 100,000 clocks: run it in a fresh process "
                f"(python -m benchmarks.workdays), not against the database {name}."
            )
        return
    os.environ["GONGKAI_ENV"] = "test"
    os.environ["GONGKAI_DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ["GONGKAI_VAR_DIR"] = str(db_path.parent)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()


def _naive_add(start: date, n: int, holidays: set[date], workdays: set[date]) -> date:
    """The straightforward implementation: step one day at a time (sets in memory)."""
    day = start
    one = timedelta(days=1)
    while n:
        day += one
        if day in workdays or (day.weekday() < 5 and day not in holidays):
            n -= 1
    return day


def bench_arithmetic(report) -> None:
    from gongkai.workdays import add_working_days
    from gongkai.workdays.models import SpecialDay

    rng = random.Random(SEED)
    first, last = date(2004, 1, 1).toordinal(), date(2026, 10, 31).toordinal()
    inputs = [
        (date.fromordinal(rng.randint(first, last)), rng.randint(1, 40)) for _ in range(CALLS)
    ]
    holidays = set(SpecialDay.objects.filter(kind="holiday").values_list("date", flat=True))
    workdays = set(SpecialDay.objects.filter(kind="workday").values_list("date", flat=True))
    add_working_days(date(2026, 1, 5), 1)  # build the table before timing

    began = time.perf_counter()
    fast = [add_working_days(start, n) for start, n in inputs]
    fast_seconds = time.perf_counter() - began

    began = time.perf_counter()
    naive = [_naive_add(start, n, holidays, workdays) for start, n in inputs]
    naive_seconds = time.perf_counter() - began

    if fast != naive:
        raise SystemExit("add_working_days and the naive loop disagree: benchmark invalid")
    note = f"{CALLS:,} random starts 2004–2026, n = 1…40, same inputs"
    report("add_working_days (ordinal tables, O(1))", CALLS / fast_seconds, "calls/s", note)
    report("naive day-by-day loop (sets in memory)", CALLS / naive_seconds, "calls/s", note)
    report("ratio tables / naive", naive_seconds / fast_seconds, "×", "answers identical")


def _make_clocks(rng: random.Random) -> int:
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from gongkai.accounts.models import User
    from gongkai.testing.factories import department, government
    from gongkai.workdays.counting import compute_due
    from gongkai.workdays.engine import get_engine
    from gongkai.workdays.models import Clock, ClockPause, ClockState

    city = government("620500", "天水市")
    departments = [department(city, f"天水市测试局{i:02d}") for i in range(20)]
    content_type = ContentType.objects.get_for_model(User)
    engine = get_engine()
    today = timezone.localdate()
    first, last = date(2026, 8, 3).toordinal(), date(2026, 11, 30).toordinal()
    clocks, paused = [], []
    for i in range(CLOCKS):
        start = date.fromordinal(rng.randint(first, last))
        due = compute_due(engine, start, 20, [])
        state = ClockState.RUNNING if due >= today else ClockState.OVERDUE
        if i % 10 == 0 and start < today and engine.between(start, min(today, LAST_DAY)) > 1:
            state, due = ClockState.PAUSED, None
            paused.append((i, engine.add(start, 1)))
        clocks.append(
            Clock(
                content_type=content_type,
                object_id=str(i + 1),
                stage="reply",
                label=f"依申请公开：第{i + 1}号申请",
                department=departments[i % len(departments)],
                start_date=start,
                limit_days=20,
                max_extensions=1,
                max_extension_days=20,
                due_date=due,
                state=state,
            )
        )
    Clock.objects.bulk_create(clocks, batch_size=2000)
    ids = dict(Clock.objects.values_list("object_id", "id"))
    ClockPause.objects.bulk_create(
        (
            ClockPause(clock_id=ids[str(i + 1)], starts_on=on, reason="征求第三方意见")
            for i, on in paused
        ),
        batch_size=2000,
    )
    return len(paused)


def bench_recompute(report) -> None:
    from gongkai.workdays.calendar_changes import save_special_day
    from gongkai.workdays.models import Clock, ClockEvent, SpecialDay
    from gongkai.workdays.recompute import recompute_open_clocks

    rng = random.Random(SEED)
    began = time.perf_counter()
    paused = _make_clocks(rng)
    setup_seconds = time.perf_counter() - began
    open_clocks = Clock.objects.open().count()
    sizes = f"{CLOCKS:,} clocks ({paused:,} paused), started 2026-08-03…11-30"
    report("generate clocks (bulk_create)", setup_seconds, "s", sizes)

    began = time.perf_counter()
    rows = list(
        Clock.objects.open().values_list(
            "id", "start_date", "restarted_on", "limit_days", "due_date"
        )
    )
    read_seconds = time.perf_counter() - began
    report("baseline: read the open clocks in one query", read_seconds, "s", f"{len(rows):,} rows")

    began = time.perf_counter()
    recompute_open_clocks(reason="基准测试：日历无变化")
    idle_seconds = time.perf_counter() - began
    report("recompute, calendar unchanged", idle_seconds, "s", f"{open_clocks:,} open clocks")

    events_before = ClockEvent.objects.count()
    began = time.perf_counter()
    changed = save_special_day(
        SpecialDay(date=date(2026, 10, 9), kind="holiday", name="国庆节（基准测试）"), actor=None
    )
    change_seconds = time.perf_counter() - began
    events = ClockEvent.objects.count() - events_before
    report(
        "add a holiday + recompute all open clocks",
        change_seconds,
        "s",
        f"{open_clocks:,} open clocks, {changed:,} due dates moved, {events:,} events written",
    )
    report("ratio recompute / baseline read", change_seconds / read_seconds, "×")


def run(report=_print_report) -> None:
    db_dir = Path(tempfile.mkdtemp(prefix="gongkai-bench-workdays-"))
    db_path = db_dir / "bench.sqlite3"
    _setup_django(db_path)
    from django.core.management import call_command

    from gongkai.workdays import invalidate

    began = time.perf_counter()
    call_command("migrate", verbosity=0)
    invalidate()
    print(f"workdays — SQLite file {db_path}, migrated in {time.perf_counter() - began:.1f} s")
    bench_arithmetic(report)
    bench_recompute(report)
    sys.stdout.flush()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)


def main() -> None:
    run(_print_report)


if __name__ == "__main__":
    main()

"""Table 三 statistics (依申请公开) against one hand-written SQL aggregate over the same rows.

* Data: N applications (default 100,000) over A agencies (default 200) of one
  government — 天水市 620500, with 秦州区 620502 under it holding a quarter of
  the agencies — plus 10% more in another city (陇南市 621200) that the
  government filter must leave out. Receipt dates spread from mid-2015 to
  mid-2017, about 85% concluded 0–60 days later with one of the 21 national
  outcomes, the applicant kinds in a realistic mix. Written with
  ``bulk_create`` in batches of 2,000 — the intake and reply actions
  (numbering, clocks, notices, audit) are bypassed on purpose: this measures
  the statistics query, not the workflow.
* Timing: ``gongkai.applications.stats.table_three`` for the government and
  the year 2016 (one ORM aggregate with conditional counts grouped by
  applicant kind and subtype, plus building the Table) against ONE
  hand-written SQL statement (conditional ``SUM(CASE …)`` for the 25 rows,
  ``GROUP BY`` the Table 三 column) run with ``cursor.execute``; interleaved
  repetitions, p50 of each and the ratio. Both must give the same figures.

Default: a throw-away SQLite file under /tmp that it migrates itself.
``--postgres URL`` runs on that (empty, dedicated) PostgreSQL database
instead, e.g. ``postgres://postgres@127.0.0.1:5432/gongkai_bench_applications``;
the generated rows stay there and a later run with the same ``--size`` and
``--agencies`` reuses them. Run ``python -m benchmarks.applications
[--size 100000] [--agencies 200] [--repeat 30] [--postgres URL]``.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

SEED = 20161231
BATCH = 2000
PREFIX = "BENCH-"
START, END = date(2016, 1, 1), date(2016, 12, 31)


def _setup_django(database_url: str, var_dir: Path) -> None:
    os.environ["GONGKAI_ENV"] = "test"
    os.environ["GONGKAI_DATABASE_URL"] = database_url
    os.environ["GONGKAI_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _governments():
    from gongkai.orgs.models import GovernmentLevel
    from gongkai.testing.factories import government

    city = government("620500", "天水市")
    county = government("620502", "秦州区", level=GovernmentLevel.COUNTY, parent=city)
    other = government("621200", "陇南市")
    return city, county, other


def _departments(agencies: int):
    """``agencies`` agencies of 天水市 (a quarter of them in 秦州区) and 20 of 陇南市."""
    from gongkai.demo.loaders import demo_uscc
    from gongkai.orgs.models import Department, DepartmentType

    city, county, other = _governments()
    wanted = []
    for i in range(agencies):
        gov = county if i % 4 == 3 else city
        wanted.append((gov, f"{gov.name}基准测试部门{i + 1:03d}", 50000 + i))
    wanted += [(other, f"{other.name}基准测试部门{i + 1:03d}", 60000 + i) for i in range(20)]
    existing = {
        (d.government_id, d.name): d
        for d in Department.objects.filter(name__contains="基准测试部门")
    }
    out = []
    for gov, name, serial in wanted:
        dept = existing.get((gov.pk, name))
        if dept is None:
            dept = Department.objects.create(
                government=gov,
                name=name,
                short_name=name[-8:],
                kind=DepartmentType.CONSTITUENT,
                uscc=demo_uscc(gov.code, serial),
            )
        out.append(dept)
    return city, out[:agencies], out[agencies:]


def _rows(n: int, departments, rng: random.Random, offset: int):
    from gongkai.applications.models import Application, Outcome

    outcomes = [o.value for o in Outcome]
    weights = [40, 9, 1, 1, 1, 2, 2, 3, 2, 2, 12, 3, 1, 3, 2, 1, 1, 1, 2, 1, 2]
    subtypes = ["commercial", "research", "welfare", "legal", "other", ""]
    first = date(2015, 6, 1)
    for i in range(n):
        received = first + timedelta(days=rng.randrange(760))
        concluded = None
        if rng.random() < 0.85:
            concluded = received + timedelta(days=rng.randrange(61))
        natural = rng.random() < 0.75
        yield Application(
            department=departments[rng.randrange(len(departments))],
            tracking_number=f"{PREFIX}{offset + i:08d}",
            year=received.year,
            password_hash="!",
            state="closed" if concluded else "in_progress",
            applicant_kind="natural" if natural else "organisation",
            org_subtype="" if natural else rng.choice(subtypes),
            name="基准测试申请人",
            id_type="other",
            id_number=f"B{offset + i:09d}",
            phone="13800000000",
            description="基准测试生成的政府信息公开申请",
            channel=rng.choice(["online", "online", "in_person", "post"]),
            fingerprint=f"bench{offset + i}",
            received_on=received,
            concluded_on=concluded,
            outcome=rng.choices(outcomes, weights)[0] if concluded else "",
        )


def generate(size: int, agencies: int):
    """Write the rows unless the database already holds exactly them; returns (government, rows/s)."""
    from django.db import transaction

    from gongkai.applications.models import Application

    city, ours, theirs = _departments(agencies)
    bench = Application.objects.filter(tracking_number__startswith=PREFIX)
    noise = size // 10
    in_city = bench.filter(department__in=ours).count()
    if in_city == size and bench.count() == size + noise:
        return city, None
    bench.delete()
    rng = random.Random(SEED)
    started = time.perf_counter()
    for dataset, count, offset in [(ours, size, 0), (theirs, noise, size)]:
        rows = _rows(count, dataset, rng, offset)
        while True:
            batch = [row for _, row in zip(range(BATCH), rows, strict=False)]
            if not batch:
                break
            with transaction.atomic():
                Application.objects.bulk_create(batch)
    rate = (size + noise) / (time.perf_counter() - started)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE applications_application")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return city, rate


def table_three_sql(join: str, condition: str, scope_params: list) -> tuple[str, list]:
    """ONE hand-written aggregate: the 25 rows of Table 三 per Table 三 column, over the
    applications ``a`` that ``join`` and ``condition`` (with ``scope_params``) select."""
    from gongkai.applications.stats import OUTCOME_ROWS

    params: list = []
    sums = []

    def add(condition: str, *values) -> None:
        sums.append(f"SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)")
        params.extend(values)

    add("a.received_on >= %s AND a.received_on <= %s", START, END)
    add("a.received_on < %s AND (a.concluded_on IS NULL OR a.concluded_on >= %s)", START, START)
    add("a.concluded_on >= %s AND a.concluded_on <= %s", START, END)
    add("a.received_on <= %s AND (a.concluded_on IS NULL OR a.concluded_on > %s)", END, END)
    for outcome in OUTCOME_ROWS:
        add("a.concluded_on >= %s AND a.concluded_on <= %s AND a.outcome = %s", START, END, outcome)
    sql = (
        "SELECT CASE WHEN a.applicant_kind = 'natural' THEN 'natural' "
        "WHEN a.org_subtype IN ('commercial', 'research', 'welfare', 'legal') THEN a.org_subtype "
        "ELSE 'other' END AS col, " + ", ".join(sums) + " FROM applications_application a"
        f"{join} WHERE {condition} AND a.received_on IS NOT NULL GROUP BY 1"
    )
    return sql, params + list(scope_params)


def raw_sql(government_path: str) -> tuple[str, list]:
    """Table 三 of every agency under the government at ``government_path``."""
    join = (
        " JOIN orgs_department d ON d.id = a.department_id"
        " JOIN orgs_government g ON g.id = d.government_id"
    )
    return table_three_sql(join, "g.path LIKE %s", [government_path + "%"])


def raw_cells(rows) -> dict[str, dict[str, int]]:
    from gongkai.applications.models import REPORT_COLUMNS
    from gongkai.applications.stats import OUTCOME_ROWS

    keys = ["new", "carried_in", "concluded", "carried_out", *OUTCOME_ROWS]
    cells = {key: {col: 0 for col, _ in REPORT_COLUMNS} for key in keys}
    for col, *values in rows:
        for key, value in zip(keys, values, strict=True):
            cells[key][col] += int(value)
            cells[key]["total"] += int(value)
    return cells


def _p50(values: list[float]) -> float:
    return statistics.median(values) * 1000


def run(size: int, agencies: int, repeat: int) -> None:
    from django.db import connection

    from gongkai.applications.stats import table_three

    city, rate = generate(size, agencies)
    generated = (
        "kept from an earlier run"
        if rate is None
        else f"generated at {rate:,.0f} rows/s (bulk_create, batches of {BATCH})"
    )
    print(
        f"applications — {connection.vendor}, {size:,} applications over {agencies} agencies of "
        f"{city.name} (+{size // 10:,} in another city), {generated}",
        flush=True,
    )
    sql, params = raw_sql(city.path)
    table = table_three(city, START, END)  # warm caches, and compare
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        expected = raw_cells(cursor.fetchall())
    got = table.cells
    if got != expected:
        raise SystemExit(f"table_three and the raw SQL disagree:\n{got}\n{expected}")
    if table.checks():
        raise SystemExit("cross-checks failed: " + "; ".join(table.checks()))
    wrapped, raw = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchall()
        raw.append(time.perf_counter() - started)
        started = time.perf_counter()
        table_three(city, START, END)
        wrapped.append(time.perf_counter() - started)
    print(
        f"  Table 三 for {city.name}, 2016 ({table.value('new', 'total'):,} new, "
        f"{table.value('carried_in', 'total'):,} carried in, {table.value('concluded', 'total'):,} "
        f"concluded, {table.value('carried_out', 'total'):,} carried out; same figures both ways): "
        f"table_three p50 {_p50(wrapped):.1f} ms, raw SQL p50 {_p50(raw):.1f} ms, "
        f"ratio {_p50(wrapped) / _p50(raw):.2f}x ({repeat} interleaved repetitions)",
        flush=True,
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="applications (default 100,000)")
    parser.add_argument("--agencies", type=int, default=200, help="agencies (default 200)")
    parser.add_argument("--repeat", type=int, default=30, help="timed repetitions (default 30)")
    parser.add_argument(
        "--postgres", metavar="URL", help="run on this (dedicated) PostgreSQL database"
    )
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.size < 1 or args.agencies < 1 or args.repeat < 1:
        parser.error("--size, --agencies and --repeat must be at least 1")
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-applications-") as tmp:
        url = args.postgres or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        _setup_django(url, Path(tmp))
        run(args.size, args.agencies, args.repeat)


if __name__ == "__main__":
    main()

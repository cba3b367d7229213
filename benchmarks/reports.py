"""The annual report (年度报告) of a government against the SQL aggregates it needs, and its documents.

* Data: N applications (default 100,000) over A agencies (default 200) of
  天水市 620500 itself, plus a tenth as many over A/10 agencies of 秦州区
  620502 under it (the city's report, summed over its own agencies — 本级 —
  leaves them out; a report over every government under it would count
  them), made by ``benchmarks.applications``' row generator: received from
  mid-2015 to mid-2017 (so 2016 has applications carried over from 2015 and
  into 2017), about 85% concluded with one of the 21 national outcomes, the
  applicant kinds and organisation subtypes in a realistic mix. On top of them: reconsideration
  and litigation cases (行政复议、行政诉讼, ``Challenge``) for about 2% of the
  concluded applications (more for refusals), some decided, some pending, some
  litigated after reconsideration; and N/25 规章 and 行政规范性文件 items of
  the disclosure catalogue (plus 10% of 秦州区) written 2010–2017 with
  effective and expiry dates and validity changes (失效 / 废止 / 已修订), some
  not published. Everything is written with ``bulk_create`` in batches of
  2,000 — the intake, reply and publishing actions are bypassed on purpose:
  this measures the report, not the workflow.
* Timing, interleaved repetitions, p50 and min of each:
  (a) ``gongkai.reports.annual.annual_report(government, 2016)`` — the whole
  content the ``report annual`` command and the pages compute (Tables 二, 三,
  四, the draft of section 一 and every cross-check), its queries counted;
  (b) the floor: the SQL aggregates that content needs, written by hand and
  run with ``cursor.execute`` over the same agencies (the government's own
  agencies in use when ``annual_report`` lists its ``parts``, else every
  agency under it) — Table 三 as ONE statement grouped by the Table
  三 column with conditional counts for 2016 (2015 has no approved report, so
  the carry-over check has nothing published to compare with and needs no
  query), Table 四 grouped by kind and result, Table 二 grouped by item type;
  the ratio (a)/(b). Both must give the same figures.
  (c) the same for one agency. Then the documents of the government's report:
  PDF, DOCX and XLSX through ``gongkai.reports.documents.render``.

Default: a throw-away SQLite file under /tmp that it migrates itself.
``--postgres URL`` runs on that (empty, dedicated) PostgreSQL database
instead, e.g. ``postgres://postgres@127.0.0.1:5432/gongkai_bench_reports``;
the generated rows stay there and a later run with the same ``--size`` and
``--agencies`` reuses them. Run ``python -m benchmarks.reports [--size 100000]
[--agencies 200] [--repeat 20] [--documents 5] [--postgres URL]``.
"""

from __future__ import annotations

import argparse
import logging
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from benchmarks import analyze_after_load
from benchmarks import applications as applications_bench

SEED = 20170331
BATCH = 2000
YEAR = 2016
START, END = date(YEAR, 1, 1), date(YEAR, 12, 31)
PREFIX = "RPT-" + applications_bench.PREFIX  # its own applications, not that benchmark's
CASE_PREFIX = "BENCH-RPT-"
ITEM_PREFIX = "基准测试文件"
TZ = ZoneInfo("Asia/Shanghai")
FORMATS = ("pdf", "docx", "xlsx")


# -- data ---------------------------------------------------------------------------------


def _challenges(rng: random.Random, recorder) -> int:
    """Reconsideration and litigation cases for about 2% of the concluded applications."""
    from django.db import transaction

    from gongkai.applications.models import Application, Challenge

    concluded = (
        Application.objects.filter(tracking_number__startswith=PREFIX)
        .exclude(concluded_on__isnull=True)
        .order_by("pk")
        .values_list("pk", "concluded_on", "outcome")
    )
    results = ["upheld", "corrected", "other"]
    cases = []
    today = date.today()

    def case(pk, kind, filed, body):
        decided = None
        result = "pending"
        if rng.random() < 0.85:
            decided = filed + timedelta(days=rng.randint(30, 120))
            result = rng.choices(results, [65, 20, 15])[0] if decided <= today else "pending"
            if result == "pending":
                decided = None
        cases.append(
            Challenge(
                application_id=pk,
                kind=kind,
                filed_on=filed,
                body=body,
                case_number=f"{CASE_PREFIX}{len(cases) + 1:07d}",
                result=result,
                decided_on=decided,
                recorded_by=recorder,
            )
        )
        return decided, result

    for pk, concluded_on, outcome in concluded:
        chance = 0.005 if outcome == "disclosed" else 0.03
        if rng.random() >= chance:
            continue
        filed = concluded_on + timedelta(days=rng.randint(5, 58))
        if rng.random() < 0.8:
            decided, result = case(pk, "reconsideration", filed, "天水市人民政府")
            if decided and result != "corrected" and rng.random() < 0.3:
                later = decided + timedelta(days=rng.randint(5, 14))
                case(pk, "litigation_after", later, "天水市秦州区人民法院")
        else:
            case(pk, "litigation_direct", filed, "天水市秦州区人民法院")
    for first in range(0, len(cases), BATCH):
        with transaction.atomic():
            Challenge.objects.bulk_create(cases[first : first + BATCH])
    return len(cases)


def _items(count: int, ours, theirs, rng: random.Random) -> None:
    """``count`` 规章 and 行政规范性文件 of the government's agencies, 10% more in another city."""
    from django.db import transaction

    from gongkai.disclosure.models import Genre, InformationItem, SubjectCategory

    subjects = list(SubjectCategory.objects.all())
    genres = {g.name: g for g in Genre.objects.all()}
    fallback = next(iter(genres.values()))
    through = InformationItem.publishing_departments.through
    rows = []
    for i in range(count + count // 10):
        dept = ours[rng.randrange(len(ours))] if i < count else rng.choice(theirs)
        rule = rng.random() < 0.2
        written = date(2010, 1, 1) + timedelta(days=rng.randrange(8 * 365))
        published = datetime.combine(
            written + timedelta(days=rng.randint(1, 20)), datetime.min.time(), TZ
        ) + timedelta(minutes=rng.randrange(18 * 60))  # some after 16:00 UTC: the local day differs
        effective = (
            written + timedelta(days=rng.choice([0, 0, 10, 30])) if rng.random() < 0.8 else None
        )
        expires = (
            written + timedelta(days=365 * rng.choice([2, 3, 5])) if rng.random() < 0.35 else None
        )
        validity, changed = (
            rng.choices(["valid", "expired", "repealed", "revised", ""], [70, 8, 12, 5, 5])[0],
            None,
        )
        if validity in ("expired", "repealed", "revised"):
            changed = written + timedelta(days=rng.randint(90, 6 * 365))
        if validity == "expired" and expires:
            changed = expires
        state = rng.choices(["published", "withdrawn", "draft"], [92, 3, 5])[0]
        kind = "规章" if rule else "规范性文件"
        rows.append(
            InformationItem(
                government_id=dept.government_id,
                department=dept,
                document_number=f"{dept.short_name[:2]}发〔{written.year}〕{rng.randint(1, 90)}号",
                title=f"{ITEM_PREFIX}：{dept.name}关于加强第{i + 1}项工作的{kind}",
                written_on=written if rng.random() < 0.95 else None,
                subject=rng.choice(subjects),
                genre=genres.get(kind, fallback),
                summary=f"{dept.name}{kind}。",
                body=f"<p>{dept.name}{kind}正文。</p>",
                source=dept.name,
                item_type="rule" if rule else "normative",
                effective_on=effective,
                expires_on=expires,
                validity=validity,
                validity_changed_on=changed,
                state=state,
                published_at=published if state != "draft" else None,
            )
        )
    for first in range(0, len(rows), BATCH):
        with transaction.atomic():
            created = InformationItem.objects.bulk_create(rows[first : first + BATCH])
            through.objects.bulk_create(
                [
                    through(informationitem_id=item.pk, department_id=item.department_id)
                    for item in created
                ]
            )


def _departments(agencies: int):
    """``agencies`` agencies of 天水市 itself, and a tenth as many of 秦州区 under it."""
    from gongkai.demo.loaders import demo_uscc
    from gongkai.orgs.models import Department, DepartmentType, GovernmentLevel
    from gongkai.testing.factories import government

    city = government("620500", "天水市")
    county = government("620502", "秦州区", level=GovernmentLevel.COUNTY, parent=city)
    wanted = [(city, i, 70000 + i) for i in range(agencies)]
    wanted += [(county, i, 80000 + i) for i in range(max(agencies // 10, 1))]
    existing = {
        (d.government_id, d.name): d
        for d in Department.objects.filter(name__contains="年报基准部门")
    }
    out = []
    for gov, i, serial in wanted:
        name = f"{gov.name}年报基准部门{i + 1:03d}"
        dept = existing.get((gov.pk, name))
        if dept is None:
            dept = Department.objects.create(
                government=gov,
                name=name,
                short_name=name[-9:],
                kind=DepartmentType.CONSTITUENT,
                uscc=demo_uscc(gov.code, serial),
            )
        out.append(dept)
    return city, out[:agencies], out[agencies:]


def _applications(size: int, ours, county, rng: random.Random) -> None:
    """``size`` applications to the city's agencies and a tenth as many to the county's, made
    by ``benchmarks.applications``' generator (2015-06 to 2017-07, outcomes, applicant mix)."""
    from django.db import transaction

    from gongkai.applications.models import Application

    for dataset, count, offset in [(ours, size, 0), (county, size // 10, size)]:
        rows = applications_bench._rows(count, dataset, rng, offset)
        while batch := [row for _, row in zip(range(BATCH), rows, strict=False)]:
            for row in batch:
                row.tracking_number = PREFIX + row.tracking_number
            with transaction.atomic():
                Application.objects.bulk_create(batch)


def generate(size: int, agencies: int):
    """Applications, cases and catalogue items, unless the database already holds exactly
    them; returns (government, its agencies, counts, seconds or None when kept)."""
    from django.db import connection

    from gongkai.applications.models import Application, Challenge
    from gongkai.disclosure.models import InformationItem
    from gongkai.testing.factories import staff

    started = time.perf_counter()
    city, ours, county = _departments(agencies)
    n_items = max(size // 25, 20)
    applications = Application.objects.filter(tracking_number__startswith=PREFIX)
    cases = Challenge.objects.filter(case_number__startswith=CASE_PREFIX)
    items = InformationItem.objects.filter(title__startswith=ITEM_PREFIX)
    kept = (
        applications.filter(department__in=ours).count() == size
        and applications.count() == size + size // 10
        and cases.exists()
        and items.count() == n_items + n_items // 10
    )
    if not kept:
        rng = random.Random(SEED)
        cases.delete()
        items.delete()
        applications.delete()
        _applications(size, ours, county, rng)
        _challenges(rng, staff("bench-reports"))
        _items(n_items, ours, county, rng)
        analyze_after_load()
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    counts = {"cases": cases.count(), "items": n_items}
    return city, ours, counts, None if kept else time.perf_counter() - started


# -- the floor: hand-written SQL --------------------------------------------------------


def _where(scope, alias: str, own: bool) -> tuple[str, str, list]:
    """(join, condition, params) restricting ``alias``'s department to ``scope``: one
    agency, a government's own agencies in use (``own``: 本级, what ``annual_report`` sums
    when it lists its ``parts``), or every agency of it and the governments under it."""
    from gongkai.orgs.models import Department

    if isinstance(scope, Department):
        return "", f"{alias}.department_id = %s", [scope.pk]
    join = f" JOIN orgs_department d ON d.id = {alias}.department_id"
    if own:
        return join, "d.government_id = %s AND d.active = %s", [scope.pk, True]
    join += " JOIN orgs_government g ON g.id = d.government_id"
    return join, "g.path LIKE %s", [scope.path + "%"]


def table_three_sql(scope, own: bool) -> tuple[str, list]:
    """Table 三 of 2016 per Table 三 column: one statement. (2015 has no approved report here,
    so the carry-over check has nothing to compare with: ``annual.last_carried_out``.)"""
    return applications_bench.table_three_sql(*_where(scope, "a", own))


def table_four_sql(scope, own: bool) -> tuple[str, list]:
    join, condition, params = _where(scope, "a", own)
    sql = (
        "SELECT c.kind, c.result, COUNT(*) FROM applications_challenge c"
        f" JOIN applications_application a ON a.id = c.application_id{join}"
        f" WHERE {condition} AND c.filed_on >= %s AND c.filed_on <= %s GROUP BY c.kind, c.result"
    )
    return sql, [*params, START, END]


def table_two_sql(scope, own: bool, vendor: str) -> tuple[str, list]:
    """规章 and 行政规范性文件: issued, repealed, in force at 31 December (table_two's rules)."""
    if vendor == "postgresql":
        published_day = "(i.published_at AT TIME ZONE 'Asia/Shanghai')::date"
    else:  # SQLite stores UTC text; Asia/Shanghai has had no daylight saving since 1991
        published_day = "DATE(i.published_at, '+8 hours')"
    formed = f"COALESCE(i.written_on, {published_day})"
    in_force_from = f"COALESCE(i.effective_on, i.written_on, {published_day})"
    join, condition, scope_params = _where(scope, "i", own)
    sql = (
        "SELECT i.item_type,"
        f" SUM(CASE WHEN i.state = 'published' AND {formed} >= %s AND {formed} <= %s"
        " THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN i.validity = 'repealed' AND i.validity_changed_on >= %s"
        " AND i.validity_changed_on <= %s THEN 1 ELSE 0 END),"
        f" SUM(CASE WHEN i.state = 'published' AND {in_force_from} <= %s"
        " AND (i.expires_on IS NULL OR i.expires_on >= %s)"
        " AND (i.validity IN ('valid', '') OR i.validity_changed_on > %s) THEN 1 ELSE 0 END)"
        f" FROM disclosure_informationitem i{join}"
        f" WHERE i.item_type IN ('rule', 'normative') AND {condition} GROUP BY i.item_type"
    )
    return sql, [START, END, START, END, END, END, END, *scope_params]


def floor_statements(scope, own: bool, vendor: str) -> list[tuple[str, list]]:
    return [
        table_three_sql(scope, own),
        table_four_sql(scope, own),
        table_two_sql(scope, own, vendor),
    ]


def run_floor(statements) -> list[list[tuple]]:
    from django.db import connection

    out = []
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)
            out.append(cursor.fetchall())
    return out


def expected_content(results) -> tuple[dict, dict, dict]:
    """Tables 三 and 四 (nested by the national headings) and Table 二's counts, from the
    floor's rows."""
    from gongkai.applications.models import REPORT_COLUMNS
    from gongkai.applications.stats import (
        OUTCOME_ROWS,
        TABLE_FOUR_COLUMNS,
        TABLE_FOUR_ROWS,
        TABLE_THREE_ROWS,
        Table,
    )
    from gongkai.reports.table_two import DOCUMENT_ROWS

    three_rows, four_rows, two_rows = results
    keys = ["new", "carried_in", "concluded", "carried_out", *OUTCOME_ROWS]
    cells = {key: {col: 0 for col, _ in REPORT_COLUMNS} for key in keys}
    for col, *values in three_rows:
        for key, value in zip(keys, values, strict=True):
            cells[key][col] += int(value)
            cells[key]["total"] += int(value)
    three = Table("three", "", TABLE_THREE_ROWS, REPORT_COLUMNS, cells).as_dict()
    four_cells = {
        row.key: {key: 0 for key, _ in TABLE_FOUR_COLUMNS} for row in TABLE_FOUR_ROWS if row.numeric
    }
    for kind, result, n in four_rows:
        four_cells[kind][result] += n
        four_cells[kind]["total"] += n
    four = Table("four", "", TABLE_FOUR_ROWS, TABLE_FOUR_COLUMNS, four_cells).as_dict()
    found = {row[0]: [int(v or 0) for v in row[1:]] for row in two_rows}
    two = {
        heading: dict(
            zip(
                ("本年制发件数", "本年废止件数", "现行有效件数"),
                found.get(t, [0, 0, 0]),
                strict=True,
            )
        )
        for t, heading in DOCUMENT_ROWS
    }
    return three, four, two


def compare(data: dict, results) -> None:
    """Stop unless annual_report's content holds exactly the floor's figures."""
    from gongkai.reports.annual import SECTION_HEADINGS

    three, four, two = expected_content(results)
    sections = data["sections"]
    got_two = {
        heading: {column: cell["value"] for column, cell in columns.items()}
        for heading, columns in sections[SECTION_HEADINGS[1]]["第二十条第（一）项"].items()
    }
    wrong = [
        name
        for name, got, expected in (
            ("Table 二", got_two, two),
            ("Table 三", sections[SECTION_HEADINGS[2]], three),
            ("Table 四", sections[SECTION_HEADINGS[3]], four),
        )
        if got != expected
    ]
    if wrong or data["checks"]:
        raise SystemExit(
            f"annual_report and the hand-written SQL disagree: {wrong or data['checks']}"
        )


# -- measuring ----------------------------------------------------------------------------


def _ms(values: list[float]) -> tuple[float, float]:
    return statistics.median(values) * 1000, min(values) * 1000


def measure_scope(label: str, scope, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gongkai.reports.annual import annual_report

    data = annual_report(scope, YEAR)  # warm caches, and compare
    statements = floor_statements(scope, "parts" in data, connection.vendor)
    compare(data, run_floor(statements))
    with CaptureQueriesContext(connection) as queries:
        annual_report(scope, YEAR)
    report, floor = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        run_floor(statements)
        floor.append(time.perf_counter() - started)
        started = time.perf_counter()
        annual_report(scope, YEAR)
        report.append(time.perf_counter() - started)
    r50, rmin = _ms(report)
    f50, fmin = _ms(floor)
    three = data["sections"]["三、收到和处理政府信息公开申请情况"]
    print(
        f"  {label}, {YEAR} ({three['一、本年新收政府信息公开申请数量']['总计']:,} new, "
        f"{three['二、上年结转政府信息公开申请数量']['总计']:,} carried in, "
        f"{three['四、结转下年度继续办理']['总计']:,} carried out; "
        f"{len(data['checks'])} failed checks; same figures both ways):\n"
        f"    annual_report p50 {r50:.1f} ms (min {rmin:.1f}), {len(queries)} queries; "
        f"hand-written SQL p50 {f50:.1f} ms (min {fmin:.1f}), {len(statements)} statements; "
        f"ratio p50 {r50 / f50:.2f}x (min {rmin / fmin:.2f}x), {repeat} interleaved repetitions",
        flush=True,
    )
    return {"report": r50, "floor": f50, "ratio": r50 / f50, "queries": len(queries), "data": data}


def measure_documents(data: dict, repeat: int) -> dict:
    from gongkai.reports.documents import render

    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    times: dict[str, list[float]] = {fmt: [] for fmt in FORMATS}
    sizes = {fmt: len(render(data, fmt)) for fmt in FORMATS}  # warm fonts and imports
    for _ in range(repeat):
        for fmt in FORMATS:
            started = time.perf_counter()
            render(data, fmt)
            times[fmt].append(time.perf_counter() - started)
    figures = {fmt: _ms(values) for fmt, values in times.items()}
    print(
        f"  documents of {data['title']} (documents.render, {repeat} repetitions): "
        + "; ".join(
            f"{fmt.upper()} p50 {figures[fmt][0]:.0f} ms (min {figures[fmt][1]:.0f}), "
            f"{sizes[fmt] / 1024:,.0f} KB"
            for fmt in FORMATS
        ),
        flush=True,
    )
    return figures


def run(size: int, agencies: int, repeat: int, documents: int) -> dict:
    from django.db import connection

    city, ours, counts, seconds = generate(size, agencies)
    generated = (
        "kept from an earlier run"
        if seconds is None
        else f"generated in {seconds:,.0f} s (bulk_create, batches of {BATCH})"
    )
    print(
        f"reports — {connection.vendor}, {size:,} applications over {agencies} agencies of "
        f"{city.name} (+{size // 10:,} over {max(agencies // 10, 1)} agencies of 秦州区 under it), "
        f"{counts['cases']:,} reconsideration and litigation cases, {counts['items']:,} "
        f"规章/行政规范性文件 (+{counts['items'] // 10:,} of 秦州区), {generated}",
        flush=True,
    )
    figures = {"government": measure_scope(f"government {city.name}", city, repeat)}
    figures["agency"] = measure_scope(f"agency {ours[0].name}", ours[0], repeat)
    if documents > 0:
        figures["documents"] = measure_documents(figures["government"]["data"], documents)
    return figures


def _setup_django(database_url: str, var_dir: Path) -> None:
    applications_bench._setup_django(database_url, var_dir)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="applications (default 100,000)")
    parser.add_argument("--agencies", type=int, default=200, help="agencies (default 200)")
    parser.add_argument("--repeat", type=int, default=20, help="timed repetitions (default 20)")
    parser.add_argument(
        "--documents", type=int, default=5, help="repetitions of each document (default 5; 0: none)"
    )
    parser.add_argument(
        "--postgres", metavar="URL", help="run on this (dedicated) PostgreSQL database"
    )
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.size < 1 or args.agencies < 1 or args.repeat < 1 or args.documents < 0:
        parser.error("--size, --agencies and --repeat must be at least 1, --documents at least 0")
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-reports-") as tmp:
        url = args.postgres or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        _setup_django(url, Path(tmp))
        run(args.size, args.agencies, args.repeat, args.documents)


if __name__ == "__main__":
    main()

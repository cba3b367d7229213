"""Government services (issue 19) at size: the public case list (办件公示), a guide
page and the case list's statistics as ratios to a bare Django view, and the
电子监察 sweep over every open case (open cases per second).

Cases are written in bulk (not through the actions: the benchmark measures the
pages and the sweep, not intake), over the published items of a generated
catalogue, with realistic dates, due dates and states (about one in twenty open).
Default: 20,000 cases on a throw-away SQLite file. ``--postgres URL`` runs on that
database (``--size 1000000`` for the issue's million; ``--measure-only`` to reuse
what an earlier run generated).

Run ``python -m benchmarks.services [--size N] [--postgres URL] [--requests R]``.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

SEED = 19
BATCH = 5_000
TZ = ZoneInfo("Asia/Shanghai")
ITEMS = 300


def _catalogue():
    """``ITEMS`` published items of the bench world's departments, each with a guide."""
    from benchmarks.pages import _world
    from gongkai.services.models import GuideVersion, Material, ServiceItem, Step

    city, departments = _world()
    if ServiceItem.objects.filter(government=city).exists():
        return list(ServiceItem.objects.filter(government=city).select_related("current"))
    rng = random.Random(SEED)
    items = []
    for n in range(ITEMS):
        dept = departments[n % len(departments)]
        item = ServiceItem.objects.create(
            government=city, department=dept, code=f"BENCH-XK-{n:04d}-01",
            name=f"{dept.short_name[1:]}许可事项{n}", level="city", audiences="legal",
            power_code=f"BENCH-XK-{n:04d}",
        )  # fmt: skip
        guide = GuideVersion.objects.create(
            item=item, number=1, state="published", basis="《中华人民共和国行政许可法》第十二条",
            conditions="依法设立的法人。", legal_limit=20, promised_limit=rng.choice((5, 8, 10)),
            visits=1, place="政务服务中心", hours="工作日", consult_phone="0938-1",
            complaint_phone="0938-12345", published_on=date(2016, 1, 4),
        )  # fmt: skip
        Material.objects.create(guide=guide, position=1, name="申请书")
        for p, name in enumerate(("受理", "审查", "决定", "送达"), 1):
            Step.objects.create(guide=guide, position=p, name=name, limit=1)
        item.current, item.state = guide, "published"
        item.save(update_fields=["current", "state"])
        items.append(item)
    return items


def generate(size: int) -> float | None:
    """Write cases until the database holds ``size``; cases per second (None: already there)."""
    from django.db import transaction

    from gongkai.services.models import Case

    held = Case.objects.count()
    missing = size - held
    items = _catalogue()
    if missing <= 0:
        return None
    rng = random.Random(SEED + held)
    start = date(2016, 1, 4)
    began = time.perf_counter()
    for first in range(0, missing, BATCH):
        rows = []
        for n in range(held + first, held + first + min(BATCH, missing - first)):
            item = rng.choice(items)
            received = start + timedelta(days=rng.randrange(3650))
            accepted = received + timedelta(days=rng.randint(0, 3))
            open_case = rng.random() < 0.05
            decided = None if open_case else accepted + timedelta(days=rng.randint(2, 30))
            rows.append(Case(
                item=item, guide=item.current, department_id=item.department_id,
                number=f"B{n:09d}", password_hash="!", state="review" if open_case else "delivered",
                channel="online", applicant_kind="legal", name=f"企业{n}",
                id_number="91620500MA71ABCD0X", phone="13800000000",
                submitted_at=datetime.combine(received, datetime.min.time(), tzinfo=TZ),
                received_on=received, accepted_on=accepted, decided_on=decided,
                outcome="" if open_case else "granted",
                issued_on=decided and decided + timedelta(days=1),
                delivered_on=decided and decided + timedelta(days=2),
                decision_due=accepted + timedelta(days=28),
                promise_due=accepted + timedelta(days=14),
                next_due=accepted + timedelta(days=14) if open_case else None,
                fingerprint=f"{n:064d}",
            ))  # fmt: skip
        with transaction.atomic():
            Case.objects.bulk_create(rows, batch_size=1000)
        print(f"  generated {first + len(rows):,} / {missing:,}", file=sys.stderr, flush=True)
    return missing / (time.perf_counter() - began)


def sweep_rate() -> None:
    """The sweep's reading (every open case coloured) and one real sweep, per second."""
    from gongkai.services.models import Case, SupervisionCard
    from gongkai.services.services import cards

    on = date(2026, 12, 7)
    read = cards.measure(on)
    print(f"  sweep, reading: {read['open_cases']:,} open cases in {read['seconds']} s "
          f"= {read['cases_per_second']:,} cases/s ({read['cards_due']:,} cards due)")  # fmt: skip
    SupervisionCard.objects.all().delete()
    began = time.perf_counter()
    issued = cards.sweep(on=on)
    seconds = time.perf_counter() - began
    open_cases = Case.objects.filter(state__in=["pending", "review", "decided"]).count()
    print(f"  sweep, issuing: {len(issued):,} cards for {open_cases:,} open cases in "
          f"{seconds:.2f} s = {open_cases / seconds:,.0f} cases/s")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=20_000, help="cases (default 20,000)")
    parser.add_argument("--postgres", metavar="URL", help="run on this PostgreSQL database")
    parser.add_argument("--requests", type=int, default=200, help="requests per endpoint")
    parser.add_argument(
        "--measure-only", action="store_true", help="with --postgres: no generation"
    )
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    tmp = Path(tempfile.mkdtemp(prefix="gongkai-bench-services-"))
    try:
        from benchmarks.pages import (
            CLIENTS,
            UNCACHED,
            _environment,
            _setup_django,
            serve_and_measure,
        )

        environment = _environment(args.postgres or f"sqlite:///{tmp / 'bench.sqlite3'}", tmp)
        _setup_django(environment)
        from django.db import connection

        print(f"government services — {connection.vendor}, {args.size:,} cases", flush=True)
        if not args.measure_only:
            rate = generate(args.size)
            if rate:
                print(f"  generation: {rate:,.0f} cases/s", flush=True)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        sweep_rate()
        from gongkai.services.models import ServiceItem

        codes = list(ServiceItem.objects.values_list("code", flat=True)[:200])
        departments = list(ServiceItem.objects.values_list("department_id", flat=True).distinct())
        rng = random.Random(SEED + 1)
        connection.close()
        endpoints = {
            "bare Django view": ["/bench/bare/"],
            "case list, cached": ["/banshi/gongshi/"],
            "case list, uncached": [UNCACHED + "/banshi/gongshi/"],
            "case list by dept, uncached": [
                UNCACHED + f"/banshi/gongshi/?dept={rng.choice(departments)}" for _ in range(50)
            ],
            "case list page 200, uncached": [UNCACHED + "/banshi/gongshi/?page=200"],
            "guide page, uncached": [UNCACHED + f"/banshi/{code}/" for code in codes],
            "statistics, uncached": [UNCACHED + "/banshi/gongshi/tongji/?year=2020"],
        }
        serve_and_measure(environment, endpoints, dict.fromkeys(endpoints, args.requests),
                          workers=2, clients=CLIENTS, timeout=120)  # fmt: skip
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

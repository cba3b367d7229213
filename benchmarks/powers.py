"""Importing the full city 权责清单 (issue 18), as items per second.

The demo's city file (2,936 powers with ~48,000 children: legal basis,
responsibility items, accountability circumstances), generated once, then
imported through ``gongkai.powers.services.importing`` in its three phases:
reading the XLSX (openpyxl, read-only), checking every row, and writing with
``bulk_create``. Beside it, the same rows written one ``save()`` at a time for
the powers alone, to show what the bulk writes save.

Then the officers' file of 行政执法人员名录 (the demo's provincial export of 10,594
officers: write, preview, apply; officers per second), and the public pages on
the imported list (issue 18: "the public list and search
pages as a ratio to a bare Django view"): gunicorn serves the same database, and
the list (first page, cached and uncached; filtered by department and type;
page 50), a power's page and the site search restricted to powers are loaded
side by side with the bare view (``benchmarks.pages.serve_and_measure``).

Runs on a throw-away SQLite file database under /tmp that it migrates itself.
Run ``python -m benchmarks.powers [--requests N]`` or ``make bench``.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path


def _print_report(name: str, value: float, unit: str, note: str = "") -> None:
    shown = f"{value:,.0f}" if value >= 100 else f"{value:,.3f}"
    print(f"  {name:<52} {shown:>14} {unit:<10} {note}")


def _setup_django(db_path: Path) -> dict[str, str]:
    from benchmarks.pages import _environment

    environment = _environment(f"sqlite:///{db_path}", db_path.parent)
    os.environ.update(environment)
    import django

    django.setup()
    return environment


def public_pages(environment: dict[str, str], requests: int) -> None:
    """The public list, a power's page and the powers search as ratios to the bare view."""
    from urllib.parse import urlencode

    from benchmarks.pages import CLIENTS, UNCACHED, serve_and_measure
    from gongkai.powers.jobs import index_powers_job
    from gongkai.powers.models import Power

    current = Power.objects.current()
    index_powers_job.call(list(current.values_list("pk", flat=True)))
    rng = random.Random(7)
    pks = list(current.values_list("pk", flat=True))
    sample = current.select_related("department", "power_type")[:200]
    filtered = [
        "/quanze/list/?" + urlencode({"gov": "620500", "dept": p.department_id,
                                      "type": p.power_type.abbreviation})
        for p in sample
    ]  # fmt: skip
    words = ["代理记账", "许可", "处罚", "检查", "登记", "审批", "补助资金", "年度检验"]
    searches = [
        "/xxgk/search/?" + urlencode({"q": rng.choice(words) + f" {n}", "source": "powers.power"})
        for n in range(requests)
    ]
    endpoints = {
        "bare Django view": ["/bench/bare/"],
        "list, cached": ["/quanze/list/?gov=620500"],
        "list, uncached": [UNCACHED + "/quanze/list/?gov=620500"],
        "list filtered, uncached": [UNCACHED + path for path in filtered],
        "list page 50, uncached": [UNCACHED + "/quanze/list/?gov=620500&page=50"],
        "power page, uncached": [UNCACHED + f"/quanze/{pk}/" for pk in rng.sample(pks, 200)],
        "powers search, uncached": [UNCACHED + path for path in searches],
    }
    print(f"权责清单 public pages — {len(pks):,} powers in force", flush=True)
    serve_and_measure(
        environment, endpoints, dict.fromkeys(endpoints, requests), workers=2,
        clients=CLIENTS, timeout=60,
    )  # fmt: skip


def officers(ctx) -> None:
    """The provincial officers' export (行政执法人员名录, 10,594 officers of the demo's
    430 bodies): written, previewed (read, checked, compared) and applied, then
    re-imported with one in ten changed; officers per second."""
    from django.core.files.base import ContentFile

    from gongkai.powers import enforcement_demo as demo
    from gongkai.powers.services.officers import apply_officers, preview_officers

    rng = random.Random(demo.SEED)
    bodies = demo._bodies(demo._plan(ctx.city, ctx.counties))
    started = time.perf_counter()
    data = demo.officers_export(bodies, rng)
    wrote = time.perf_counter() - started
    started = time.perf_counter()
    preview = preview_officers(ctx.city, ContentFile(data, name="officers.xlsx"), None, system=True)
    previewed = time.perf_counter() - started
    assert not preview.problems, preview.problem_lines()[:3]
    started = time.perf_counter()
    counts = apply_officers(preview, None)
    applied = time.perf_counter() - started
    total = counts["new"]
    print(f"行政执法人员名录 import — {total:,} officers of {len(bodies)} bodies", flush=True)
    _print_report("writing the export (XLSX)", total / wrote, "officers/s", f"{wrote:.1f} s")
    _print_report(
        "preview: read, check, compare", total / previewed, "officers/s", f"{previewed:.1f} s"
    )
    _print_report("apply (one transaction)", total / applied, "officers/s", f"{applied:.1f} s")


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--requests", type=int, default=200, help="requests per page endpoint (default 200)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        environment = _setup_django(Path(directory) / "bench.sqlite3")
        from django.core.management import call_command
        from django.db import transaction

        call_command("migrate", verbosity=0)
        from gongkai.demo import loaders
        from gongkai.powers.demo import SEED, city_workbook
        from gongkai.powers.models import Power
        from gongkai.powers.services.checking import ListChecker
        from gongkai.powers.services.importing import import_list
        from gongkai.powers.services.workbook import read_workbook

        ctx = loaders.DemoContext(out=lambda *_: None)
        loaders.load_governments(ctx)
        loaders.load_departments_and_staff(ctx)
        upload, _ = city_workbook(random.Random(SEED), ctx.city)
        print(f"权责清单 import — the demo's city file ({upload.size / 1e6:.1f} MB)")

        started = time.perf_counter()
        workbook = read_workbook(upload)
        read = time.perf_counter() - started
        items = sum(len(rows) for rows in workbook.sheets.values())
        started = time.perf_counter()
        checked = ListChecker(ctx.city).check(workbook)
        check = time.perf_counter() - started
        assert checked.valid, checked.problems[:3]
        started = time.perf_counter()
        with transaction.atomic():
            report = import_list(ctx.city, workbook=workbook, valid_from=date(2016, 1, 1))
        write = time.perf_counter() - started  # checks again, then writes
        assert report.imported
        _print_report("rows in the file (powers and children)", items, "rows")
        _print_report("reading the XLSX", items / read, "rows/s", f"{read:.1f} s")
        _print_report("checking every row", items / check, "rows/s", f"{check:.1f} s")
        _print_report("check again and bulk write", items / write, "rows/s", f"{write:.1f} s")
        total = read + write
        _print_report(
            "the whole import (read, check, write)", items / total, "rows/s", f"{total:.1f} s"
        )

        from django.db import connection

        connection.close()  # the server's workers open their own
        public_pages(environment, args.requests)
        officers(ctx)

        powers = list(Power.objects.values_list("government_id", "department_id", "power_type_id"))
        Power.objects.all().delete()
        started = time.perf_counter()
        with transaction.atomic():
            for n, (government, department, power_type) in enumerate(powers):
                Power(
                    government_id=government,
                    department_id=department,
                    power_type_id=power_type,
                    code=f"X-{n}",
                    name="对照",
                    level="city",
                    valid_from=date(2016, 1, 1),
                ).save()
        one_by_one = time.perf_counter() - started
        _print_report(
            "baseline: the powers alone, one save() each", len(powers) / one_by_one, "rows/s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

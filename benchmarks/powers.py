"""Importing the full city 权责清单 (issue 18), as items per second.

The demo's city file (2,936 powers with ~48,000 children: legal basis,
responsibility items, accountability circumstances), generated once, then
imported through ``gongkai.powers.services.importing`` in its three phases:
reading the XLSX (openpyxl, read-only), checking every row, and writing with
``bulk_create``. Beside it, the same rows written one ``save()`` at a time for
the powers alone, to show what the bulk writes save.

Runs on a throw-away SQLite file database under /tmp that it migrates itself.
Run ``python -m benchmarks.powers`` or ``make bench``.
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


def _setup_django(db_path: Path) -> None:
    os.environ["GONGKAI_ENV"] = "test"
    os.environ["GONGKAI_DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ["GONGKAI_VAR_DIR"] = str(db_path.parent)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()


def main() -> int:
    with tempfile.TemporaryDirectory() as directory:
        _setup_django(Path(directory) / "bench.sqlite3")
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

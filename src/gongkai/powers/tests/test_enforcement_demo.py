"""The enforcement demo: the seed's 430 bodies and 10,594 officers, imported by the
real import from a generated XLSX, fast; 2016's decisions, a few late, one revoked.

Loaded once for the module inside a transaction rolled back afterwards."""

import time
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from gongkai.powers import enforcement_demo
from gongkai.powers.card_enforcement import card_figures
from gongkai.powers.models import Decision, EnforcementBody, Officer
from gongkai.powers.services.importing import import_list

from .helpers import power_row, workbook


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    import time_machine
    from django.db import transaction

    from gongkai.demo.loaders import DemoContext, load_departments_and_staff, load_governments

    printed: list[str] = []
    # The demo's recent decisions are dated from "today": 7 December 2026, whatever day
    # the suite runs on (the calendar data ends with 2026).
    day = time_machine.travel(datetime(2026, 12, 7, 9, tzinfo=ZoneInfo("Asia/Shanghai")), tick=True)
    with day, django_db_blocker.unblock(), transaction.atomic():
        ctx = DemoContext(out=printed.append)
        load_governments(ctx)
        load_departments_and_staff(ctx)
        rows = [power_row(n) for n in (1, 2)]
        rows += [
            power_row(n, type_name="行政处罚", abbreviation="CF", name=f"对违反会计法行为{n}的处罚")
            for n in (1, 2)
        ]
        import_list(ctx.city, workbook(rows), valid_from=date(2016, 1, 1))
        started = time.perf_counter()
        enforcement_demo.load_enforcement(ctx)
        seconds = time.perf_counter() - started
        enforcement_demo.load_enforcement(ctx)  # a second run adds nothing
        yield printed, seconds
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_world, db):
    return demo_world


def test_the_seed_figures_exactly_and_fast(demo):
    printed, seconds = demo
    assert EnforcementBody.objects.count() == 430
    assert Officer.objects.count() == 10594
    assert EnforcementBody.objects.values("government").distinct().count() == 8
    assert seconds < 60, seconds
    assert "已存在，跳过" in printed[-1]


def test_every_officer_was_valid_at_the_end_of_2016_and_the_card_says_so(demo):
    from gongkai.orgs.models import Government

    city = Government.objects.get(code="620500")
    assert Officer.objects.active(date(2016, 12, 31)).count() == 10594
    figures = {f.key: f.value for f in card_figures(city, 2016).figures}
    assert figures == {"enforcement_bodies": 430, "enforcement_officers": 10594}
    assert Officer.objects.active(date(2026, 12, 7)).count() < 10594  # some expired since
    numbers = list(Officer.objects.values_list("certificate_number", flat=True)[:50])
    assert all(n.startswith(("甘A", "62")) for n in numbers)


def test_2016_decisions_with_a_few_late_and_one_revoked(demo):
    year = Decision.objects.filter(decided_on__year=2016)
    assert year.count() == enforcement_demo.DECISIONS_2016
    late = [d for d in year if d.published_late]
    assert len(late) == enforcement_demo.LATE
    [revoked] = year.filter(withdrawn_on__isnull=False)
    assert revoked.withdrawal_reason.startswith("经行政复议") and not revoked.withdrawn_late
    assert not Decision.objects.public(date(2026, 12, 7)).filter(decided_on__year=2016).exists()
    assert Decision.objects.public(date(2026, 12, 7)).exists()  # the recent ones


def test_the_construction_credit_column_with_its_sources(demo):
    from gongkai.powers.models import Company, CreditRecord, Practitioner

    printed, _ = demo
    assert Company.objects.count() == 32 and Practitioner.objects.count() == 48
    sources = set(CreditRecord.objects.values_list("source__name", flat=True))
    assert {"天水市住房和城乡建设局", "天水市人力资源和社会保障局"} <= sources
    assert any("工程建设领域信用信息：企业32家" in line for line in printed)

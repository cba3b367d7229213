"""The demo's lists: the seed's figures exactly, through the real import, fast."""

import time
from datetime import date

import pytest

from gongkai.powers import queries
from gongkai.powers.models import Adjustment, Power


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    from django.db import transaction

    from gongkai.demo.loaders import DemoContext, load_departments_and_staff, load_governments
    from gongkai.powers.demo import load_powers

    printed: list[str] = []
    with django_db_blocker.unblock(), transaction.atomic():
        ctx = DemoContext(out=printed.append)
        load_governments(ctx)
        load_departments_and_staff(ctx)
        started = time.monotonic()
        load_powers(ctx)
        seconds = time.monotonic() - started
        load_powers(ctx)  # a second run adds nothing
        yield ctx, printed, seconds
        transaction.set_rollback(True)


def test_the_demo_has_the_seeds_figures(demo_world, db):
    ctx, printed, seconds = demo_world
    assert queries.summary(ctx.city).as_dict() == {
        "powers": 2900,
        "responsibilities": 19595,
        "accountabilities": 25788,
        "counties_powers": 17977,
    }
    assert len(ctx.counties) == 7
    assert seconds < 60, f"the demo's lists took {seconds:.0f} s"
    assert any("已导入行政权力2936项" in line for line in printed)


def test_the_2016_adjustments_cancelled_and_devolved_36_licences(demo_world, db):
    ctx, _, _ = demo_world
    rows = list(queries.year_adjustments(ctx.city, 2016))
    assert len(rows) == 36
    assert {r.get_kind_display() for r in rows} == {"取消", "下放"}
    assert all(r.before.power_type.abbreviation == "XK" for r in rows)
    assert Adjustment.objects.filter(government=ctx.city).count() == 2
    assert queries.summary(ctx.city, date(2016, 3, 1)).powers == 2936


def test_names_are_realistic_and_codes_follow_the_wushan_pattern(demo_world, db):
    ctx, _, _ = demo_world
    penalty = Power.objects.filter(government=ctx.city, power_type__abbreviation="CF").first()
    assert penalty.name.startswith("对") and penalty.name.endswith("的处罚")
    wushan = Power.objects.filter(government__code="620524", department__name="武山县民政局")
    assert wushan.filter(code="62052400MZ-XK-0001").exists()
    assert not Power.objects.filter(name__contains="权力0").exists()


def test_the_other_two_lists_with_their_2016_changes(demo_world, db):
    from gongkai.powers.models import ListEntry, ListKind

    ctx, printed, _ = demo_world
    negative = ListEntry.objects.filter(government=ctx.city, kind=ListKind.NEGATIVE)
    funds = ListEntry.objects.filter(government=ctx.city, kind=ListKind.FUNDS)
    assert negative.current().count() == 17 and negative.as_of(date(2016, 11, 30)).count() == 18
    assert funds.current().count() == 20 and funds.as_of(date(2016, 8, 31)).count() == 20
    assert funds.get(code="ZX-016", valid_to=None).amount == 3600
    assert any("负面清单：18项" in line for line in printed)

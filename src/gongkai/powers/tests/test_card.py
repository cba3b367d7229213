"""The report card's 管理公开 section reads the list in force at the end of the year."""

from datetime import date

import pytest

from gongkai.powers.card_figures import card_figures, card_years
from gongkai.powers.models import AdjustmentKind, Power
from gongkai.powers.services.adjusting import Change, record_adjustment
from gongkai.powers.services.importing import import_list

from .helpers import full_workbook, power_row, workbook

pytestmark = pytest.mark.django_db


def _values(section):
    return {f.key: f.value for f in section.figures}


def test_the_card_counts_the_list_in_force_on_31_december(world):
    import_list(world.tianshui, full_workbook(3), valid_from=date(2016, 1, 1))
    county = power_row(1, code="62050200CZ-XK-0001", department="秦州区财政局", level="县级")
    import_list(world.qinzhou, workbook([county]), valid_from=date(2016, 1, 1))
    record_adjustment(
        world.tianshui,
        document_number="天政发〔2017〕3号",
        document_title="决定",
        decided_on=date(2017, 3, 1),
        effective_on=date(2017, 3, 1),
        changes=[Change(AdjustmentKind.CANCEL, [Power.objects.get(code="62050000CZ-XK-0001")])],
    )
    section = card_figures(world.tianshui, 2016)
    assert section.key == "management"
    assert _values(section) == {
        "powers": 3,
        "powers_responsibilities": 6,
        "powers_accountabilities": 12,
        "powers_counties": 1,
        "negative_list": 0,
        "funds_list": 0,
        "credit_companies": 0,
        "enforcement_officers": None,
    }
    assert "保留的行政权力3项，编制责任事项6项、追责情形12项；所辖县区权责清单共计行政权力1项" in (
        section.sentence
    )
    assert _values(card_figures(world.tianshui, 2017))["powers"] == 2
    officers = next(f for f in section.figures if f.key == "enforcement_officers")
    assert not officers.available and officers.status.startswith("暂未提供")
    assert (world.tianshui.path, 2017) in card_years()
    assert (world.qinzhou.path, 2016) in card_years()

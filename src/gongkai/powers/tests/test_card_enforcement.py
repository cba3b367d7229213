"""The report card's 管理公开 section gets the bodies and the officers valid on 31 December."""

from datetime import date

import pytest

from gongkai.powers.card_enforcement import card_figures
from gongkai.powers.models import Officer, OfficerStatus
from gongkai.reports.card.figures import report_card

from .enforcement_helpers import body

pytestmark = pytest.mark.django_db


def test_the_card_counts_bodies_and_officers_valid_at_the_end_of_the_year(world):
    own = body(world)
    body(world, world.qinzhou_finance, serial=2)
    for n, (expires, status, since) in enumerate(
        [
            (date(2020, 1, 1), OfficerStatus.ACTIVE, None),
            (date(2016, 12, 31), OfficerStatus.ACTIVE, None),
            (date(2016, 12, 30), OfficerStatus.ACTIVE, None),  # expired before 31 December
            (date(2020, 1, 1), OfficerStatus.REVOKED, date(2016, 12, 31)),  # from 1 January
            (date(2020, 1, 1), OfficerStatus.REVOKED, date(2016, 6, 1)),
        ]
    ):
        Officer.objects.create(
            body=own,
            name="李华",
            certificate_number=f"甘A1000000{n}",
            field="财政",
            issued_on=date(2015, 1, 1),
            expires_on=expires,
            status=status,
            status_since=since,
        )
    values = {f.key: f.value for f in card_figures(world.tianshui, 2016).figures}
    assert values == {"enforcement_bodies": 2, "enforcement_officers": 3}
    assert {f.key: f.value for f in card_figures(world.qinzhou, 2016).figures} == {
        "enforcement_bodies": 1,
        "enforcement_officers": 0,
    }
    card = report_card(world.tianshui, 2016)
    [section] = [s for s in card["sections"] if s["key"] == "management"]
    officers = [f for f in section["figures"] if f["key"] == "enforcement_officers"]
    assert len(officers) == 1 and officers[0]["available"] and officers[0]["value"] == 3
    assert "公布了2个行政执法主体和3名行政执法人员的基本信息" in section["sentence"]

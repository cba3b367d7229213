"""An officer whose certificate expired or was withdrawn is not active from the next
day, computed by date (Beijing), whatever job ran or did not."""

from datetime import date

import pytest

from gongkai.core.dates import today
from gongkai.powers.models import Officer, OfficerStatus

from .enforcement_helpers import body

pytestmark = pytest.mark.django_db


def _officer(the_body, number, **fields):
    values = {
        "name": "赵明",
        "field": "财政",
        "issued_on": date.fromordinal(today().toordinal() - 1000),
        "expires_on": date.fromordinal(today().toordinal() + 1000),
    } | fields
    return Officer.objects.create(body=the_body, certificate_number=number, **values)


def test_an_expiring_certificate_is_active_on_its_last_day_only(world, today_is):
    the_body = body(world)
    expiring = _officer(the_body, "甘A00000001", expires_on=today())
    assert expiring.is_active(today())
    assert list(Officer.objects.active(today())) == [expiring]
    tomorrow = today_is(date.fromordinal(today().toordinal() + 1))
    assert today() == tomorrow
    assert not expiring.is_active(today())
    assert not Officer.objects.active(today()).exists()
    assert expiring.public_status(today()) == "已过期"


def test_a_withdrawn_certificate_stops_being_active_the_next_day(world, today_is):
    the_body = body(world)
    withdrawn = _officer(
        the_body, "甘A00000002", status=OfficerStatus.REVOKED, status_since=today()
    )
    assert Officer.objects.active(today()).get() == withdrawn
    today_is(date.fromordinal(today().toordinal() + 1))
    assert not Officer.objects.active(today()).exists()
    assert withdrawn.public_status(today()) == "已吊销"


def test_a_certificate_not_yet_issued_is_not_active(world):
    the_body = body(world)
    later = _officer(the_body, "甘A00000003", issued_on=date.fromordinal(today().toordinal() + 1))
    assert not later.is_active(today()) and later.public_status(today()) == "未生效"


@pytest.mark.django_db(transaction=True)
def test_the_display_periods_come_back_after_a_flush():
    from django.core.management import call_command

    from gongkai.powers.models import DisplayPeriod

    call_command("flush", "--noinput", verbosity=0)
    rows = {(p.kind, p.severity): (p.min_months, p.max_months) for p in DisplayPeriod.objects.all()}
    assert rows[("penalty", "general")] == (3, 12)
    assert rows[("penalty", "serious")] == (12, 36)

"""Dates messages keep on their own rows are recounted when the calendar changes, like the
clocks: here the import of 2027's official arrangement over the provisional calendar."""

from datetime import date

import pytest

from gongkai.audit.models import AuditEvent
from gongkai.workdays import is_provisional
from gongkai.workdays.importing import import_arrangement_text

from .helpers import assigned

pytestmark = pytest.mark.django_db

OFFICIAL_2027 = "year 2027\nsource 测试用安排\nholiday 2027-01-01 元旦\nholiday 2027-01-04 元旦\n"


def test_the_return_window_is_recounted_when_the_official_arrangement_is_imported(world, today_is):
    today_is(date(2026, 12, 31))
    message = assigned(world, date(2026, 12, 30))
    lead = message.assignments.get(role="lead")
    # 2 working days: Thursday 31 December and, 元旦 projected on Friday, Monday 4 January
    assert lead.return_by == date(2027, 1, 4) and is_provisional(lead.return_by)

    import_arrangement_text(OFFICIAL_2027, actor=world.admin)

    lead.refresh_from_db()
    assert lead.return_by == date(2027, 1, 5)
    event = AuditEvent.objects.get(action="calendar.stored_dates.recompute")
    assert event.actor == world.admin
    assert event.after["changed"]["interaction.return_by"] == [
        {"id": lead.pk, "old": "2027-01-04", "new": "2027-01-05"}
    ]
    assert "导入2027年节假日安排" in event.after["reason"]


def test_nothing_is_recorded_when_no_stored_date_moves(world, today_is):
    today_is(date(2026, 11, 3))
    assigned(world, date(2026, 11, 2))
    import_arrangement_text(OFFICIAL_2027, actor=world.admin)
    assert not AuditEvent.objects.filter(action="calendar.stored_dates.recompute").exists()

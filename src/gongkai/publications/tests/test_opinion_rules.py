"""舆情回应's hours: calendar hours across midnight and holidays, as data."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from gongkai.publications.models import ResponseLimit
from gongkai.publications.rules import UnknownLevel, response_due

BEIJING = ZoneInfo("Asia/Shanghai")


def at(*parts, tz=BEIJING):
    return datetime(*parts, tzinfo=tz)


@pytest.mark.django_db
def test_a_major_emergency_seen_at_22_00_before_national_day():
    due = response_due("major", at(2026, 9, 30, 22, 0))
    assert due == {
        "information": at(2026, 10, 1, 3, 0),  # across midnight into the holiday
        "press_conference": at(2026, 10, 1, 22, 0),
    }
    assert all(moment.tzinfo == BEIJING for moment in due.values())


@pytest.mark.django_db
def test_a_hot_issue_over_the_spring_festival_gets_48_hours():
    assert response_due("hot", at(2026, 2, 16, 9, 30)) == {"response": at(2026, 2, 18, 9, 30)}


@pytest.mark.django_db
def test_an_instant_in_another_zone_is_answered_in_beijing_time():
    due = response_due("hot", at(2026, 2, 16, 1, 30, tz=ZoneInfo("UTC")))
    assert due["response"] == at(2026, 2, 18, 9, 30) and due["response"].tzinfo == BEIJING


@pytest.mark.django_db
def test_the_hours_are_data():
    ResponseLimit.objects.filter(level="major", kind="information").update(hours=3)
    assert response_due("major", at(2026, 5, 4, 8, 0))["information"] == at(2026, 5, 4, 11, 0)


@pytest.mark.django_db
def test_bad_input_is_refused():
    with pytest.raises(UnknownLevel):
        response_due("minor", at(2026, 5, 4, 8, 0))
    with pytest.raises(ValueError, match="timezone-aware"):
        response_due("hot", datetime(2026, 5, 4, 8, 0))

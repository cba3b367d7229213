"""``in_years``: a calendar year as Beijing counts it, whatever the database's time zone."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from gongkai.core.dates import in_years
from gongkai.workflow.models import Entry

BEIJING = ZoneInfo("Asia/Shanghai")
UTC = ZoneInfo("UTC")


@pytest.mark.django_db
def test_new_year_s_eve_and_new_year_s_day_fall_in_their_beijing_years(world):
    moments = {
        "last_minute_2015": datetime(2015, 12, 31, 23, 59, tzinfo=BEIJING),
        "first_minute_2016": datetime(2016, 1, 1, 0, 0, tzinfo=BEIJING),
        # 2016-12-31 17:30 UTC is already 2017-01-01 01:30 in Beijing.
        "utc_still_2016": datetime(2016, 12, 31, 17, 30, tzinfo=UTC),
        "mid_2018": datetime(2018, 6, 1, 12, 0, tzinfo=BEIJING),
    }
    for name, at in moments.items():
        Entry.objects.create(subject=world.finance, workflow="test", kind=name, label=name, at=at)

    def kinds(*years):
        return set(
            Entry.objects.filter(workflow="test")
            .filter(in_years("at", years))
            .values_list("kind", flat=True)
        )

    assert kinds(2016) == {"first_minute_2016"}
    assert kinds(2015, 2017) == {"last_minute_2015", "utc_still_2016"}
    assert kinds(2018) == {"mid_2018"}
    assert kinds() == {"last_minute_2015", "first_minute_2016", "utc_still_2016", "mid_2018"}

"""A report card (成绩单) sums up a year that has ended (Beijing time): the list offers no
card for the year in progress, and its page and PDF answer 404 with a note saying when
the card comes. Every date is explicit."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from gongkai.reports.card.figures import years_with_data
from gongkai.testing import factories

from .test_card import item

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")


def at(monkeypatch, *args):
    moment = datetime(*args, tzinfo=BEIJING)
    monkeypatch.setattr("django.utils.timezone.now", lambda: moment)


@pytest.fixture
def two_years(world):
    """Items published in 2025 and in 2026 by 天水市财政局, the site's government."""
    from django.core.cache import cache

    cache.clear()
    factories.site_profile(world.tianshui)
    item("Y25", world.finance, datetime(2025, 5, 6, 9, tzinfo=BEIJING))
    item("Y26", world.finance, datetime(2026, 5, 6, 9, tzinfo=BEIJING))
    yield world
    cache.clear()


def test_the_list_offers_no_card_for_the_year_in_progress(client, two_years, monkeypatch):
    at(monkeypatch, 2026, 12, 31, 23, 59)  # the last minute of 2026 in Beijing
    html = client.get("/nianbao/chengjidan/").content.decode()
    assert "/nianbao/chengjidan/620500/2025/" in html
    assert "/nianbao/chengjidan/620500/2026/" not in html and 'id="card-year-2026"' not in html
    assert [y for y, _g in years_with_data([two_years.tianshui])] == [2025]

    at(monkeypatch, 2027, 1, 1, 0, 0)  # 2026 has ended
    html = client.get("/nianbao/chengjidan/").content.decode()
    assert "/nianbao/chengjidan/620500/2026/" in html


def test_the_card_of_the_year_in_progress_is_not_found_with_a_note(client, two_years, monkeypatch):
    at(monkeypatch, 2026, 12, 7, 10)
    for url in ("/nianbao/chengjidan/620500/2026/", "/nianbao/chengjidan/620500/2027/"):
        response = client.get(url)
        assert response.status_code == 404, url
        html = response.content.decode()
        assert "年尚未结束" in html and "年度结束后" in html, url
    assert client.get("/nianbao/chengjidan/620500/2026.pdf").status_code == 404
    assert client.get("/nianbao/chengjidan/620500/2025/").status_code == 200

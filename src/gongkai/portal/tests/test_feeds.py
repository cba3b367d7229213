"""gongkai.portal.feeds: the feeds' dates are written in Beijing time, the same instant."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from gongkai.portal.feeds import AtomFeed, RssFeed, local_time

BEIJING = ZoneInfo("Asia/Shanghai")


def test_an_instant_is_shown_in_beijing_time_and_stays_the_same_instant():
    utc = datetime(2026, 3, 3, 0, 30, tzinfo=UTC)
    local = local_time(utc)
    assert local == utc and local.utcoffset().total_seconds() == 8 * 3600
    assert (local.hour, local.minute) == (8, 30)


def test_a_naive_time_is_taken_as_beijing_time_and_dates_are_left_alone():
    assert local_time(datetime(2026, 3, 3, 8, 30)) == datetime(2026, 3, 3, 8, 30, tzinfo=BEIJING)
    assert local_time(date(2026, 3, 3)) == date(2026, 3, 3)
    assert local_time(None) is None


def test_both_generators_write_plus_eight_hours():
    for generator, written in (
        (RssFeed, "<pubDate>Tue, 03 Mar 2026 08:30:00 +0800</pubDate>"),
        (AtomFeed, "<published>2026-03-03T08:30:00+08:00</published>"),
    ):
        feed = generator(title="t", link="http://testserver/", description="d")
        feed.add_item(
            title="x",
            link="http://testserver/x/",
            description="",
            unique_id="http://testserver/x/",
            pubdate=datetime(2026, 3, 3, 0, 30, tzinfo=UTC),
        )
        assert written in feed.writeString("utf-8")

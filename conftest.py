"""Fixtures shared by every test in the project."""

import pytest


@pytest.fixture(autouse=True)
def _fresh_calendar_engine():
    """The working-day engine caches the calendar per process; a test that changed
    it inside its rolled-back transaction must leave no trace for the next one."""
    from gongkai.workdays import invalidate

    invalidate()
    yield
    invalidate()


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Pages stored by one test must not answer the next (its rows were rolled back)."""
    from django.core.cache import caches

    caches["pages"].clear()
    yield


@pytest.fixture
def world(db):
    from gongkai.testing.factories import World

    return World()


@pytest.fixture
def today_is():
    """Move the test run's clock (see gongkai.testing.env) to another day, 09:00 Beijing
    time by default, for this test only: ``today_is(date(2026, 12, 22))``."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    import time_machine

    travels = []

    def move(day, hour: int = 9, minute: int = 0):
        moment = datetime(
            day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo("Asia/Shanghai")
        )
        travel = time_machine.travel(moment, tick=True)
        travel.start()
        travels.append(travel)
        return day

    yield move
    for travel in reversed(travels):
        travel.stop()


@pytest.fixture(autouse=True)
def _empty_search_index():
    """Each test starts with an empty embedded search index (the entries of the last one
    were rolled back; so was its change log)."""
    from gongkai.search import embedded

    embedded.reset()
    yield

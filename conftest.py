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


@pytest.fixture(scope="session", autouse=True)
def _generated_documents_kept_aside(tmp_path_factory):
    """Generated documents (``gongkai.core.generated``) go to a directory of the test run,
    never to ``var/``; a test that needs its own uses ``generated_storage``."""
    from django.test import override_settings

    with override_settings(STORAGES=_with_generated(tmp_path_factory.mktemp("generated"))):
        yield


def _with_generated(location):
    from django.conf import settings

    generated = {**settings.STORAGES["generated"], "OPTIONS": {"location": str(location)}}
    return {**settings.STORAGES, "generated": generated}


@pytest.fixture
def generated_storage(settings, tmp_path):
    """An empty storage of generated documents for this test only; its directory."""
    location = tmp_path / "generated"
    settings.STORAGES = _with_generated(location)
    return location


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

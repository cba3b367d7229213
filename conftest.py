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


@pytest.fixture
def world(db):
    from gongkai.testing.factories import World

    return World()

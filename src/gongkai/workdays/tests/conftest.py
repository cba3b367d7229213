"""Fixtures of the working-day tests.

The calendar 2004–2026 comes from the data migration, so it is in every test
database. The engine caches it per process: forget it around each test so a
test that changes the calendar (inside its rolled-back transaction) leaves no
trace for the next one.
"""

from datetime import date

import pytest

from gongkai.workdays import invalidate


@pytest.fixture(autouse=True)
def _fresh_engine():
    invalidate()
    yield
    invalidate()


@pytest.fixture
def frozen_today(monkeypatch):
    """Fix ``timezone.localdate()`` (the platform's "today") to a given date."""

    def freeze(day: date) -> date:
        monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: day)
        return day

    return freeze


@pytest.fixture
def start(world):
    """Start a clock on the world's finance bureau, with the 条例 Art. 33 defaults."""
    from gongkai.workdays.clocks import start_clock

    counter = iter(range(1, 10_000))

    def start_(start_date: date, limit_days: int = 20, **fields):
        fields.setdefault("stage", f"reply-{next(counter)}")
        fields.setdefault("label", "依申请公开：关于2026年财政预算的申请")
        fields.setdefault("department", world.finance)
        fields.setdefault("max_extensions", 1)
        fields.setdefault("max_extension_days", 20)
        fields.setdefault("actor", world.handler_finance)
        subject = fields.pop("subject", world.finance)
        return start_clock(subject, start_date=start_date, limit_days=limit_days, **fields)

    return start_

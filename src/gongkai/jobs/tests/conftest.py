import pytest

from gongkai.jobs import registry
from gongkai.jobs.registry import Schedule
from gongkai.jobs.scheduler import autodiscover


@pytest.fixture
def only_test_schedules(monkeypatch):
    """The registry holding just the schedules a test declares."""
    autodiscover()  # the real jobs modules register now, not into the test's registry
    schedules: dict[str, Schedule] = {}
    monkeypatch.setattr(registry, "SCHEDULES", schedules)
    return schedules

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


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory):
    """An SQLite file migrated once per session; ``sites.new_site`` copies it."""
    from gongkai.jobs.tests.sites import migrate_template

    return migrate_template(tmp_path_factory.mktemp("template-site"))

"""pytest plugin loaded before Django is configured: selects the test mode and the date.

``GONGKAI_TEST_DATABASE_URL``, when set, makes the suite run on that database
(PostgreSQL in CI) instead of the embedded SQLite.

No test reads the real date: the whole run (every xdist worker, the live
server of the browser tests, the job worker) travels to one instant with
time-machine, and the clock ticks on from there. The instant is
``--today=YYYY-MM-DD[THH:MM]`` (Beijing time), or ``GONGKAI_TEST_TODAY``, by
default 2026-12-07 09:00: the December day on which the suite was found to
depend on the real date (deadlines reaching into 2027, whose holiday
arrangement was not loaded). CI also runs it in the late December of a year
far beyond the loaded calendar, so a test that only passes near the default
date is found.
"""

import os
from datetime import datetime
from zoneinfo import ZoneInfo

os.environ.setdefault("GONGKAI_ENV", "test")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
if os.environ.get("GONGKAI_TEST_DATABASE_URL"):
    os.environ["GONGKAI_DATABASE_URL"] = os.environ["GONGKAI_TEST_DATABASE_URL"]
elif os.environ.get("GONGKAI_ENV") == "test":
    os.environ.setdefault("GONGKAI_DATABASE_URL", "sqlite:///:memory:")

DEFAULT_TODAY = "2026-12-07T09:00"
BEIJING = ZoneInfo("Asia/Shanghai")

_travel = None


def pytest_addoption(parser):
    parser.addoption(
        "--today",
        default=os.environ.get("GONGKAI_TEST_TODAY", DEFAULT_TODAY),
        help="the date (and time, Beijing) the whole test run travels to: YYYY-MM-DD[THH:MM]",
    )


def test_instant(value: str) -> datetime:
    moment = datetime.fromisoformat(value if "T" in value else f"{value}T09:00")
    return moment.replace(tzinfo=BEIJING) if moment.tzinfo is None else moment


def pytest_configure(config):
    global _travel
    import time_machine

    _travel = time_machine.travel(test_instant(config.getoption("--today")), tick=True)
    _travel.start()


def pytest_report_header(config):
    return f"gongkai: every test runs at {test_instant(config.getoption('--today')):%Y-%m-%d %H:%M} Beijing time (--today)"


def pytest_unconfigure(config):
    global _travel
    if _travel is not None:
        _travel.stop()
        _travel = None

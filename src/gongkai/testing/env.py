"""pytest plugin loaded before Django is configured: selects the test mode.

``GONGKAI_TEST_DATABASE_URL``, when set, makes the suite run on that database
(PostgreSQL in CI) instead of the embedded SQLite.
"""

import os

os.environ.setdefault("GONGKAI_ENV", "test")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
if os.environ.get("GONGKAI_TEST_DATABASE_URL"):
    os.environ["GONGKAI_DATABASE_URL"] = os.environ["GONGKAI_TEST_DATABASE_URL"]
elif os.environ.get("GONGKAI_ENV") == "test":
    os.environ.setdefault("GONGKAI_DATABASE_URL", "sqlite:///:memory:")

"""The demo year, its seed and sizes."""

from __future__ import annotations

from zoneinfo import ZoneInfo

YEAR = 2016
SEED = 2016_05
KEY_PREFIX = f"demo-{YEAR}-"
BEIJING = ZoneInfo("Asia/Shanghai")
ORDINARY_COUNT = (
    180  # besides one per channel × type and the scripted cases: ~290 in all, ~1 minute
)

BULLETIN_MONTH = (YEAR, 11)  # its 督办专报 is made non-empty on purpose (docs/demo.md)
DEMO_ARGON2 = {"time_cost": 1, "memory_cost": 64, "parallelism": 1}
TYPES = ["consult", "help", "suggest", "complain", "report"]
TYPE_WEIGHTS = [25, 20, 15, 28, 12]

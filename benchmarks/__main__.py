"""`make bench`: every benchmark, each printing figures measured side by side in one run.

Run as `python -m benchmarks`. Each benchmark configures Django for its own
throw-away database, so each runs in its own process, one after the other.
Each benchmark has its own options (sizes, `--postgres URL`): run one alone for them,
e.g. `python -m benchmarks.reports --help`.
"""

import platform
import subprocess
import sys
import time

BENCHMARKS = [
    "benchmarks.workdays",
    "benchmarks.search",
    "benchmarks.quality",
    "benchmarks.pages",
    "benchmarks.applications",
    "benchmarks.messages",
    "benchmarks.reports",
    "benchmarks.documents",
    "benchmarks.powers",
    "benchmarks.gazette",
    "benchmarks.services",
]


def main() -> int:
    print(
        f"gongkai benchmarks — Python {platform.python_version()}, {platform.machine()}, "
        f"{time.strftime('%Y-%m-%d %H:%M:%S')}",
        flush=True,
    )
    failed = 0
    for module in BENCHMARKS:
        failed |= subprocess.call([sys.executable, "-m", module]) != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""`make bench`: every benchmark, each printing figures measured side by side in one run.

Run as `python -m benchmarks`. Each benchmark sets up its own throw-away
database and states its data sizes.
"""

import platform
import sys
import time


def main() -> None:
    print(
        f"gongkai benchmarks — Python {platform.python_version()}, {platform.machine()}, "
        f"{time.strftime('%Y-%m-%d %H:%M:%S')}"
    )
    from benchmarks import workdays

    workdays.main()
    sys.stdout.flush()


if __name__ == "__main__":
    main()

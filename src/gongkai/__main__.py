"""The ``gongkai`` console command: Django's manage.py for this project."""

import os
import sys

# Files the platform writes outside the upload storage (the database file, mail
# and SMS records, logs, generated keys) are for the service's user and group,
# never for every account on the machine; the web server and the worker that
# `gongkai serve` starts inherit this.
UMASK = 0o027


def main() -> None:
    os.umask(UMASK)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()

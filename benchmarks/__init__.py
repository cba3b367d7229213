"""Benchmarks: scripts printing figures measured side by side in one run (`make bench`)."""


def analyze_after_load() -> None:
    """Refresh PostgreSQL's statistics after a bulk load, before reading the rows back.

    Right after a bulk load the planner still believes the tables are empty
    (autovacuum may not have analysed them yet): indexing a million fresh
    items then crawled at about 17 items/s on keyset batches, and ran at
    about 400 items/s once the tables were analysed. SQLite needs nothing.
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

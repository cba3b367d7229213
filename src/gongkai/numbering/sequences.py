"""Gap-free, never-duplicated counters.

The increment is one conditional ``UPDATE … SET last_value = last_value + 1``:
on PostgreSQL it locks the row until the caller's transaction ends, so a second
caller waits and then reads the next value; on SQLite every write transaction
is immediate (settings) so writers are serialised anyway. The first value of a
new scope/period is created with an INSERT; a concurrent creator hits the
unique constraint and falls back to the UPDATE.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F

from .models import Sequence


def next_value(scope: str, period: str = "") -> int:
    """The next value (1, 2, 3 …) of ``scope`` in ``period``."""
    if not scope:
        raise ValueError("a sequence needs a scope")
    with transaction.atomic():
        rows = Sequence.objects.filter(scope=scope, period=period)
        if rows.update(last_value=F("last_value") + 1) == 0:
            try:
                with transaction.atomic():
                    Sequence.objects.create(scope=scope, period=period, last_value=1)
                return 1
            except IntegrityError:
                rows.update(last_value=F("last_value") + 1)
        return rows.values_list("last_value", flat=True).get()


def peek_value(scope: str, period: str = "") -> int:
    """The last value handed out (0 if none): for display, never for numbering."""
    value = (
        Sequence.objects.filter(scope=scope, period=period)
        .values_list("last_value", flat=True)
        .first()
    )
    return value or 0

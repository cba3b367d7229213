"""How a clock counts: pure functions over an engine, shared by actions, recompute and explain.

Convention (条例 Art. 31/33 as applied by the platform; docs/calendar.md):

* Counting starts the day after the start (or restart) day: that day is not counted.
* A pause from day P to day R excludes the working days in (P, R]: the clock
  still counts P and counts again from the day after R, the same convention
  as for the receipt day. An open pause (R unknown) excludes everything after P.
* Pauses ending on or before the counting start no longer matter (restart).
* The due date is the day on which the ``target`` counted working days are
  reached, target = limit + every approved extension. It is always a working
  day, so a deadline that would fall on a holiday moves to the next working day
  by construction.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from .engine import Engine

Span = tuple[date, date | None]


def effective_pauses(start: date, pauses: Iterable[Span]) -> list[Span]:
    """Pauses that matter after ``start``, clipped to it, in order."""
    result = []
    for starts_on, ends_on in sorted(pauses, key=lambda p: p[0]):
        if ends_on is not None and ends_on <= start:
            continue
        result.append((max(starts_on, start), ends_on))
    return result


def compute_due(engine: Engine, start: date, target: int, pauses: Iterable[Span]) -> date | None:
    """The due date, or None while an open pause holds it before the target is reached."""
    cursor = start
    remaining = target
    for starts_on, ends_on in effective_pauses(start, pauses):
        if ends_on is not None and ends_on <= cursor:
            continue
        starts_on = max(starts_on, cursor)
        available = engine.between(cursor, starts_on)
        if remaining <= available:
            return engine.add(cursor, remaining)
        remaining -= available
        if ends_on is None:
            return None
        cursor = ends_on
    return engine.add(cursor, remaining)


def counted_days(engine: Engine, start: date, pauses: Iterable[Span], until: date | None) -> int:
    """Counted working days in (start, until], pauses excluded. ``until`` None: 0."""
    if until is None or until <= start:
        return 0
    cursor = start
    counted = 0
    for starts_on, ends_on in effective_pauses(start, pauses):
        if ends_on is not None and ends_on <= cursor:
            continue
        starts_on = max(starts_on, cursor)
        if until <= starts_on:
            break
        counted += engine.between(cursor, starts_on)
        if ends_on is None or until <= ends_on:
            return counted
        cursor = ends_on
    return counted + engine.between(cursor, until)

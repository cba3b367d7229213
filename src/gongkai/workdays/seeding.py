"""Seeding the calendar from the ``chinese-calendar`` package (pinned 1.11.0: 2004–2026).

The package lists every day off of each holiday period (weekends included) and
every make-up working day. Only what differs from an ordinary week is stored:
weekday holidays as ``holiday`` and weekend working days as ``workday``.

Used by the data migration ``0002_seed_calendar`` (with historical models), by
the ``post_migrate`` hook that refills an emptied calendar (test databases are
emptied between transactional tests), and by ``gongkai calendar seed``.
"""

from __future__ import annotations

from datetime import date


def package_source() -> str:
    import chinese_calendar

    return f"chinese-calendar {chinese_calendar.__version__}（国务院办公厅历年节假日安排通知）"


def package_calendar() -> dict[int, list[tuple[date, str, str]]]:
    """``{year: [(date, kind, Chinese name), ...]}`` for every year the package covers."""
    from chinese_calendar import Holiday, holidays, workdays

    names = {holiday.value: holiday.chinese for holiday in Holiday}
    first = min(d.year for d in holidays)
    last = max(d.year for d in holidays)
    calendar: dict[int, list[tuple[date, str, str]]] = {y: [] for y in range(first, last + 1)}
    for day, english in holidays.items():
        if day.weekday() < 5:
            calendar[day.year].append((day, "holiday", names.get(english, english)))
    for day, english in workdays.items():
        if day.weekday() >= 5:
            calendar[day.year].append((day, "workday", names.get(english, english)))
    for rows in calendar.values():
        rows.sort()
    return calendar


def seed_with_models(
    calendar_year_model, special_day_model, revision_model, *, only_if_empty: bool
):
    """Write every package year missing from the database; returns the years written.

    Takes the model classes so the data migration can pass historical models.
    Writes no audit event (used while migrating).
    """
    import uuid

    from django.utils import timezone

    if only_if_empty and calendar_year_model.objects.exists():
        return []
    present = set(calendar_year_model.objects.values_list("year", flat=True))
    source = package_source()
    written = []
    for year, rows in package_calendar().items():
        if year in present:
            continue
        calendar_year_model.objects.create(year=year, source=source, loaded_at=timezone.now())
        special_day_model.objects.filter(year=year).delete()
        special_day_model.objects.bulk_create(
            special_day_model(date=d, kind=kind, name=name, year=d.year) for d, kind, name in rows
        )
        written.append(year)
    if written:
        revision_model.objects.update_or_create(
            id=1, defaults={"token": uuid.uuid4().hex, "changed_at": timezone.now()}
        )
    return written


def seed_if_empty(sender, *, apps=None, using="default", **kwargs) -> None:
    """``post_migrate`` receiver: refill the calendar when it has no year at all.

    Runs after every ``migrate`` and after test databases are flushed; a no-op
    whenever any year is present, so an administrator's data is never touched.
    """
    if apps is None:  # ``flush`` sends the signal without the migration state
        from django.apps import apps
    try:
        year_model = apps.get_model("workdays", "CalendarYear")
        day_model = apps.get_model("workdays", "SpecialDay")
        revision_model = apps.get_model("workdays", "CalendarRevision")
    except LookupError:  # migrated backwards past the calendar tables
        return
    if using != "default":
        return
    seed_with_models(year_model, day_model, revision_model, only_if_empty=True)
    from .engine import invalidate

    invalidate()

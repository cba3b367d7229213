"""Actions that change the calendar. Every calendar write goes through here.

Each change, in one transaction: write the rows → renew ``CalendarRevision``
(so every process rebuilds its working-day table) → audit event → recompute the
due dates of every open clock (``recompute_open_clocks``) and the working-day
dates modules store on their own rows (``stored.recompute_stored_dates``). If anything fails the
transaction rolls back and this process forgets its cached table.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone

from gongkai.audit.services import record

from .engine import invalidate
from .models import CalendarRevision, CalendarYear, SpecialDay


@dataclass
class YearArrangement:
    """One year's special days, as imported or seeded."""

    year: int
    days: list[tuple[date, str, str]]  # (date, "holiday" | "workday", name)
    source: str
    note: str = ""
    notes: list[str] = field(default_factory=list)  # remarks for the person importing


@dataclass
class ChangeResult:
    years: list[int] = field(default_factory=list)
    clocks_changed: int = 0


def _describe(rows: Iterable[tuple[date, str, str]]) -> list[str]:
    kinds = {"holiday": "放假", "workday": "上班"}
    return [f"{d:%Y-%m-%d} {kinds.get(k, k)} {n}" for d, k, n in sorted(rows)]


def renew_revision() -> str:
    token = uuid.uuid4().hex
    CalendarRevision.objects.update_or_create(
        id=1, defaults={"token": token, "changed_at": timezone.now()}
    )
    invalidate()
    return token


@contextmanager
def _calendar_transaction():
    """``transaction.atomic()`` that also drops this process's table if it rolls back."""
    try:
        with transaction.atomic():
            yield
    except BaseException:
        invalidate()
        raise


def _after_change(*, reason: str, actor) -> int:
    from .clocks import recompute_open_clocks
    from .stored import recompute_stored_dates

    renew_revision()
    changed = recompute_open_clocks(reason=reason, actor=actor)
    recompute_stored_dates(reason=reason, actor=actor)
    return changed


def _write_year(arrangement: YearArrangement, *, actor, action: str) -> None:
    year = arrangement.year
    before = list(SpecialDay.objects.filter(year=year).values_list("date", "kind", "name"))
    existed = CalendarYear.objects.filter(year=year).exists()
    SpecialDay.objects.filter(year=year).delete()
    calendar_year, _ = CalendarYear.objects.update_or_create(
        year=year,
        defaults={
            "source": arrangement.source,
            "note": arrangement.note,
            "loaded_at": timezone.now(),
        },
    )
    SpecialDay.objects.bulk_create(
        SpecialDay(date=d, kind=kind, name=name, year=d.year)
        for d, kind, name in sorted(arrangement.days)
    )
    record(
        action,
        actor=actor,
        obj=calendar_year,
        object_repr=f"{year}年节假日安排",
        before={"covered": existed, "days": _describe(before)} if existed else None,
        after={
            "source": arrangement.source,
            "days": _describe(arrangement.days),
        },
    )


def replace_year(
    arrangement: YearArrangement, *, actor=None, action: str = "calendar.import"
) -> ChangeResult:
    """Replace one year's special days atomically and recompute open clocks."""
    with _calendar_transaction():
        _write_year(arrangement, actor=actor, action=action)
        changed = _after_change(
            reason=f"导入{arrangement.year}年节假日安排（{arrangement.source}）", actor=actor
        )
    return ChangeResult(years=[arrangement.year], clocks_changed=changed)


@dataclass
class SeedResult(ChangeResult):
    differing: list[int] = field(default_factory=list)  # present but unlike the package


def seed_from_package(*, actor=None, force: bool = False) -> SeedResult:
    """Add every year of ``chinese-calendar`` missing from the database.

    Idempotent. Years already present are left alone (an administrator may
    have corrected them); those that differ from the package are reported, and
    replaced only with ``force``.
    """
    from .seeding import package_calendar, package_source

    result = SeedResult()
    source = package_source()
    present = set(CalendarYear.objects.values_list("year", flat=True))
    with _calendar_transaction():
        for year, rows in package_calendar().items():
            if year in present:
                stored = set(
                    SpecialDay.objects.filter(year=year).values_list("date", "kind", "name")
                )
                if stored == set(rows):
                    continue
                result.differing.append(year)
                if not force:
                    continue
            _write_year(
                YearArrangement(year=year, days=rows, source=source),
                actor=actor,
                action="calendar.seed",
            )
            result.years.append(year)
        if result.years:
            result.clocks_changed = _after_change(
                reason=f"从 {source} 载入{_years_text(result.years)}", actor=actor
            )
    return result


def _years_text(years: list[int]) -> str:
    if len(years) == 1:
        return f"{years[0]}年"
    return f"{years[0]}–{years[-1]}年（共{len(years)}年）"


# -- single edits (the admin) ---------------------------------------------------


def save_special_day(day: SpecialDay, *, actor) -> int:
    """Create or change one special day; returns the number of clocks whose due date moved."""
    with _calendar_transaction():
        before = None
        if day.pk is not None:
            old = SpecialDay.objects.filter(pk=day.pk).first()
            before = _describe([(old.date, old.kind, old.name)]) if old else None
        day.save()
        record(
            "calendar.day.save",
            actor=actor,
            obj=day,
            before=before,
            after=_describe([(day.date, day.kind, day.name)]),
        )
        return _after_change(reason=f"修改节假日：{day}", actor=actor)


def delete_special_days(days: Iterable[SpecialDay], *, actor) -> int:
    days = list(days)
    if not days:
        return 0
    with _calendar_transaction():
        for day in days:
            record(
                "calendar.day.delete",
                actor=actor,
                obj=day,
                before=_describe([(day.date, day.kind, day.name)]),
            )
        SpecialDay.objects.filter(pk__in=[d.pk for d in days]).delete()
        names = "、".join(f"{d.date:%Y-%m-%d}" for d in days[:5])
        return _after_change(reason=f"删除节假日：{names}", actor=actor)


def save_calendar_year(calendar_year: CalendarYear, *, actor) -> int:
    with _calendar_transaction():
        created = calendar_year.pk is None
        calendar_year.save()
        record(
            "calendar.year.save",
            actor=actor,
            obj=calendar_year,
            after={"year": calendar_year.year, "source": calendar_year.source, "created": created},
        )
        return _after_change(reason=f"修改日历年度：{calendar_year.year}年", actor=actor)


def delete_calendar_years(years: Iterable[CalendarYear], *, actor) -> int:
    """Remove years from the calendar, with their special days."""
    years = list(years)
    if not years:
        return 0
    with _calendar_transaction():
        for calendar_year in years:
            days = SpecialDay.objects.filter(year=calendar_year.year)
            record(
                "calendar.year.delete",
                actor=actor,
                obj=calendar_year,
                before={
                    "source": calendar_year.source,
                    "days": _describe(days.values_list("date", "kind", "name")),
                },
            )
            days.delete()
        CalendarYear.objects.filter(pk__in=[y.pk for y in years]).delete()
        text = "、".join(str(y.year) for y in years)
        return _after_change(reason=f"删除日历年度：{text}年", actor=actor)

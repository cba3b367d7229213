"""Which years have annual reports, which one is being written now, and who was expected
to publish one (条例第四十九条).

* ``reporting_year(today)`` — the year whose reports are due: the last complete year,
  ``today.year - 1`` all year round. In January–March of Y the reports of Y-1 are due
  (agencies by 31 January, governments by 31 March); from April to December Y-1 is still
  the last complete year — its late reports are the ones to chase — and the report of Y
  cannot be written before Y has ended.
* ``report_years(today)`` — every year from the first with records or reports on the
  platform to the reporting year (or a later year that already has a report), without
  gaps, newest first.
* ``governments_in_use(year)`` — the governments whose own agencies (本级) had records on
  the platform in ``year``: an item published, an application received, a message
  written on its channels, or an annual report of the year. Agencies and governments
  carry no founding or closing dates, so whether a unit existed and was in use in a
  past year is read from the records: a unit in use (在用) whose government used the
  platform that year was expected to report on it; before its government's first
  record, the platform was not in use there, and a missing report is not 逾期.

Each is a few aggregate queries, however many agencies there are.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import Max, Min
from django.utils import timezone

from .models import AnnualReport


def reporting_year(today: date) -> int:
    return today.year - 1


def _sources():
    """(records, field naming their government, field dating them) of every kind of record."""
    from gongkai.applications.models import Application
    from gongkai.disclosure.models import InformationItem
    from gongkai.interaction.models import Message

    return [
        (
            InformationItem.objects.filter(published_at__isnull=False),
            "government_id",
            "published_at",
        ),
        (Application.objects.received(), "department__government_id", "received_on"),
        (Message.objects.all(), "channel__government_id", "submitted_at"),
    ]


def _year(moment) -> int:
    return timezone.localtime(moment).year if isinstance(moment, datetime) else moment.year


def first_year() -> int | None:
    """The first year with records or annual reports on the platform (Beijing time)."""
    years = [AnnualReport.objects.aggregate(first=Min("year"))["first"]]
    for records, _government, dated in _sources():
        first = records.aggregate(first=Min(dated))["first"]
        years.append(_year(first) if first is not None else None)
    years = [y for y in years if y is not None and 2000 <= y <= 2100]
    return min(years, default=None)


def report_years(today: date) -> list[int]:
    """From the first year with records or reports to the reporting year (or a later year
    that already has a report), newest first, without gaps."""
    last = reporting_year(today)
    latest_report = AnnualReport.objects.aggregate(last=Max("year"))["last"]
    if latest_report is not None:
        last = max(last, latest_report)
    first = min(first_year() or last, last)
    return list(range(last, first - 1, -1))


def governments_in_use(year: int) -> set[int]:
    """Ids of the governments whose own agencies had records on the platform in ``year``."""
    found: set[int] = set()
    for records, government, dated in _sources():
        rows = records.filter(**{f"{dated}__year": year}).values_list(government, flat=True)
        found.update(rows.order_by().distinct())
    reports = AnnualReport.objects.filter(year=year)
    found.update(reports.values_list("department__government_id", flat=True).distinct())
    found.update(reports.values_list("government_id", flat=True).distinct())
    found.discard(None)
    return found

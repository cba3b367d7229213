"""The card's link to the government's annual report of the year. Every figure's
link to the public list it comes from is made by the module that counts it
(``gongkai.core.figures``)."""

from __future__ import annotations

from django.urls import reverse


def annual_report(government, year: int) -> str | None:
    """The government's published annual report (年度报告) of the year, if any."""
    from ..portal.views import public_reports

    pk = (
        public_reports()
        .filter(government=government, year=year)
        .values_list("pk", flat=True)
        .first()
    )
    return reverse("reports_portal:detail", args=[pk]) if pk else None

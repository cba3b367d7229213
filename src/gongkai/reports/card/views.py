"""The report card (成绩单) on the portal: the list of governments × years, one card's
page with its charts, and the same card as a PDF.

Governments shown are the site's government and those under it (every government
without a site profile), like the other columns; anything else, an unknown code or
a year outside 2000–2100 is 404; so is a year that has not ended (Beijing time), with a
note saying when its card comes. Every figure is computed on request from the
records (``figures.report_card``); nothing is frozen here — the annual report
(年度报告) is the frozen document. The PDF is rendered once per content version and day
and served from storage (``gongkai.core.generated``), with an ETag.
"""

from __future__ import annotations

from itertools import groupby

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from gongkai.core import generated
from gongkai.orgs.models import Government
from gongkai.portal.modules import MODULES_BY_SLUG
from gongkai.portal.site import in_scope, site_government

from .figures import card_title, report_card, years_with_data
from .present import present
from .stored import card_pdf as stored_card_pdf
from .visuals import card_charts

SECTION = MODULES_BY_SLUG["annual-reports"]
FIRST_YEAR, LAST_YEAR = 2000, 2100


def governments_in_scope() -> list[Government]:
    site = site_government()
    governments = Government.objects.order_by("path")
    if site is not None:
        governments = governments.filter(path__startswith=site.path)
    return list(governments)


def government_or_404(code: str) -> Government:
    government = Government.objects.filter(code=code).first()
    if government is None or not in_scope(site_government(), government):
        raise Http404("没有这个地区。")
    return government


def year_or_404(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404(f"年度应在 {FIRST_YEAR}–{LAST_YEAR} 之间。")
    return year


class YearNotEnded(Http404):
    """A card of a year that has not ended (Beijing time): it sums up a whole year."""


def ended_or_404(year: int) -> int:
    if year >= timezone.localdate().year:
        raise YearNotEnded(f"{year}年尚未结束，成绩单在年度结束后提供。")
    return year


def _not_ended(request, government, error: YearNotEnded):
    return render(
        request,
        "reports/card/not_ended.html",
        {"section": SECTION, "government": government, "note": str(error)},
        status=404,
    )


def _page(request, template: str, context: dict):
    return render(request, f"reports/card/{template}", {"section": SECTION, **context})


@require_safe
def index(request):
    pairs = years_with_data(governments_in_scope())
    years = [(year, [g for _, g in group]) for year, group in groupby(pairs, key=lambda p: p[0])]
    return _page(request, "index.html", {"years": years})


@require_safe
def card(request, code: str, year: int):
    government = government_or_404(code)
    try:
        ended_or_404(year_or_404(year))
    except YearNotEnded as error:
        return _not_ended(request, government, error)
    data = report_card(government, year)
    return _page(
        request,
        "card.html",
        {"data": present(data), "government": government, "charts": card_charts(data)},
    )


@require_safe
def card_pdf(request, code: str, year: int):
    """The PDF, rendered once per content version and day (``gongkai.core.generated``,
    like the card's page in the page cache, so the two always agree) and served from
    storage. A render computes the figures; ``stored`` skips WeasyPrint when they and
    the links came out as in a PDF already made (a bump elsewhere on the site)."""
    government = government_or_404(code)
    ended_or_404(year_or_404(year))
    base_url = request.build_absolute_uri("/")

    def render() -> bytes:
        data = report_card(government, year)
        return stored_card_pdf(government, year, data, base_url=base_url).content

    return generated.serve(
        request,
        f"report-card/{government.code}/{year}",
        render,
        ext="pdf",
        params={"base_url": base_url},
        dated=True,
        filename=f"{card_title(government, year)}.pdf",
        content_type="application/pdf",
        inline=True,
    )

"""The report card as a PDF (``gongkai.core.pdf``, page numbers), from the
same data as the page: the headline, the sections with their figures and sources, the
charts (inline SVG; a chart by unit longer than ``visuals.PDF_ROWS`` bars is drawn as
several, so that none is cut at a page's foot) and the note on how the figures are
computed. ``stored`` keeps the rendered PDF per version of this content."""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from gongkai.core.pdf import render_pdf

from .present import present
from .visuals import PDF_ROWS, card_charts

PDF_TEMPLATE = "reports/card/pdf.html"
PDF_STYLESHEET = "reports/card/pdf.css"


def _charts_css() -> str:
    path = finders.find("core/charts.css")
    if not path:
        return ""
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def card_html(data: dict, *, base_url: str = "") -> str:
    css = render_to_string(PDF_STYLESHEET) + "\n" + _charts_css()
    return render_to_string(
        PDF_TEMPLATE,
        {
            "data": present(data, base_url=base_url),
            "charts": card_charts(data, rows_per_chart=PDF_ROWS),
            "css": mark_safe(css),  # noqa: S308 (our own files)
        },
    )


def card_pdf_bytes(data: dict, *, base_url: str = "") -> bytes:
    """PDF bytes in the shipped font (``gongkai.core.pdf``); the charts are inline SVG.
    Renders every time: the portal serves the stored one (``stored.card_pdf``)."""
    return render_pdf(card_html(data, base_url=base_url), what="成绩单")

"""The report card's PDF rendered once per version of its HTML.

The portal serves the PDF from storage, made once per content version and day
(``gongkai.core.generated``, in ``views.card_pdf``); this is the second level, for when
that version moves on: rendering takes seconds (WeasyPrint lays out ten pages of tables
and charts), the data behind it about 25 queries. So a render computes the data and the
HTML the PDF is made from, and its fingerprint: the SHA-256 of that HTML (every figure,
chart, link and the stylesheet) with the renderer's font and WeasyPrint's version. A PDF
stored under that fingerprint (``ReportCardPdf``, a row in the database: shared by every gunicorn worker,
kept across restarts, written in one statement) is served as it is; otherwise the PDF is
rendered and stored. A bump that left the card as it was (something else published)
costs the figures but no WeasyPrint; a change in the records changes the HTML, so the
new version is rendered; the ``KEEP`` newest versions of a card are kept (a card may be
asked for under two host names, whose absolute links differ).

``renders`` counts the renders of this process (tests and the benchmark read it).
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.core.pdf import font_file, render_pdf

from ..models import ReportCardPdf
from .document import card_html

log = logging.getLogger(__name__)
KEEP = 3


class RenderCounter:
    """How many report-card PDFs this process has rendered."""

    def __init__(self):
        self._lock = threading.Lock()
        self.value = 0

    def add(self) -> None:
        with self._lock:
            self.value += 1


renders = RenderCounter()


@dataclass(frozen=True)
class CardPdf:
    content: bytes
    fingerprint: str
    rendered_at: datetime


def fingerprint(html: str) -> str:
    """The SHA-256 of what makes the PDF: its HTML and the renderer (font, WeasyPrint)."""
    import weasyprint

    digest = hashlib.sha256()
    for part in (f"weasyprint {weasyprint.__version__}", str(font_file()), html):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def card_pdf(government, year: int, data: dict, *, base_url: str = "") -> CardPdf:
    """The card's PDF for ``data``: the stored one of this content, else rendered now."""
    html = card_html(data, base_url=base_url)
    key = fingerprint(html)
    found = (
        ReportCardPdf.objects.filter(government=government, year=year, fingerprint=key)
        .values_list("pdf", "rendered_at")
        .first()
    )
    if found is not None:
        return CardPdf(bytes(found[0]), key, found[1])
    started = time.monotonic()
    content = render_pdf(html, what="成绩单")
    renders.add()
    log.info(
        "Rendered the %s %s report card PDF in %.1f s (%d bytes)",
        government.code,
        year,
        time.monotonic() - started,
        len(content),
    )
    rendered_at = timezone.now()
    try:
        with transaction.atomic():
            ReportCardPdf.objects.create(
                government=government,
                year=year,
                fingerprint=key,
                pdf=content,
                rendered_at=rendered_at,
            )
    except IntegrityError:  # another worker stored the same version a moment ago
        rendered_at = ReportCardPdf.objects.get(
            government=government, year=year, fingerprint=key
        ).rendered_at
    _prune(government, year)
    return CardPdf(content, key, rendered_at)


def _prune(government, year: int) -> None:
    """Keep the ``KEEP`` newest versions of the card."""
    versions = ReportCardPdf.objects.filter(government=government, year=year)
    old = versions.order_by("-rendered_at", "-pk").values_list("pk", flat=True)[KEEP:]
    ReportCardPdf.objects.filter(pk__in=list(old)).delete()

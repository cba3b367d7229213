"""The printable poster of a 政务公开栏 issue, as a PDF at the board's size
(``gongkai.core.pdf``): the page is the board (``@page size`` in millimetres), the
type scaled to its width so that it reads from a few steps away."""

from __future__ import annotations

from django.template.loader import render_to_string

from gongkai.core import generated
from gongkai.core.pdf import render_pdf

from .models import Board, BulletinIssue

TEMPLATE = "publications/print/poster.html"


def poster_html(issue: BulletinIssue, board: Board) -> str:
    base = max(12, round(board.width_mm / 20))  # points: 60 pt (about 2 cm) on a 1.2 m board
    return render_to_string(
        TEMPLATE,
        {
            "issue": issue,
            "board": board,
            "government": issue.government,
            "width": board.width_mm,
            "height": board.height_mm,
            "margin": max(10, board.width_mm // 20),
            "base": base,
            "title_size": base * 2,
            "paragraphs": [p.strip() for p in issue.text.splitlines() if p.strip()],
        },
    )


def render_poster(issue: BulletinIssue, board: Board) -> bytes:
    return render_pdf(poster_html(issue, board), what="政务公开栏")


def serve_poster(request, issue: BulletinIssue, board: Board):
    return generated.serve(
        request,
        f"bulletin/{issue.government.code}/{issue.pk}/{board.pk}",
        lambda: render_poster(issue, board),
        ext="pdf",
        filename=f"政务公开栏{issue.year}年第{issue.number}期（{board.name}）.pdf",
        content_type="application/pdf",
    )

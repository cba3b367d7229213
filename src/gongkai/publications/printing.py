"""The print edition (印刷版) of an issue as a PDF in gazette layout (``gongkai.core.pdf``).

Cover (title, 第N期 of the year, 总第N期, date), contents with the page on which each
document starts (CSS ``target-counter``), running heads (the gazette's title and the
issue) and page numbers, then each document in its official form: title, document
number (文号), issuing body, date written, body text. Pages are numbered from the cover
(page 1, unnumbered). ``issue_pdf`` keeps the rendered file per content version
(``gongkai.core.generated``).
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from gongkai.core import generated
from gongkai.core.dates import cn_date
from gongkai.core.pdf import render_pdf

from .contents import contents
from .models import Issue

TEMPLATE = "publications/print/issue.html"


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string, safe inside a ``<style>`` element."""
    escaped = "".join(f"\\{ord(c):x} " if c in '\\"<>&\n' else c for c in text)
    return f'"{escaped}"'


def issue_html(issue: Issue) -> str:
    head = f"《{issue.gazette.title}》　{issue.label}"
    return render_to_string(
        TEMPLATE,
        {
            "issue": issue,
            "gazette": issue.gazette,
            "sections": contents(issue),
            "running_head": mark_safe(css_string(head)),  # noqa: S308 (escaped above)
            "published": cn_date(issue.published_on) if issue.published_on else "",
        },
    )


def render_issue(issue: Issue) -> bytes:
    return render_pdf(issue_html(issue), what="政府公报")


def filename(issue: Issue) -> str:
    return f"{issue.gazette.title}{issue.year}年第{issue.year_number}期.pdf"


def serve_issue_pdf(request, issue: Issue):
    """The stored PDF of ``issue`` for the current content version, rendered when missing."""
    return generated.serve(
        request,
        f"gazette/{issue.gazette.government.code}/{issue.total_number}",
        lambda: render_issue(issue),
        ext="pdf",
        filename=filename(issue),
        content_type="application/pdf",
    )
